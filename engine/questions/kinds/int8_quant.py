"""int8-quant: symmetric absmax quantization (int8 and 4-bit), per tensor or per group.

s = max|x| / (2^(b−1) − 1), q = round(x / s) with round-half-to-even (torch.round), clamped
to ±(2^(b−1) − 1), and x̂ = s·q. Values are drawn so that no x/s lands exactly on a .5 tie,
so the rounding rule never decides an answer.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.text import Bi, lst, num, steps


def quantize(x: np.ndarray, bits: int, levels: int | None = None) -> tuple[float, np.ndarray]:
    """(scale, integer codes) of symmetric absmax quantization."""
    qmax = levels if levels is not None else 2 ** (bits - 1) - 1
    s = float(np.max(np.abs(x))) / qmax
    return s, np.clip(np.round(x / s), -qmax, qmax)


def _values(rng: np.random.Generator, n: int, bits: int) -> np.ndarray:
    """Two-decimal values with no x/s within 1e-6 of a rounding tie."""
    while True:
        x = np.round(rng.uniform(-2.5, 2.5, n), 2)
        if np.max(np.abs(x)) < 0.2 or len(set(np.abs(x).tolist())) < n:
            continue
        s = float(np.max(np.abs(x))) / (2 ** (bits - 1) - 1)
        frac = np.abs(x / s) % 1.0
        s2 = float(np.max(np.abs(x))) / 2 ** (bits - 1)
        frac2 = np.abs(x / s2) % 1.0
        if np.all(np.abs(frac - 0.5) > 1e-6) and np.all(np.abs(frac2 - 0.5) > 1e-6):
            return np.asarray(x, dtype=np.float64)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    bits = 4 if difficulty == 3 else 8
    n = pick(rng, (4, 5, 6))
    x = _values(rng, n, bits)
    qmax = 2 ** (bits - 1) - 1
    s, q = quantize(x, bits)
    setup = Bi(f"对张量 x = {lst(x)} 做对称 absmax {bits}-bit 量化（per-tensor）：s = max|x| / "
               f"{qmax}，"
               f"q = round(x/s)（round half to even，与 torch.round 相同），截断到 [−{qmax}, "
               f"{qmax}]。",
               f"Quantize x = {lst(x)} with symmetric absmax {bits}-bit quantization (per "
               f"tensor): s = max|x| / {qmax}, q = round(x/s) (round half to even, as "
               f"torch.round), clamped to [−{qmax}, {qmax}].")
    lines = [Bi(f"max|x| = {num(float(np.max(np.abs(x))))}，s = {num(float(np.max(np.abs(x))))}/"
                f"{qmax} = {s:.6g}", f"max|x| = {num(float(np.max(np.abs(x))))}, s = "
                f"{num(float(np.max(np.abs(x))))}/{qmax} = {s:.6g}"),
             Bi(f"x/s = {lst(x / s, 3)} → q = {lst(q)}", f"x/s = {lst(x / s, 3)} → q = "
                f"{lst(q)}")]
    s128 = float(np.max(np.abs(x))) / (qmax + 1)
    q128 = np.clip(np.round(x / s128), -qmax, qmax)
    trunc = np.trunc(x / s)
    s_mm = float(np.max(x) - np.min(x)) / (2 ** bits - 1)  # asymmetric min–max scale
    q_mm = np.clip(np.round(x / s_mm), -qmax, qmax)
    min_max = Bi(f"用了 min–max 的尺度 s = (max − min)/{2 ** bits - 1}（非对称量化的做法）",
                 f"used the min–max scale s = (max − min)/{2 ** bits - 1} (asymmetric "
                 "quantization's)")
    signed_max = float(np.max(x))
    if difficulty == 2:
        deq = s * q
        answer = numbers(deq, 4)
        ask = Bi("反量化 x̂ = s·q 是多少？", " What is the dequantized x̂ = s·q?")
        lines.append(Bi(f"x̂ = s·q = {lst(deq, 4)}", f"x̂ = s·q = {lst(deq, 4)}"))
        mistakes = [Mistake(Bi(f"除以了 {qmax + 1}（2^(b−1)）而不是 {qmax}", f"divided by "
                               f"{qmax + 1} (2^(b−1)) instead of {qmax}"),
                            answer.like(s128 * q128)),
                    Mistake(Bi("截断取整（向 0）而不是四舍五入", "truncated toward 0 instead of "
                               "rounding"), answer.like(s * trunc)),
                    Mistake(Bi("给出了 q 而不是 s·q", "gave q instead of s·q"),
                            answer.like(q).rounded(4)),
                    Mistake(min_max, answer.like(s_mm * q_mm))]
        return Problem(setup + ask, answer, steps(*lines), tuple(mistakes))
    answer = numbers(q)
    ask = Bi("量化后的整数 q 是多少？", " What are the integer codes q?")
    mistakes = [Mistake(Bi(f"除以了 {qmax + 1}（2^(b−1)）而不是 {qmax}", f"divided by {qmax + 1} "
                           f"(2^(b−1)) instead of {qmax}"), answer.like(q128)),
                Mistake(Bi("截断取整（向 0）而不是四舍五入", "truncated toward 0 instead of "
                           "rounding"), answer.like(trunc)),
                Mistake(min_max, answer.like(q_mm))]
    if signed_max != float(np.max(np.abs(x))) and signed_max > 0:
        s_bad = signed_max / qmax
        mistakes.append(Mistake(Bi("用了 max(x) 而不是 max|x|（没有截断）", "used max(x) "
                                   "instead of max|x| (and did not clamp)"),
                                answer.like(np.round(x / s_bad))))
    return Problem(setup + ask, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("int8-quant", "training", Bi("对称 absmax 量化（int8/int4）",
               "Symmetric absmax quantization (int8 / int4)"), "list", build)
