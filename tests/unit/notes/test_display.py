"""What reaches the terminal: control characters made visible, long lines folded."""

from __future__ import annotations

import io
import re

import pytest

from dlquiz.notes.display import FOLD_AT, display_markdown, fold_long_lines, visible

DANGEROUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize("raw, shown", [
    ("\x1b[31mred\x1b[0m", "␛[31mred␛[0m"),  # CSI colour
    ("\x1b]52;c;aGk=\x07", "␛]52;c;aGk=␇"),  # OSC 52: write the clipboard
    ("\x1b]0;title\x1b\\", "␛]0;title␛\\"),  # OSC 0 ended by ST: set the window title
    ("\x9b2J", "␛[2J"),  # C1 CSI: clear the screen
    ("\x9d0;title\x9c", "␛]0;title␛\\"),  # C1 OSC … ST
    ("a\rb", "a␍b"),  # carriage return: overwrite the line
    ("bell\x07", "bell␇"),
    ("del\x7f", "del␡"),
    ("nul\x00", "nul␀"),
    ("keep\tthis\nand that", "keep\tthis\nand that"),
    ("中文 ünïcödé …", "中文 ünïcödé …"),
])
def test_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_no_control_character_survives() -> None:
    every = "".join(chr(c) for c in range(0x00, 0xA0))
    assert not DANGEROUS.search(visible(every))
    assert visible(every).count("\n") == 1 and visible(every).count("\t") == 1


def test_an_answer_is_sanitised_too() -> None:
    answer = "# \x1b]52;c;ZXZpbA==\x07title\n\n- item \x9b31m\n\n$x^2$ \x1b[2J"
    shown = display_markdown(answer)
    assert not DANGEROUS.search(shown)
    assert "x²" in shown and "␛]52;c;ZXZpbA==␇" in shown


def _content(text: str) -> str:
    """The non-space characters of a text, markdown escapes removed."""
    return re.sub(r"\s|\\(?=[#>+*=|~`<.)-])", "", text)


def test_long_text_line_is_folded_into_paragraphs_keeping_every_character() -> None:
    line = "- " + " ".join(f"w{i}" for i in range(3000)) + " # not a heading " + "y" * 5000
    folded = fold_long_lines(line)
    lines = folded.split("\n")
    assert max(len(x) for x in lines) <= FOLD_AT
    assert _content(folded) == _content(line)
    assert lines[0].startswith("- ") and all(x.startswith("  ") or not x.strip()
                                             for x in lines[1:])
    assert not any(x.lstrip().startswith("#") for x in lines)  # a cut never makes a heading


def test_long_code_line_is_split_inside_its_fence() -> None:
    code = "```python\n    x = " + "1 + " * 2000 + "1\n```\nafter"
    folded = fold_long_lines(code)
    lines = folded.split("\n")
    assert lines[0] == "```python" and lines[-2:] == ["```", "after"]
    assert all(len(x) <= FOLD_AT for x in lines)
    assert all(x.startswith("    ") for x in lines[1:-2])
    assert _content(folded) == _content(code)


def test_short_lines_are_left_alone() -> None:
    text = "a\n\n- b\n```\ncode\n```\n" * 100
    assert fold_long_lines(text) == text


def _cpu_rich(markdown: str) -> float:
    import gc
    import time

    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(file=io.StringIO(), width=20, highlight=False, soft_wrap=False)
    gc.disable()
    try:
        start = time.process_time()
        console.print(Markdown(markdown))
        return time.process_time() - start
    finally:
        gc.enable()


def test_a_huge_one_line_answer_renders_in_linear_time() -> None:
    """Rich wraps and crops each paragraph as one text, in time quadratic in its length on
    a long CJK line (unfolded, 4x the text cost 8.9x here; a narrow console makes the
    quadratic part show at sizes a test can afford). Folded, at most 6x."""
    from dlquiz.ui import cjk

    cjk.install()  # as the CLI and the TUI do
    small = display_markdown("卷积神经网络的参数量" * 20_000)
    large = display_markdown("卷积神经网络的参数量" * 80_000)
    ratios = []
    for _ in range(3):
        ratio = min(_cpu_rich(large) for _ in range(2)) / min(_cpu_rich(small) for _ in range(2))
        ratios.append(ratio)
        if ratio <= 6:
            break
    assert min(ratios) <= 6, ratios
