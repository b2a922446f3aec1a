"""focal-loss: sigmoid focal loss (torchvision's definition) of one or a few logits."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import pick
from engine.questions.ops import sigmoid_focal_loss
from engine.questions.text import Bi, lst, num, steps


def _fl(x: np.ndarray, y: np.ndarray, alpha: float, gamma: float) -> float:
    return float(np.mean(sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    alpha, gamma = pick(rng, (0.25, 0.5, 0.75)), pick(rng, (2.0, 1.0, 3.0))
    if difficulty == 3:
        alpha = 0.25
    n = 3 if difficulty == 3 else 1
    x = np.round(rng.uniform(-2.5, 2.5, n), 1)
    x[x == 0] = 0.5
    y = np.array([1.0] if difficulty == 1 else ([0.0] if difficulty == 2 else [1.0, 0.0, 0.0]))
    loss = _fl(x, y, alpha, gamma)
    answer = real(loss, 4, unit="nats")
    red = "reduction='mean'" if n > 1 else "reduction='none'"
    prompt = Bi(f"`torchvision.ops.sigmoid_focal_loss`（alpha={alpha}，gamma={gamma:g}，{red}），"
                f"logits = {lst(x)}，targets = {lst(y)}。损失是多少？",
                f"`torchvision.ops.sigmoid_focal_loss` (alpha={alpha}, gamma={gamma:g}, {red}) "
                f"with logits {lst(x)} and targets {lst(y)}. What is the loss?")
    p = 1 / (1 + np.exp(-x))
    p_t = p * y + (1 - p) * (1 - y)
    lines = [Bi(f"p = σ(x) = {lst(p, 4)}；p_t = {lst(p_t, 4)}", f"p = σ(x) = {lst(p, 4)}; "
                f"p_t = {lst(p_t, 4)}"),
             Bi(r"$FL = -\alpha_t (1-p_t)^\gamma \ln p_t$，正样本 $\alpha_t=\alpha$，负样本 "
                r"$\alpha_t = 1-\alpha$",
                r"$FL = -\alpha_t (1-p_t)^\gamma \ln p_t$ with $\alpha_t=\alpha$ for positives, "
                r"$1-\alpha$ for negatives"),
             Bi(f"结果 {num(loss, 4)}" + ("（3 个取平均）" if n > 1 else ""),
                f"result {num(loss, 4)}" + (" (mean of 3)" if n > 1 else ""))]
    ce = -np.log(p_t)
    a_t = alpha * y + (1 - alpha) * (1 - y)
    mistakes = [
        Mistake(Bi("忘了 α 加权", "forgot the α weighting"), answer.like([_fl(x, y, -1.0, gamma)])),
        Mistake(Bi("调制因子用了 p_t^γ 而不是 (1−p_t)^γ", "used p_t^γ instead of (1−p_t)^γ"),
                answer.like([float(np.mean(a_t * p_t**gamma * ce))])),
        Mistake(Bi("漏了调制因子（γ=0，只剩加权交叉熵）", "left out the modulating factor (γ=0)"),
                answer.like([_fl(x, y, alpha, 0.0)])),
    ]
    if alpha != 0.5:
        mistakes.append(Mistake(Bi("α 和 1−α 用反了", "swapped α and 1−α"),
                                answer.like([_fl(x, y, 1 - alpha, gamma)])))
    if n > 1:
        mistakes.append(Mistake(Bi("求和而不是取平均", "summed instead of averaging"),
                                answer.like([loss * n])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("focal-loss", "losses", Bi("Focal loss", "Focal loss"), "real", build)
