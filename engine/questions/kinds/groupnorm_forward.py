"""groupnorm-forward: GroupNorm splits the C channels into G groups and normalises each
group over its channels and positions together (biased variance, as in training-mode
BatchNorm), then applies the per-channel affine γ, β. G = 1 is LayerNorm over (C, L);
G = C is InstanceNorm.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick, small_ints
from engine.questions.text import Bi, lst, matrix_block, num, steps


def group_norm(x: np.ndarray, groups: int, gamma: np.ndarray, beta: np.ndarray,
               eps: float, ddof: int = 0) -> np.ndarray:
    c = x.shape[0]
    g = x.reshape(groups, -1)
    mean = g.mean(axis=1, keepdims=True)
    var = g.var(axis=1, ddof=ddof, keepdims=True)
    y = ((g - mean) / np.sqrt(var + eps)).reshape(c, -1)
    return np.asarray(y * gamma[:, None] + beta[:, None], dtype=np.float64)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    c, length = (4, 2) if difficulty == 1 else (pick(rng, (4, 6)), pick(rng, (2, 3)))
    groups = 2 if c == 4 else pick(rng, (2, 3))
    x = small_ints(rng, (c, length), -3, 6)
    per = c // groups
    while np.any(np.ptp(x.reshape(groups, -1), axis=1) == 0) or np.any(np.ptp(x, axis=1) == 0):
        x = small_ints(rng, (c, length), -3, 6)
    gamma = np.ones(c) if difficulty < 3 else np.array([pick(rng, (0.5, 1.0, 2.0, -1.0))
                                                        for _ in range(c)])
    beta = np.zeros(c) if difficulty < 3 else np.array([pick(rng, (0.0, 0.5, -1.0, 1.0))
                                                        for _ in range(c)])
    eps = 1e-5
    ch = between(rng, 0, c - 1)
    y = group_norm(x, groups, gamma, beta, eps)
    answer = numbers(y[ch], 4)
    affine = (Bi("（新建的层：γ = 1、β = 0）", " (a fresh layer: γ = 1, β = 0)") if difficulty < 3
              else Bi(f"，γ = {lst(gamma)}，β = {lst(beta)}", f", γ = {lst(gamma)}, β = "
                      f"{lst(beta)}"))
    prompt = Bi(f"`nn.GroupNorm({groups}, {c}, eps=1e-5)`{affine.zh}，输入是 1 个样本、{c} 个"
                f"通道、每通道 {length} 个位置（行 = 通道）：{matrix_block(x)}求通道 {ch}"
                "（从 0 数）的输出。",
                f"`nn.GroupNorm({groups}, {c}, eps=1e-5)`{affine.en} gets one sample with {c} "
                f"channels of {length} positions (rows = channels):{matrix_block(x)}What is the "
                f"output of channel {ch} (from 0)?")
    grp = ch // per
    vals = x[grp * per:(grp + 1) * per].ravel()
    mean, var = float(vals.mean()), float(vals.var())
    solution = steps(
        Bi(f"每组 {per} 个通道；通道 {ch} 在第 {grp} 组：{lst(vals)}",
           f"{per} channels per group; channel {ch} is in group {grp}: {lst(vals)}"),
        Bi(f"均值 {num(mean, 4)}，方差（有偏）{num(var, 4)}", f"mean {num(mean, 4)}, variance "
           f"(biased) {num(var, 4)}"),
        Bi(f"(x − μ)/√(σ² + eps)·γ + β = {lst(y[ch], 4)}", f"(x − μ)/√(σ² + eps)·γ + β = "
           f"{lst(y[ch], 4)}"))
    slips = [(Bi("按 LayerNorm 对全部通道归一化了（G = 1）", "normalised over all channels "
                 "(LayerNorm, G = 1)"), group_norm(x, 1, gamma, beta, eps)[ch]),
             (Bi("按 InstanceNorm 每个通道单独归一化了（G = C）", "normalised each channel alone "
                 "(InstanceNorm, G = C)"), group_norm(x, c, gamma, beta, eps)[ch]),
             (Bi("用了无偏方差（除以 n − 1）", "used the unbiased variance (n − 1)"),
              group_norm(x, groups, gamma, beta, eps, ddof=1)[ch])]
    if c // groups != groups:
        slips.append((Bi(f"把 {groups} 当成了每组的通道数", f"took {groups} as the channels per "
                         "group"), group_norm(x, c // groups, gamma, beta, eps)[ch]))
    if difficulty == 3:
        slips.append((Bi("忘了 γ、β", "forgot γ and β"),
                      group_norm(x, groups, np.ones(c), np.zeros(c), eps)[ch]))
    mistakes = tuple(Mistake(name, answer.like(v)) for name, v in slips)
    return Problem(prompt, answer, solution, mistakes)


KIND = KindDef("groupnorm-forward", "normalization", Bi("Group Norm 前向", "Group Norm forward"),
               "list", build)
