"""ema-weights: an exponential moving average of the weights (model EMA, Polyak averaging).

After each step θ_ema ← β·θ_ema + (1 − β)·θ, with θ_ema starting at the initial weight. At
level 3 the decay warms up as in TensorFlow's ExponentialMovingAverage with num_updates:
β_t = min(β, (1 + t)/(10 + t)) at update t = 1, 2, …
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.kinds._optim import tenth
from engine.questions.text import Bi, lst, num, steps


def ema(start: float, thetas: list[float], beta: float, warmup: bool = False,
        swap: bool = False) -> float:
    e = start
    for t, th in enumerate(thetas, 1):
        b = min(beta, (1 + t) / (10 + t)) if warmup else beta
        if swap:
            b = 1 - b
        e = b * e + (1 - b) * th
    return e


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n = between(rng, 2, 3) if difficulty < 3 else 3
    beta = pick(rng, (0.9, 0.8, 0.5) if difficulty == 1 else (0.9, 0.95, 0.99, 0.999))
    start = tenth(rng, -2, 2)
    thetas = [tenth(rng, -3, 3) for _ in range(n)]
    warm = difficulty == 3
    value = ema(start, thetas, beta, warm)
    answer = real(value, 4)
    rule = (Bi(f"衰减按步数预热：β_t = min(β, (1 + t)/(10 + t))，t = 1, 2, …，β = {beta:g}",
               f"the decay warms up: β_t = min(β, (1 + t)/(10 + t)) at update t = 1, 2, …, with "
               f"β = {beta:g}") if warm else Bi(f"β = {beta:g}", f"β = {beta:g}"))
    prompt = Bi(f"权重的 EMA：每步之后 θ_ema ← β·θ_ema + (1 − β)·θ，{rule.zh}。初始 θ_ema = "
                f"{start:g}，之后各步的权重依次是 θ = {lst(thetas)}。最后 θ_ema 是多少？",
                f"An EMA of the weights: after each step θ_ema ← β·θ_ema + (1 − β)·θ, {rule.en}. "
                f"Initially θ_ema = {start:g}; after the steps the weights are θ = "
                f"{lst(thetas)} in turn. What is θ_ema at the end?")
    lines = []
    e = start
    for t, th in enumerate(thetas, 1):
        b = min(beta, (1 + t) / (10 + t)) if warm else beta
        e = b * e + (1 - b) * th
        lines.append(Bi(f"t = {t}：β = {b:.6g}，θ_ema = {num(e, 6)}",
                        f"t = {t}: β = {b:.6g}, θ_ema = {num(e, 6)}"))
    slips = [(Bi("β 与 1 − β 用反了", "swapped β and 1 − β"), ema(start, thetas, beta, warm,
                                                              swap=True)),
             (Bi("少算了一步", "stopped one step early"), ema(start, thetas[:-1], beta, warm)),
             (Bi("给出了最后的 θ（没做平均）", "gave the last θ (no averaging)"), thetas[-1]),
             (Bi("初值取成了第一步的 θ", "started the average at the first θ"),
              ema(thetas[0], thetas[1:], beta, warm) if not warm else
              ema(thetas[0], thetas[1:], beta, True))]
    if warm:
        slips.append((Bi("忽略了 β 的预热", "ignored the decay warm-up"),
                      ema(start, thetas, beta)))
    mistakes = tuple(Mistake(name, answer.like([v])) for name, v in slips)
    return Problem(prompt, answer, steps(*lines), mistakes)


KIND = KindDef("ema-weights", "optim", Bi("权重的指数滑动平均（EMA）",
               "Exponential moving average of weights"), "real", build)
