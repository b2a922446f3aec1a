"""batchnorm-forward: BatchNorm output in train mode (batch statistics) and eval mode."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick, small_ints
from engine.questions.ops import batch_norm
from engine.questions.text import Bi, lst, num, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n = pick(rng, (3, 4, 5))
    x = small_ints(rng, (n, 1), -4, 8)
    while np.ptp(x) == 0:
        x = small_ints(rng, (n, 1), -4, 8)
    gamma = np.array([1.0]) if difficulty == 1 else np.array([pick(rng, (0.5, 2.0, 1.5))])
    beta = np.array([0.0]) if difficulty == 1 else np.array([pick(rng, (0.1, -1.0, 0.5))])
    rm, rv = np.zeros(1), np.ones(1)
    y, new_m, new_v = batch_norm(x, rm, rv, gamma, beta, training=True)
    xs = lst(x[:, 0])
    mean, var = float(x.mean()), float(x.var())
    if difficulty < 3:
        values = y[:, 0]
        prompt = Bi(f"BatchNorm1d(1)（eps=1e-5，γ={gamma[0]:g}，β={beta[0]:g}）在训练模式下，一个"
                    " batch "
                    f"的输入是 {xs}。输出是什么？",
                    f"BatchNorm1d(1) (eps=1e-5, γ={gamma[0]:g}, β={beta[0]:g}) in training mode "
                    f"receives the batch {xs}. What is its output?")
        lines = [Bi(f"均值 μ = {num(mean, 4)}，有偏方差 σ² = {num(var, 4)}（除以 N={n}）",
                    f"mean μ = {num(mean, 4)}, biased variance σ² = {num(var, 4)} (divide by N="
                    f"{n})"),
                 Bi(r"$y = \gamma (x-\mu)/\sqrt{\sigma^2+\epsilon} + \be"
                    r"ta$" + f" = {lst(values, 4)}",
                    r"$y = \gamma (x-\mu)/\sqrt{\sigma^2+\epsilon} + \be"
                    r"ta$" + f" = {lst(values, 4)}")]
        answer = numbers(values, 4)
        unbiased = float(x.var(ddof=1))
        mistakes = [Mistake(Bi("用了无偏方差（除以 N−1）", "used the unbiased variance (N−1)"),
                            answer.like(gamma[0] * (x[:, 0] - mean) / np.sqrt(unbiased + 1e-5)
                                        + beta[0]))]
        if difficulty == 2:
            mistakes.append(Mistake(Bi("忘了 γ、β", "forgot γ and β"), answer.like(
                batch_norm(x, rm, rv, training=True)[0][:, 0])))
            mistakes.append(Mistake(Bi("训练模式却用了 running "
                                       "统计量", "used the running statistics "
                                       "in training mode"),
                                    answer.like(batch_norm(x, rm, rv, gamma, beta)[0][:, 0])))
        return Problem(prompt, answer, steps(*lines), tuple(mistakes))
    probe = small_ints(rng, (2, 1), -3, 6)
    out = batch_norm(probe, new_m, new_v, gamma, beta, training=False)[0][:, 0]
    answer = numbers(out, 4)
    prompt = Bi(f"BatchNorm1d(1)（momentum=0.1，eps=1e-5，γ={gamma[0]:g}，β={beta[0]:g}），runnin"
                "g_mean=0，"
                f"running_var=1。先在训练模式下处理一个 batch {xs}，再切到 eval 模式输入 "
                f"{lst(probe[:, 0])}。eval 的输出是什么？",
                f"BatchNorm1d(1) (momentum=0.1, eps=1e-5, γ={gamma[0]:g}, β={beta[0]:g}) starts w"
                "ith "
                f"running_mean=0, running_var=1. It sees one training batch {xs}, then in eval "
                f"mode receives {lst(probe[:, 0])}. What is the eval output?")
    unb = float(x.var(ddof=1))
    lines = [Bi(f"batch 均值 {num(mean, 4)}，无偏方差 {num(unb, 4)}（running_var 用无偏方差）",
                f"batch mean {num(mean, 4)}, unbiased variance {num(unb, 4)} (running_var uses "
                "the unbiased one)"),
             Bi(f"running_mean = 0.9·0 + 0.1·{num(mean, 4)} = {num(float(new_m[0]), 4)}；"
                f"running_var = 0.9·1 + 0.1·{num(unb, 4)} = {num(float(new_v[0]), 4)}",
                f"running_mean = 0.9·0 + 0.1·{num(mean, 4)} = {num(float(new_m[0]), 4)}; "
                f"running_var = 0.9·1 + 0.1·{num(unb, 4)} = {num(float(new_v[0]), 4)}"),
             Bi(f"eval 用 running 统计量：{lst(out, 4)}", f"eval uses the running statistics: "
                f"{lst(out, 4)}")]
    biased_v = 0.9 + 0.1 * var
    mistakes = [
        Mistake(Bi("eval 模式用了 batch 统计量", "used batch statistics in eval mode"),
                answer.like(gamma[0] * (probe[:, 0] - mean) / np.sqrt(var + 1e-5) + beta[0])),
        Mistake(Bi("running_var 用了有偏方差", "updated running_var with the biased variance"),
                answer.like(batch_norm(probe, new_m, np.array([biased_v]), gamma, beta)[0][:, 0])),
        Mistake(Bi("running 统计量直接换成了 batch 统计量（momentum 理解反了）",
                   "replaced the running statistics by the batch ones (momentum misread)"),
                answer.like(batch_norm(probe, np.array([mean]), np.array([unb]), gamma,
                                       beta)[0][:, 0])),
    ]
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("batchnorm-forward", "normalization", Bi("BatchNorm 前向（训练/推理）",
               "BatchNorm forward (train / eval)"), "list", build)
