"""layernorm-forward: LayerNorm over the features of each sample."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick, small_ints
from engine.questions.ops import layer_norm
from engine.questions.text import Bi, lst, matrix_block, num, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    d = pick(rng, (3, 4, 5))
    rows = 2 if difficulty == 3 else 1
    x = small_ints(rng, (rows, d), -3, 6)
    while np.ptp(x[-1]) == 0 or (rows == 2 and np.ptp(x[:, 0]) == 0):
        x = small_ints(rng, (rows, d), -3, 6)
    affine = difficulty >= 2
    gamma = np.array([pick(rng, (0.5, 1.0, 2.0)) for _ in range(d)]) if affine else None
    beta = np.array([pick(rng, (0.0, 0.5, -1.0)) for _ in range(d)]) if affine else None
    y = layer_norm(x, d, gamma, beta)[-1]
    answer = numbers(y, 4)
    aff = (f"，γ = {lst(gamma)}，β = {lst(beta)}" if gamma is not None and beta is not None
           else "（无仿射参数）")
    aff_en = (f", γ = {lst(gamma)}, β = {lst(beta)}" if gamma is not None and beta is not None
              else " (no affine parameters)")
    src = matrix_block(x) if rows == 2 else lst(x[0])
    which = Bi("第 2 个样本（第 2 行）"
               "的输出", "the output for the second sample (row 2)") if rows == 2 \
        else Bi("输出", "the output")
    prompt = Bi(f"`nn.LayerNorm({d}, eps=1e-5)`{aff}，输入 {src}。求{which.zh}。",
                f"`nn.LayerNorm({d}, eps=1e-5)`{aff_en} gets the input {src}. What is {which.en}?")
    row = x[-1]
    mu, var = float(row.mean()), float(row.var())
    lines = [Bi(f"对该样本的 {d} 个特征：μ = {num(mu, 4)}，有偏方差 σ² = {num(var, 4)}",
                f"over that sample's {d} features: μ = {num(mu, 4)}, biased variance σ² = "
                f"{num(var, 4)}"),
             Bi(r"$y = \gamma (x-\mu)/\sqrt{\sigma^2+\epsilon} + \beta$ = " + lst(y, 4),
                r"$y = \gamma (x-\mu)/\sqrt{\sigma^2+\epsilon} + \beta$ = " + lst(y, 4))]
    g = gamma if gamma is not None else np.ones(d)
    b = beta if beta is not None else np.zeros(d)
    mistakes = [Mistake(Bi("用了无偏方差（除以 D−1）", "used the unbiased variance (D−1)"),
                        answer.like(g * (row - mu) / np.sqrt(row.var(ddof=1) + 1e-5) + b))]
    if affine:
        mistakes.append(Mistake(Bi("忘了 γ、β", "forgot γ and β"), answer.like(
            layer_norm(x, d)[-1])))
    if rows == 2:
        col_mu, col_var = x.mean(axis=0), x.var(axis=0)
        mistakes.append(Mistake(Bi("沿 batch 维归一化了（当成 BatchNorm）",
                                   "normalised over the batch (as BatchNorm does)"),
                                answer.like(g * (row - col_mu) / np.sqrt(col_var + 1e-5) + b)))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("layernorm-forw"
               "ard", "normalization", Bi("LayerNorm 前向", "LayerNorm forward"), "list",
               build)
