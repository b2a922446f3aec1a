"""sgd-momentum: parameter after a few SGD steps with momentum (and Nesterov, weight decay)."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.kinds._optim import grads_text, run, tenth
from engine.questions.ops import SGD
from engine.questions.text import Bi, num, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    lr, mu = pick(rng, (0.1, 0.05, 0.2)), pick(rng, (0.9, 0.8, 0.5))
    n = 2 if difficulty == 1 else between(rng, 2, 3)
    wd = pick(rng, (0.01, 0.1)) if difficulty >= 2 else 0.0
    nesterov = difficulty == 3
    w0 = tenth(rng, -2, 2)
    grads = [tenth(rng, -1.5, 1.5) for _ in range(n)]
    path = run(SGD(lr, momentum=mu, weight_decay=wd, nesterov=nesterov), w0, grads)
    answer = real(path[-1], 4)
    opts = f"lr={lr}, momentum={mu}" + (f", weight_decay={wd}" if wd else "")
    opts += ", nesterov=True" if nesterov else ""
    prompt = Bi(f"参数 w₀ = {w0:g}，用 `torch.optim.SGD({opts})` 更新 {n} 步，各步梯度（对 w 的 ∂"
                "L/∂w）"
                f"依次为 {grads_text(grads)}。{n} 步后 w 等于多少？",
                f"A parameter starts at w₀ = {w0:g} and is updated {n} times by "
                f"`torch.optim.SGD({opts})`; the gradients are {grads_text(grads)}. "
                f"What is w after {n} steps?")
    rule = Bi("PyTorch：g ← ∇ + λw；第一步 b = g，之后 b ← μb + g；"
              + ("Nesterov 方向 g + μb" if nesterov else "方向为 b") + "；w ← w − lr·方向",
              "PyTorch: g ← ∇ + λw; b = g on the first step, then b ← μb + g; direction "
              + ("g + μb (Nesterov)" if nesterov else "b") + "; w ← w − lr·direction")
    lines = [rule] + [Bi(f"第 {i} 步后 w = {num(v, 6)}", f"after step {i}: w = {num(v, 6)}")
                      for i, v in enumerate(path, 1)]
    mistakes = [
        Mistake(Bi("没用动量（普通 SGD）", "ignored the momentum (plain SGD)"),
                answer.like([run(SGD(lr, weight_decay=wd), w0, grads)[-1]])),
        Mistake(Bi("动量写成了指数平均 b ← μb + (1−μ)g", "used the EMA form b ← μb + (1−μ)g"),
                answer.like([run(SGD(lr, momentum=mu, dampening=mu, weight_decay=wd), w0,
                                 grads)[-1]])),
    ]
    if wd:
        mistakes.append(Mistake(Bi("忘了 weight decay", "forgot the weight decay"), answer.like(
            [run(SGD(lr, momentum=mu, nesterov=nesterov), w0, grads)[-1]])))
    if nesterov:
        mistakes.append(Mistake(Bi("按普通动量算了（不是 Nester"
                                   "ov）", "used classical momentum, not "
                                   "Nesterov"), answer.like(
            [run(SGD(lr, momentum=mu, weight_decay=wd), w0, grads)[-1]])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("sgd-momentum", "optim", Bi("SGD 动量更新", "SGD with momentum"), "real", build)
