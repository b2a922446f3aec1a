"""beam-search: the beams kept after two decoding steps.

Beam search with width k keeps the k most probable prefixes after every step, scoring a
sequence by the product of its conditional probabilities (the sum of log-probabilities).
Greedy decoding is width 1; an exhaustive search would score every sequence. Here the
vocabulary is {A, B, C}, the first step's distribution is given, then one conditional
distribution per first token.
"""

from __future__ import annotations

import itertools

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.text import Bi, num, steps

TOKENS = ("A", "B", "C")


_FLAT = ((0.4, 0.3, 0.3), (0.5, 0.3, 0.2), (0.4, 0.4, 0.2), (0.5, 0.4, 0.1), (0.4, 0.5, 0.1),
         (0.3, 0.5, 0.2), (0.2, 0.4, 0.4), (0.3, 0.3, 0.4))
_PEAKED = ((0.7, 0.2, 0.1), (0.8, 0.1, 0.1), (0.9, 0.1, 0.0), (0.6, 0.3, 0.1), (0.1, 0.8, 0.1),
           (0.2, 0.1, 0.7), (0.1, 0.2, 0.7), (0.0, 0.9, 0.1), (0.2, 0.6, 0.2))
_FIRST = ((0.5, 0.4, 0.1), (0.5, 0.3, 0.2), (0.6, 0.3, 0.1), (0.45, 0.35, 0.2), (0.5, 0.35, 0.15),
          (0.4, 0.35, 0.25), (0.55, 0.4, 0.05))


def _row(rng: np.random.Generator, table: tuple[tuple[float, ...], ...]) -> np.ndarray:
    return np.array(table[int(rng.integers(len(table)))], dtype=np.float64)


def beams(p1: np.ndarray, p2: np.ndarray, width: int, add: bool = False) -> list[float]:
    """Joint probabilities of the beams kept after step 2, best first (``add`` ranks and
    scores by the sum of the two probabilities, a slip)."""
    first = sorted(range(3), key=lambda i: -p1[i])[:width]
    cand = [(p1[i] + p2[i, j] if add else p1[i] * p2[i, j], i, j) for i in first
            for j in range(3)]
    cand.sort(key=lambda c: -c[0])
    return [float(p1[i] * p2[i, j]) for _, i, j in cand[:max(width, 2)]]


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    while True:  # the greedy first token has a flat continuation, the runner-up a peaked one
        order = [int(i) for i in rng.permutation(3)]
        p1 = _row(rng, _FIRST)[order]
        best, second = int(np.argmax(p1)), int(np.argsort(-p1)[1])
        p2 = np.stack([_row(rng, _FLAT if i == best else _PEAKED if i == second else
                            _FLAT + _PEAKED)[[int(k) for k in rng.permutation(3)]]
                       for i in range(3)])
        joint = sorted((p1[i] * p2[i, j] for i, j in itertools.product(range(3), repeat=2)),
                       reverse=True)
        kept = beams(p1, p2, 2)
        if (len(set(np.round(joint[:3], 9).tolist())) == 3 and kept[0] != beams(p1, p2, 1)[0]
                and len(set(np.round(beams(p1, p2, 3)[:3], 9).tolist())) == 3):
            break
    width = 2
    table = "\n".join(f"- P(· | {t}) = " + ", ".join(f"{u}: {p2[i, j]:g}" for j, u in
                                                      enumerate(TOKENS))
                      for i, t in enumerate(TOKENS))
    first = ", ".join(f"{t}: {p1[i]:g}" for i, t in enumerate(TOKENS))
    if difficulty == 1:
        answer = numbers([kept[0]], 4)
        ask = Bi("beam width = 2 搜索两步后，最好的那条序列的概率是多少？",
                 "After two steps of beam search with width 2, what is the probability of the "
                 "best sequence?")
    else:
        answer = numbers(kept[:2], 4)
        ask = Bi("beam width = 2 搜索两步后保留的两条序列的概率各是多少（从大到小）？",
                 "After two steps of beam search with width 2, what are the probabilities of "
                 "the two kept sequences (largest first)?")
    if difficulty == 3:
        answer = numbers(np.log(kept[:2]), 4)
        ask = Bi("beam width = 2 搜索两步后保留的两条序列的得分（对数概率之和，自然对数）各是多少"
                 "（从大到小）？",
                 "After two steps of beam search with width 2, what are the scores (sums of "
                 "natural log-probabilities) of the two kept sequences (best first)?")
    prompt = Bi(f"词表 {{A, B, C}}。第 1 步：P(x₁) = {first}。第 2 步的条件分布：\n\n{table}\n\n",
                f"Vocabulary {{A, B, C}}. Step 1: P(x₁) = {first}. Step 2 conditionals:"
                f"\n\n{table}\n\n") + ask
    top = sorted(range(3), key=lambda i: -p1[i])[:width]
    lines = [Bi(f"第 1 步保留 {TOKENS[top[0]]}、{TOKENS[top[1]]}",
                f"step 1 keeps {TOKENS[top[0]]} and {TOKENS[top[1]]}"),
             Bi("第 2 步在这两个前缀的 6 个延伸里按联合概率取前 2："
                + ", ".join(num(v, 4) for v in kept[:2]),
                "step 2 takes the 2 best of their 6 extensions by joint probability: "
                + ", ".join(num(v, 4) for v in kept[:2]))]

    def shown(values: list[float]) -> list[float]:
        vals = values[:1] if difficulty == 1 else values[:2]
        return [float(np.log(v)) for v in vals] if difficulty == 3 else vals

    greedy = beams(p1, p2, 1)
    exhaustive = joint[:2]
    slips = [(Bi("按贪心解码算了（width 1）", "decoded greedily (width 1)"),
              [greedy[0], greedy[1]]),
             (Bi("穷举了所有序列（没有在第 1 步剪枝）", "searched every sequence (no pruning "
                 "after step 1)"), exhaustive),
             (Bi("把两步的概率相加来排序", "ranked by the sum of the two probabilities"),
              beams(p1, p2, 2, add=True))]
    if difficulty == 3:
        slips.append((Bi("用了以 10 为底的对数", "used log base 10"),
                      [float(10 ** (np.log(v) / np.log(10))) for v in kept[:2]]))
    mistakes = []
    for name, vals in slips:
        v = shown(vals)
        if difficulty == 3 and "base 10" in name.en:
            v = [float(np.log10(x)) for x in kept[:2]]
        mistakes.append(Mistake(name, answer.like(v)))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("beam-search", "transformers", Bi("Beam search 两步后的序列",
               "Beam search: the sequences kept after two steps"), "list", build)
