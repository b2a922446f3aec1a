"""weight-decay-step: one or two updates with weight decay, coupled (L2) or decoupled.

torch.optim.SGD adds the decay to the gradient (g + λw, an L2 penalty), so with momentum the
decay goes through the momentum buffer. AdamW decouples it: w ← w·(1 − lr·λ), then the Adam
step with the raw gradient; on the first step that Adam step is lr·g/(|g| + ε) ≈ lr·sign(g).
Adam with weight_decay (L2) instead feeds g + λw into the moments.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import pick
from engine.questions.kinds._optim import grads_text, run, tenth
from engine.questions.ops import SGD, Adam, AdamW
from engine.questions.text import Bi, num, steps


def _decoupled_sgd(w: float, grads: list[float], lr: float, wd: float, mu: float) -> float:
    buf = 0.0
    for t, g in enumerate(grads):
        buf = g if t == 0 else mu * buf + g
        w = w * (1 - lr * wd) - lr * buf
    return w


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    lr = pick(rng, (0.1, 0.05, 0.01) if difficulty < 3 else (0.1, 0.05, 0.01, 0.001))
    wd = pick(rng, (0.1, 0.2, 0.5, 0.01) if difficulty < 3 else (0.2, 0.5, 1.0))
    w0 = tenth(rng, -3, 3)
    if difficulty == 1:
        g = tenth(rng, -2, 2)
        value = run(SGD(lr=lr, weight_decay=wd), w0, [g])[-1]
        prompt = Bi(f"w = {w0:g}，梯度 g = {g:g}，用 `torch.optim.SGD(lr={lr}, weight_decay={wd})` "
                    "更新一步（weight_decay 把 λw 加到梯度上）。更新后 w 是多少？",
                    f"w = {w0:g} with gradient g = {g:g}; one step of `torch.optim.SGD(lr={lr}, "
                    f"weight_decay={wd})` (weight_decay adds λw to the gradient). What is w "
                    "after the step?")
        lines = [Bi(f"g + λw = {g:g} + {wd}·{w0:g} = {g + wd * w0:.6g}",
                    f"g + λw = {g:g} + {wd}·{w0:g} = {g + wd * w0:.6g}"),
                 Bi(f"w − lr·(g + λw) = {num(value, 4)}", f"w − lr·(g + λw) = {num(value, 4)}")]
        slips = [(Bi("忘了 weight decay", "forgot the weight decay"), w0 - lr * g),
                 (Bi("衰减项没乘 lr：w − lr·g − λw", "did not scale the decay by lr: "
                     "w − lr·g − λw"), w0 - lr * g - wd * w0),
                 (Bi("衰减的符号反了（+λw 往外推）", "flipped the decay's sign"),
                  w0 - lr * (g - wd * w0))]
    elif difficulty == 2:
        mu = pick(rng, (0.9, 0.5, 0.8))
        grads = [tenth(rng, -2, 2) for _ in range(2)]
        value = run(SGD(lr=lr, momentum=mu, weight_decay=wd), w0, grads)[-1]
        prompt = Bi(f"w₀ = {w0:g}，梯度依次为 {grads_text(grads)}，用 `torch.optim.SGD(lr={lr}, "
                    f"momentum={mu}, weight_decay={wd})` 更新 2 步（weight_decay 是加到梯度上的 "
                    "L2 项，缓冲区第一步取 b = g）。之后 w 是多少？",
                    f"w₀ = {w0:g} with gradients {grads_text(grads)}; two steps of "
                    f"`torch.optim.SGD(lr={lr}, momentum={mu}, weight_decay={wd})` (weight_decay "
                    "is an L2 term added to the gradient; the buffer starts as b = g). What is "
                    "w afterwards?")
        lines = [Bi("每步 g' = g + λw，b ← μb + g'（第一步 b = g'），w ← w − lr·b",
                    "each step g' = g + λw, b ← μb + g' (b = g' on the first step), "
                    "w ← w − lr·b"), Bi(f"w = {num(value, 4)}", f"w = {num(value, 4)}")]
        slips = [(Bi("按解耦的衰减算了（衰减不进动量）", "decoupled the decay (kept it out of "
                     "the momentum)"), _decoupled_sgd(w0, grads, lr, wd, mu)),
                 (Bi("忘了 weight decay", "forgot the weight decay"),
                  run(SGD(lr=lr, momentum=mu), w0, grads)[-1]),
                 (Bi("忘了动量", "forgot the momentum"),
                  run(SGD(lr=lr, weight_decay=wd), w0, grads)[-1])]
    else:
        g = tenth(rng, -0.6, 0.6)  # often |λw| > |g|, so Adam's L2 step changes direction
        value = run(AdamW(lr=lr, weight_decay=wd), w0, [g])[-1]
        prompt = Bi(f"w = {w0:g}，梯度 g = {g:g}，用 `torch.optim.AdamW(lr={lr}, "
                    f"weight_decay={wd})`（其余默认，eps = 1e-8）更新第一步。更新后 w 是多少？",
                    f"w = {w0:g} with gradient g = {g:g}; the first step of "
                    f"`torch.optim.AdamW(lr={lr}, weight_decay={wd})` (other arguments default, "
                    "eps = 1e-8). What is w after the step?")
        lines = [Bi(f"解耦衰减：w·(1 − lr·λ) = {w0 * (1 - lr * wd):.6g}",
                    f"decoupled decay: w·(1 − lr·λ) = {w0 * (1 - lr * wd):.6g}"),
                 Bi(f"第一步 m̂/√v̂ = g/|g| = {np.sign(g):g}：w = {num(value, 4)}",
                    f"first step m̂/√v̂ = g/|g| = {np.sign(g):g}: w = {num(value, 4)}")]
        slips = [(Bi("按 Adam 的 L2 衰减算了（λw 进了梯度）", "used Adam's L2 decay (λw added to "
                     "the gradient)"), run(Adam(lr=lr, weight_decay=wd), w0, [g])[-1]),
                 (Bi("衰减没乘 lr：w·(1 − λ)", "did not scale the decay by lr: w·(1 − λ)"),
                  w0 * (1 - wd) - lr * float(np.sign(g))),
                 (Bi("忘了 weight decay", "forgot the weight decay"), w0 - lr * float(np.sign(g))),
                 (Bi("按 SGD 走了一步 lr·g", "took an SGD step lr·g"),
                  w0 * (1 - lr * wd) - lr * g)]
    answer = real(value, 4)
    mistakes = tuple(Mistake(name, answer.like([v])) for name, v in slips)
    return Problem(prompt, answer, steps(*lines), mistakes)


KIND = KindDef("weight-decay-step", "optim", Bi("带 weight decay 的一步更新（L2 与解耦）",
               "A weight-decay step (L2 vs decoupled)"), "real", build)
