"""rope-rotation: RoPE rotates one pair of query/key dimensions by the angle m·θ_i.

θ_i = base^(−2i/d) for the pair (2i, 2i + 1) (base 10000); at position m the pair (a, b)
becomes (a·cos mθ − b·sin mθ, a·sin mθ + b·cos mθ), a rotation counter-clockwise, in
radians. The rotation keeps the pair's length.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.text import Bi, lst, num, steps


def rotate(a: float, b: float, angle: float) -> list[float]:
    c, s = math.cos(angle), math.sin(angle)
    return [a * c - b * s, a * s + b * c]


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    d = pick(rng, (8, 16, 64, 128))
    i = 0 if difficulty == 1 else between(rng, 1, min(d // 2 - 1, 6))
    m = between(rng, 1, 9) if difficulty < 3 else between(rng, 10, 500)
    a = float(between(rng, -4, 4) or 1)
    b = float(between(rng, -4, 4) or -1)
    theta = 10000 ** (-2 * i / d)
    out = rotate(a, b, m * theta)
    answer = numbers(out, 4)
    prompt = Bi(f"RoPE，head 维度 d = {d}，θ_i = 10000^(−2i/d)。位置 m = {m} 处，query 的第 {i} "
                f"对维度 (q[{2 * i}], q[{2 * i + 1}]) = ({num(a)}, {num(b)})，旋转角 m·θ_i（弧度，"
                "逆时针：(a, b) → (a·cos − b·sin, a·sin + b·cos)）。旋转后的这一对是多少？",
                f"RoPE with head dimension d = {d} and θ_i = 10000^(−2i/d). At position m = {m} "
                f"the query's pair i = {i}, (q[{2 * i}], q[{2 * i + 1}]) = ({num(a)}, {num(b)}), "
                "is rotated by m·θ_i (radians, counter-clockwise: (a, b) → (a·cos − b·sin, "
                "a·sin + b·cos)). What is the rotated pair?")
    solution = steps(
        Bi(f"θ_{i} = 10000^(−{2 * i}/{d}) = {theta:.6g}，角度 m·θ = {m * theta:.6g}",
           f"θ_{i} = 10000^(−{2 * i}/{d}) = {theta:.6g}, angle m·θ = {m * theta:.6g}"),
        Bi(f"旋转后 {lst(out, 4)}", f"rotated: {lst(out, 4)}"))
    slips = [(Bi("转反了方向（顺时针）", "rotated the wrong way (clockwise)"),
              rotate(a, b, -m * theta)),
             (Bi("漏了位置 m（只转了 θ_i）", "left out the position m (rotated by θ_i)"),
              rotate(a, b, theta)),
             (Bi("按角度制算了", "took the angle in degrees"),
              rotate(a, b, math.radians(m * theta)))]
    if i:
        slips.append((Bi("θ_i 的指数用了 −i/d", "used −i/d in θ_i's exponent"),
                      rotate(a, b, m * 10000 ** (-i / d))))
    mistakes = tuple(Mistake(name, answer.like(v)) for name, v in slips)
    return Problem(prompt, answer, solution, mistakes)


KIND = KindDef("rope-rotation", "transformers", Bi("RoPE 旋转一对维度",
               "RoPE rotation of one pair"), "list", build)
