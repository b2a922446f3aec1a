"""weight-norm: weight normalisation w = g · v / ‖v‖ (Salimans & Kingma).

The direction v and the length g are separate parameters. For a matrix, PyTorch's
weight_norm with dim=0 gives each output row its own g and its own L2 norm; dim=None uses
one norm over the whole tensor and one g.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick, small_ints
from engine.questions.text import Bi, lst, matrix_block, num, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 1:
        v = small_ints(rng, (pick(rng, (2, 3, 4)),), -4, 4)
        while not v.any() or np.count_nonzero(v) < 2:
            v = small_ints(rng, (3,), -4, 4)
        g = float(pick(rng, (0.5, 1.5, 2.0, 3.0, 5.0)))
        norm = float(np.linalg.norm(v))
        w = g * v / norm
        answer = numbers(w, 4)
        prompt = Bi(f"weight normalization：w = g·v/‖v‖，v = {lst(v)}，g = {g:g}。w 是多少？",
                    f"Weight normalisation w = g·v/‖v‖ with v = {lst(v)} and g = {g:g}. What is "
                    "w?")
        lines = [Bi(f"‖v‖ = {num(norm, 4)}", f"‖v‖ = {num(norm, 4)}"),
                 Bi(f"w = {g:g}·v/{num(norm, 4)} = {lst(w, 4)}",
                    f"w = {g:g}·v/{num(norm, 4)} = {lst(w, 4)}")]
        slips = [(Bi("没除以 ‖v‖（w = g·v）", "did not divide by ‖v‖ (w = g·v)"), g * v),
                 (Bi("除以了 ‖v‖²", "divided by ‖v‖²"), g * v / norm ** 2),
                 (Bi("用了 L1 范数", "used the L1 norm"), g * v / float(np.abs(v).sum()))]
        mistakes = tuple(Mistake(name, answer.like(s)) for name, s in slips)
        return Problem(prompt, answer, steps(*lines), mistakes)
    v = small_ints(rng, (2, 3), -3, 3)
    while np.any(np.count_nonzero(v, axis=1) < 2):
        v = small_ints(rng, (2, 3), -3, 3)
    row = between(rng, 0, 1)
    rows = np.linalg.norm(v, axis=1)
    whole = float(np.linalg.norm(v))
    if difficulty == 2:
        gs = np.array([pick(rng, (0.5, 1.0, 2.0, 3.0)) for _ in range(2)])
        w = gs[row] * v[row] / rows[row]
        setup = Bi(f"`weight_norm(nn.Linear(3, 2, bias=False), dim=0)`：每个输出行 j 有自己的 "
                   f"g[j] 与 ‖v[j]‖。v ={matrix_block(v)}g = {lst(gs)}。",
                   f"`weight_norm(nn.Linear(3, 2, bias=False), dim=0)`: each output row j has "
                   f"its own g[j] and ‖v[j]‖. v ={matrix_block(v)}g = {lst(gs)}.")
        lines = [Bi(f"‖v[{row}]‖ = {num(rows[row], 4)}", f"‖v[{row}]‖ = {num(rows[row], 4)}"),
                 Bi(f"w[{row}] = {num(gs[row])}·v[{row}]/{num(rows[row], 4)} = {lst(w, 4)}",
                    f"w[{row}] = {num(gs[row])}·v[{row}]/{num(rows[row], 4)} = {lst(w, 4)}")]
        slips = [(Bi("用了整个矩阵的范数（dim=None）", "used the norm of the whole matrix "
                     "(dim=None)"), gs[row] * v[row] / whole),
                 (Bi("没除以 ‖v‖", "did not divide by ‖v‖"), gs[row] * v[row]),
                 (Bi("用错了行的 g", "used the other row's g"), gs[1 - row] * v[row] / rows[row]),
                 (Bi("除以了 ‖v‖²", "divided by ‖v‖²"), gs[row] * v[row] / rows[row] ** 2)]
    else:
        g0 = float(pick(rng, (1.0, 2.0, 4.0, 5.0)))
        w = g0 * v[row] / whole
        setup = Bi(f"`weight_norm(nn.Linear(3, 2, bias=False), dim=None)`：整个权重只有一个 "
                   f"g = {g0:g}，范数对整个矩阵取。v ={matrix_block(v)}",
                   f"`weight_norm(nn.Linear(3, 2, bias=False), dim=None)`: one g = {g0:g} for "
                   f"the whole weight, and one norm over the whole matrix. v ={matrix_block(v)}")
        lines = [Bi(f"‖v‖_F = {num(whole, 4)}", f"‖v‖_F = {num(whole, 4)}"),
                 Bi(f"w[{row}] = {g0:g}·v[{row}]/{num(whole, 4)} = {lst(w, 4)}",
                    f"w[{row}] = {g0:g}·v[{row}]/{num(whole, 4)} = {lst(w, 4)}")]
        slips = [(Bi("按行取了范数（dim=0）", "took each row's norm (dim=0)"),
                  g0 * v[row] / rows[row]),
                 (Bi("没除以 ‖v‖", "did not divide by ‖v‖"), g0 * v[row]),
                 (Bi("除以了 ‖v‖²", "divided by ‖v‖²"), g0 * v[row] / whole ** 2)]
    answer = numbers(w, 4)
    prompt = setup + Bi(f"求 w 的第 {row} 行（从 0 数）。", f" What is row {row} of w (from 0)?")
    mistakes = tuple(Mistake(name, answer.like(s)) for name, s in slips)
    return Problem(prompt, answer, steps(*lines), mistakes)


KIND = KindDef("weight-norm", "normalization", Bi("Weight normalization（g、v → w）",
               "Weight normalisation (g, v → w)"), "list", build)
