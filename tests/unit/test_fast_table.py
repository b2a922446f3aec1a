"""FastTable must print exactly what rich's Table(box=None) prints: the same characters with
the same style on each, for random tables of Latin and Chinese text at several terminal
widths (rich is the oracle; nothing here is copied from FastTable's own output)."""

from __future__ import annotations

import random

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from dlquiz.cli.fast_table import FastTable
from dlquiz.ui import cjk

WORDS = ["Epoch", "Batchsize", "神经网络中的", "Iteration、", "卷积层的参数与输出尺寸", "a", "",
         "（注意）", "ReLU，", "梯度消失", "x" * 30, "learning-rate", "2026-11-28", "5d", "-"]
STYLES = ["", "green", "red", "yellow", "dodger_blue1", "bold", "dim"]


def styled_chars(console: Console, renderable: object) -> list[tuple[str, Style | None]]:
    """Every character printed, with its style (no style and the null style print alike),
    line by line."""
    out: list[tuple[str, Style | None]] = []
    for line in console.render_lines(renderable, pad=False):  # type: ignore[arg-type]
        for segment in Segment.simplify(line):
            out.extend((ch, segment.style or Style.null()) for ch in segment.text)
        out.append(("\n", None))
    return out


def random_table(rng: random.Random) -> FastTable:
    columns = rng.randint(1, 9)
    table = FastTable(*(rng.choice(["id", "deck", "no.", "title", "state", "lapses"])
                        for _ in range(columns)))
    for _ in range(rng.randint(0, 25)):
        table.add_row(*(Text(" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6))),
                             style=rng.choice(STYLES)) for _ in range(columns)))
    return table


@pytest.mark.parametrize("seed", range(60))
def test_fast_table_prints_what_rich_prints(seed: int) -> None:
    cjk.install_rich()
    rng = random.Random(seed)
    table = random_table(rng)
    for width in (30, 60, 80, 100, 160):
        console = Console(width=width, color_system="truecolor", force_terminal=True,
                          highlight=False, soft_wrap=False)
        assert styled_chars(console, table) == styled_chars(console, table.as_rich_table()), (
            seed, width)
        # `dlquiz cards` prints it uncropped: no line may be wider than the console
        lines = Segment.split_lines(console.render(table))
        assert max((Segment.get_line_length(line) for line in lines), default=0) <= width, (
            seed, width)


def test_a_multi_line_cell_is_left_to_rich() -> None:
    table = FastTable("title")
    table.add_row(Text("one\ntwo"))
    console = Console(width=40, highlight=False)
    assert styled_chars(console, table) == styled_chars(console, table.as_rich_table())
