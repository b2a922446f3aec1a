"""adam-step: parameter after Adam steps with bias correction (eps outside the root)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import pick
from engine.questions.kinds._optim import grads_text, run, tenth
from engine.questions.ops import Adam, AdamW
from engine.questions.text import Bi, num, plural, steps


def _variant(w: float, grads: Sequence[float], lr: float, b1: float, b2: float, eps: float,
             wd: float, mode: str) -> float:
    """Adam done wrong: without bias correction, or with eps inside the square root."""
    m = v = 0.0
    for t, g0 in enumerate(grads, 1):
        g = g0 + wd * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        if mode == "no_bias_correction":
            w -= lr * m / (math.sqrt(v) + eps)
        else:
            w -= lr * (m / (1 - b1**t)) / math.sqrt(v / (1 - b2**t) + eps)
    return w


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    lr = pick(rng, (0.1, 0.01, 0.05))
    betas = ((0.9, 0.999), (0.8, 0.99), (0.9, 0.99))
    b1, b2 = betas[0] if difficulty == 1 else pick(rng, betas)
    eps = 1e-8 if difficulty == 1 else pick(rng, (0.01, 0.1))
    n = difficulty
    wd = pick(rng, (0.1, 0.5)) if difficulty == 3 else 0.0
    w0 = tenth(rng, -2, 2)
    grads = [tenth(rng, -1.5, 1.5) for _ in range(n)]
    path = run(Adam(lr=lr, betas=(b1, b2), eps=eps, weight_decay=wd), w0, grads)
    answer = real(path[-1], 4)
    opts = f"lr={lr}, betas=({b1}, {b2}), eps={eps:g}" + (f", weight_decay={wd}" if wd else "")
    prompt = Bi(f"w₀ = {w0:g}，用 `torch.optim.Adam({opts})` 更新 {n} 步，梯度依次为 "
                f"{grads_text(grads)}。更新后 w 是多少？",
                f"w₀ = {w0:g} is updated for {plural(n, 'step')} by `torch.optim.Adam({opts})` "
                f"with {plural(n, 'gradient')} {grads_text(grads)}. What is w afterwards?")
    lines = [Bi(r"$g \leftarrow \nabla + \lambda w$，$m \leftarrow \beta_1 m + (1-\beta_1) g$，"
                r"$v \leftarrow \beta_2 v + (1-\beta_2) g^2$，"
                r"$\hat m = m/(1-\beta_1^t)$，$\hat v = v/(1-\beta_2^t)$，"
                r"$w \leftarrow w - \mathrm{lr}\,\hat m/(\sqrt{\hat v}+\epsilon)$",
                r"$g \leftarrow \nabla + \lambda w$, $m \leftarrow \beta_1 m + (1-\beta_1) g$, "
                r"$v \leftarrow \beta_2 v + (1-\beta_2) g^2$, "
                r"$\hat m = m/(1-\beta_1^t)$, $\hat v = v/(1-\beta_2^t)$, "
                r"$w \leftarrow w - \mathrm{lr}\,\hat m/(\sqrt{\hat v}+\epsilon)$")]
    lines += [Bi(f"第 {i} 步后 w = {num(v, 6)}", f"after step {i}: w = {num(v, 6)}")
              for i, v in enumerate(path, 1)]
    mistakes = [Mistake(Bi("没做偏差修正", "skipped the bias correction"),
                        answer.like([_variant(w0, grads, lr, b1, b2, eps, wd,
                                              "no_bias_correction")]))]
    if eps > 1e-6:
        mistakes.append(Mistake(Bi("eps 放进了根号里", "put eps inside the square root"),
                                answer.like([_variant(w0, grads, lr, b1, b2, eps, wd,
                                                      "eps_inside")])))
    if wd:
        mistakes.append(Mistake(Bi("忘了 weight decay", "forgot the weight decay"), answer.like(
            [run(Adam(lr=lr, betas=(b1, b2), eps=eps), w0, grads)[-1]])))
        mistakes.append(Mistake(Bi("按 AdamW 做了解耦衰减", "decoupled the decay as AdamW does"),
                                answer.like([run(AdamW(lr=lr, betas=(b1, b2), eps=eps,
                                                       weight_decay=wd), w0, grads)[-1]])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("adam-step", "optim", Bi("Adam 更新（含偏差"
                                        "修正）", "Adam step with bias correction"),
               "real", build)
