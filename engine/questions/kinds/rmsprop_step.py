"""rmsprop-step: parameter after RMSprop steps; eps outside the square root, as in PyTorch."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import pick
from engine.questions.kinds._optim import grads_text, run, tenth
from engine.questions.ops import RMSprop
from engine.questions.text import Bi, num, plural, steps


def _variant(w: float, grads: Sequence[float], lr: float, alpha: float, eps: float,
             mode: str) -> float:
    """The update done wrong: eps inside the root, no (1−α), or no square root."""
    v = 0.0
    for g in grads:
        v = alpha * v + (g * g if mode == "no_1m_alpha" else (1 - alpha) * g * g)
        if mode == "eps_inside":
            denom = math.sqrt(v + eps)
        elif mode == "no_sqrt":
            denom = v + eps
        else:
            denom = math.sqrt(v) + eps
        w -= lr * g / denom
    return w


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    lr, alpha = pick(rng, (0.01, 0.05, 0.1)), pick(rng, (0.9, 0.99))
    eps = 1e-8 if difficulty == 1 else pick(rng, (0.01, 0.05, 0.1))
    n = 1 if difficulty == 1 else (2 if difficulty == 2 else 3)
    w0 = tenth(rng, -2, 2)
    grads = [tenth(rng, -1.5, 1.5) for _ in range(n)]
    path = run(RMSprop(lr=lr, alpha=alpha, eps=eps), w0, grads)
    answer = real(path[-1], 4)
    opts = f"lr={lr}, alpha={alpha}, eps={eps:g}"
    prompt = Bi(f"w₀ = {w0:g}，用 `torch.optim.RMSprop({opts})` 更新 {n} 步，梯度依次为 "
                f"{grads_text(grads)}。更新后 w 是多少？",
                f"w₀ = {w0:g} is updated for {plural(n, 'step')} by `torch.optim.RMSprop({opts})` "
                f"with {plural(n, 'gradient')} {grads_text(grads)}. What is w afterwards?")
    lines = [Bi(r"$v \leftarrow \alpha v + (1-\alpha) g^2$，$w \leftarrow w - "
                r"\mathrm{lr}\cdot g / (\sqrt{v} + \epsilon)$，v 从 0 开始",
                r"$v \leftarrow \alpha v + (1-\alpha) g^2$, $w \leftarrow w - "
                r"\mathrm{lr}\cdot g / (\sqrt{v} + \epsilon)$, v starts at 0")]
    lines += [Bi(f"第 {i} 步后 w = {num(v, 6)}", f"after step {i}: w = {num(v, 6)}")
              for i, v in enumerate(path, 1)]
    mistakes = [
        Mistake(Bi("忘了 (1−α) 系数", "forgot the (1−α) factor"),
                answer.like([_variant(w0, grads, lr, alpha, eps, "no_1m_alpha")])),
        Mistake(Bi("分母没有开方", "forgot the square root"),
                answer.like([_variant(w0, grads, lr, alpha, eps, "no_sqrt")])),
    ]
    if eps > 1e-6:
        mistakes.append(Mistake(Bi("eps 放进了根号里", "put eps inside the square root"),
                                answer.like([_variant(w0, grads, lr, alpha, eps, "eps_inside")])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("rmsprop-step", "optim", Bi("RMSprop 更新", "RMSprop step"), "real", build)
