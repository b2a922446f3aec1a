"""channel-shuffle: channel order after ShuffleNet's channel shuffle (reshape, transpose, flatten).

The engine has no shuffle op; the permutation is NumPy's reshape (g, C/g) → transpose →
flatten, exactly ShuffleNet's definition. Small layers ask for the whole new order; layers
of realistic width ask which original channels land at a few output positions.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.text import Bi, lst, steps

SMALL = ((4, 2), (6, 2), (6, 3), (8, 2), (8, 4), (9, 3), (10, 2), (10, 5), (12, 2), (12, 3),
         (12, 4), (12, 6), (14, 2), (15, 3), (15, 5), (16, 2), (16, 4), (16, 8))
WIDE_GROUPS = (2, 3, 4, 8)


def shuffle(order: np.ndarray, groups: int) -> np.ndarray:
    """Channel shuffle of a channel order with ``groups`` groups."""
    return order.reshape(groups, -1).T.reshape(-1)


def _repeat(order: np.ndarray, groups: int, times: int) -> np.ndarray:
    for _ in range(times):
        order = shuffle(order, groups)
    return order


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    times = 2 if difficulty == 3 else 1
    whole = difficulty != 2 and bool(rng.integers(2))
    if whole:
        c, g = pick(rng, SMALL)
    else:
        g = pick(rng, WIDE_GROUPS)
        c = g * between(rng, 4, 60 if difficulty == 2 else 12)
    start = np.arange(c)
    out = _repeat(start, g, times)
    wrong_groups = _repeat(start, c // g, times)
    how = Bi("（reshape 成 (g, C/g)，转置，再按行展平）", " (reshape to (g, C/g), transpose, "
             "flatten by rows)")
    twice = Bi("连续做两次", "twice in a row") if times == 2 else Bi("做一次", "once")
    setup = Bi(f"{c} 个通道按 0..{c - 1} 编号，groups={g}，{twice.zh} channel shuffle{how.zh}。",
               f"{c} channels are numbered 0..{c - 1}. Apply a channel shuffle with "
               f"groups={g} {twice.en}{how.en}.")
    if whole:
        pos = np.arange(c)
        ask = Bi("新的通道顺序是？", " What is the new channel order?")
    else:
        pos = np.sort(rng.choice(np.arange(1, c), 3, replace=False))
        where = ", ".join(str(int(p)) for p in pos)
        ask = Bi(f"输出的第 {where} 个位置（从 0 开始）上分别是原来的哪个通道？",
                 f" Which original channels end up at output positions {where} (0-based)?")
    answer = numbers(out[pos])
    grid = start.reshape(g, -1)
    shown = grid if c <= 16 else grid[:, :4]
    lines = [Bi(f"reshape 成 {g}×{c // g}：{[list(map(int, r)) for r in shown]}"
                + ("" if c <= 16 else " …"),
                f"reshape to {g}×{c // g}: {[list(map(int, r)) for r in shown]}"
                + ("" if c <= 16 else " …")),
             Bi(f"转置后按行展平：输出位置 p 上是原通道 (p mod {g})·{c // g} + ⌊p/{g}⌋",
                f"transpose and flatten: output position p holds channel (p mod {g})·{c // g} + "
                f"⌊p/{g}⌋")]
    if times == 2:
        lines.append(Bi("再做一次同样的置换", "apply the same permutation once more"))
    lines.append(Bi(f"结果：{lst(out[pos])}", f"result: {lst(out[pos])}"))
    mistakes = [
        Mistake(Bi("reshape 成了 (C/g, g)（把组数当成 C/g）", "reshaped to (C/g, g) (used C/g "
                   "groups)"), answer.like(wrong_groups[pos])),
        Mistake(Bi("没有转置（顺序没变）", "did not transpose (order unchanged)"),
                answer.like(start[pos])),
    ]
    if times == 2:
        mistakes.append(Mistake(Bi("只做了一次", "shuffled only once"),
                                answer.like(shuffle(start, g)[pos])))
    return Problem(setup + ask, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("channel-shuffle", "lightweight", Bi("Channel shuffle 顺序",
               "Channel shuffle order"), "list", build)
