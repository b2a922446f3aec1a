"""channel-shuffle: channel order after ShuffleNet's channel shuffle (reshape, transpose, flatten).

The engine has no shuffle op; the permutation is NumPy's reshape (g, C/g) → transpose →
flatten, exactly ShuffleNet's definition.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.text import Bi, lst, steps


def shuffle(order: np.ndarray, groups: int) -> np.ndarray:
    """Channel shuffle of a channel order with ``groups`` groups."""
    return order.reshape(groups, -1).T.reshape(-1)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    c, g = pick(rng, {1: ((6, 2), (6, 3), (8, 2)), 2: ((8, 4), (9, 3), (12, 3), (12, 4)),
                      3: ((8, 2), (12, 3), (12, 2))}[difficulty])
    times = 2 if difficulty == 3 else 1
    start = np.arange(c)
    out = start
    for _ in range(times):
        out = shuffle(out, g)
    answer = numbers(out)
    twice = Bi("连续做两次", "twice in a row") if times == 2 else Bi("", "once")
    prompt = Bi(f"通道按 0..{c - 1} 排列，groups={g}，做{twice.zh or '一次'} channel shuffle"
                "（reshape 成 (g, C/g)，转置，再展平）。新的通道顺序是？",
                f"Channels are ordered 0..{c - 1}. Apply a channel shuffle with groups={g} "
                f"{twice.en} (reshape to (g, C/g), transpose, flatten). What is the new order?")
    grid = start.reshape(g, -1)
    lines = [Bi(f"reshape 成 {g}×{c // g}：{[list(map(int, r)) for r in grid]}",
                f"reshape to {g}×{c // g}: {[list(map(int, r)) for r in grid]}"),
             Bi(f"转置后按行展平：{lst(shuffle(start, g))}", f"transpose, flatten by rows: "
                f"{lst(shuffle(start, g))}")]
    if times == 2:
        lines.append(Bi(f"再做一次：{lst(out)}", f"once more: {lst(out)}"))
    mistakes = [
        Mistake(Bi("reshape 成了 (C/g, g)（把组数当成 C/g）", "reshaped to (C/g, g) (used C/g "
                   "groups)"), answer.like(_repeat(start, c // g, times))),
        Mistake(Bi("没有转置（顺序没变）", "did not transpose (order unchanged)"),
                answer.like(start)),
    ]
    if times == 2:
        mistakes.append(Mistake(Bi("只做了一次", "shuffled only once"),
                                answer.like(shuffle(start, g))))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


def _repeat(order: np.ndarray, groups: int, times: int) -> np.ndarray:
    for _ in range(times):
        order = shuffle(order, groups)
    return order


KIND = KindDef("channel-shuf"
               "fle", "lightweight", Bi("Channel shuffle 顺序", "Channel shuffle order"),
               "list", build)
