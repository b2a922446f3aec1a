"""sinusoidal-pe: one entry of the Transformer's sinusoidal positional encoding.

PE[pos, 2i] = sin(pos / 10000^(2i/d)) and PE[pos, 2i+1] = cos(pos / 10000^(2i/d)): the
even dimension 2i and the odd dimension 2i + 1 share one frequency. Positions and dimensions
count from 0; angles are in radians.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.text import Bi, num, steps


def pe(pos: int, dim: int, d: int, exponent: float | None = None) -> float:
    """PE[pos, dim]; ``exponent`` replaces 2i/d (to model a wrong exponent)."""
    power = (dim - dim % 2) / d if exponent is None else exponent
    angle = pos / 10000 ** power
    return math.sin(angle) if dim % 2 == 0 else math.cos(angle)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    d = pick(rng, (4, 8, 16) if difficulty == 1 else (16, 32, 64, 128, 256, 512))
    pos = between(rng, 1, 60)
    if difficulty == 1:
        dim = between(rng, 0, 3)
    elif difficulty == 2:
        dim = 2 * between(rng, 1, min(d // 2 - 1, 12))
    else:
        dim = 2 * between(rng, 1, min(d // 2 - 1, 12)) + 1
    value = pe(pos, dim, d)
    answer = real(value, 4)
    prompt = Bi(f"Transformer 的正弦位置编码，d_model = {d}：PE[pos, 2i] = sin(pos/10000^(2i/d_"
                "model))，PE[pos, 2i+1] = cos(pos/10000^(2i/d_model))（pos 与维度都从 0 数，弧度制"
                f"）。PE[{pos}, {dim}] 是多少？",
                f"The Transformer's sinusoidal positional encoding with d_model = {d}: "
                "PE[pos, 2i] = sin(pos/10000^(2i/d_model)), PE[pos, 2i+1] = "
                "cos(pos/10000^(2i/d_model)) (positions and dimensions from 0, radians). What "
                f"is PE[{pos}, {dim}]?")
    i = dim // 2
    angle = pos / 10000 ** (2 * i / d)
    fn = "sin" if dim % 2 == 0 else "cos"
    solution = steps(
        Bi(f"维度 {dim} = 2·{i}{' + 1' if dim % 2 else ''}，用 {fn}，i = {i}",
           f"dimension {dim} = 2·{i}{' + 1' if dim % 2 else ''}: {fn} with i = {i}"),
        Bi(f"角度 = {pos}/10000^({2 * i}/{d}) = {angle:.6g}",
           f"angle = {pos}/10000^({2 * i}/{d}) = {angle:.6g}"),
        Bi(f"{fn}({angle:.6g}) = {num(value, 4)}", f"{fn}({angle:.6g}) = {num(value, 4)}"))
    other = math.cos(angle) if dim % 2 == 0 else math.sin(angle)
    slips = [(Bi("sin 与 cos 用反了", "swapped sin and cos"), other),
             (Bi("指数用了维度号：10000^(2·dim/d)", "used the dimension index in the exponent: "
                 "10000^(2·dim/d)"), pe(pos, dim, d, exponent=2 * dim / d)),
             (Bi("按角度制算了", "took the angle in degrees"),
              (math.sin if dim % 2 == 0 else math.cos)(math.radians(angle)))]
    if dim % 2:
        slips.append((Bi("奇数维的指数用了 dim/d 而不是 (dim − 1)/d", "used dim/d in the odd "
                         "dimension's exponent, not (dim − 1)/d"),
                      pe(pos, dim, d, exponent=dim / d)))
    mistakes = tuple(Mistake(name, answer.like([v])) for name, v in slips)
    return Problem(prompt, answer, solution, mistakes)


KIND = KindDef("sinusoidal-pe", "transformers", Bi("正弦位置编码的取值",
               "Sinusoidal positional encoding values"), "real", build)
