"""softmax-temperature: softmax(z / T): T > 1 flattens the distribution, T < 1 sharpens it.

The logits are divided by T before the softmax; the probabilities still sum to 1.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.ops import softmax
from engine.questions.text import Bi, lst, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n = 3 if difficulty == 1 else 4
    z = np.round(rng.uniform(-2, 4, n), 1) if difficulty > 1 else \
        rng.integers(-1, 5, n).astype(np.float64)
    while len(set(z.tolist())) < n:
        z = np.round(rng.uniform(-2, 4, n), 1)
    t = pick(rng, (2.0, 0.5) if difficulty == 1 else (0.25, 0.5, 0.7, 1.5, 2.0, 3.0))
    p = softmax(z / t)
    answer = numbers(p, 4)
    prompt = Bi(f"logits z = {lst(z)}，温度 T = {t:g}。softmax(z/T) 的各概率是多少？",
                f"Logits z = {lst(z)} and temperature T = {t:g}. What are the probabilities "
                "softmax(z/T)?")
    if difficulty == 3:
        j = int(np.argmax(z))
        answer = numbers([p[j]], 4)
        prompt = Bi(f"logits z = {lst(z)}，温度 T = {t:g}。softmax(z/T) 中最大的那个概率是多少？",
                    f"Logits z = {lst(z)} and temperature T = {t:g}. What is the largest "
                    "probability of softmax(z/T)?")
    solution = steps(Bi(f"z/T = {lst(z / t, 4)}", f"z/T = {lst(z / t, 4)}"),
                     Bi(f"softmax = {lst(p, 4)}", f"softmax = {lst(p, 4)}"))
    powered = softmax(z) ** (1 / t)
    slips = [(Bi("乘了 T 而不是除以 T", "multiplied by T instead of dividing"), softmax(z * t)),
             (Bi("忽略了温度", "ignored the temperature"), softmax(z)),
             (Bi("softmax 之后取 1/T 次方却没有重新归一化", "raised the softmax to the power 1/T "
                 "without renormalising"), powered)]

    def pick_entries(v: np.ndarray) -> np.ndarray:
        return v[[int(np.argmax(z))]] if difficulty == 3 else v

    mistakes = tuple(Mistake(name, answer.like(pick_entries(v))) for name, v in slips)
    return Problem(prompt, answer, solution, mistakes)


KIND = KindDef("softmax-temperature", "basics", Bi("带温度的 softmax",
               "Softmax with temperature"), "list", build)
