"""conv-params: parameter count of a Conv2d layer (bias; groups; depthwise)."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import pick
from engine.questions.text import Bi, big, steps
from engine.shapes import conv2d_params


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    k = pick(rng, (1, 3, 5, 7))
    bias = bool(rng.integers(2))
    if difficulty == 1:
        c_in, c_out, g = pick(rng, (3, 16, 32, 64, 96)), pick(rng, (16, 32, 64, 128, 256)), 1
    elif difficulty == 2:
        g = pick(rng, (2, 4, 8))
        c_in, c_out = g * pick(rng, (4, 8, 16, 32)), g * pick(rng, (4, 8, 16, 32))
    else:
        c_in = pick(rng, (16, 24, 32, 48, 64, 96, 128, 144, 160, 192, 256, 320, 384, 512, 960))
        g, c_out, k = c_in, c_in * pick(rng, (1, 2)), pick(rng, (3, 5))
    total = conv2d_params(c_in, c_out, k, groups=g, bias=bias)
    args = f"{c_in}, {c_out}, kernel_size={k}" + (f", groups={g}" if g > 1 else "")
    args += f", bias={bias}"
    prompt = Bi(f"`nn.Conv2d({args})` 有多少个参数？", f"How many parameters does "
                f"`nn.Conv2d({args})` have?")
    weights = c_out * (c_in // g) * k * k
    solution = steps(
        Bi(r"公式：$C_{out}\cdot (C_{in}/g)\cdot k^2$ (+ $C_{out}$ 个 bias)",
           r"Formula: $C_{out}\cdot (C_{in}/g)\cdot k^2$ (+ $C_{out}$ biases)"),
        Bi(f"权重：{c_out}·({c_in}/{g})·{k}² = {big(weights)}",
           f"weights: {c_out}·({c_in}/{g})·{k}² = {big(weights)}"),
        Bi(f"bias：{c_out if bias else 0}；合计 {big(total)}",
           f"bias: {c_out if bias else 0}; total {big(total)}"),
    )
    answer = integer(total, unit="params")
    mistakes = []
    if bias:
        mistakes.append(Mistake(Bi("忘了 bias", "forgot the bias"),
                                answer.like([conv2d_params(c_in, c_out, k, g, bias=False)])))
    else:
        mistakes.append(Mistake(Bi("bias=False 却算了 bias", "counted a bias although bias=False"),
                                answer.like([conv2d_params(c_in, c_out, k, g, bias=True)])))
    if g > 1:
        mistakes.append(Mistake(Bi("忽略了 groups（按普通卷"
                                   "积算）", "ignored groups (standard conv)"),
                                answer.like([conv2d_params(c_in, c_out, k, 1, bias)])))
        mistakes.append(Mistake(Bi("输入输出通道都除以了 g", "divided both channel counts by g"),
                                answer.like([weights // g + (c_out if bias else 0)])))
    if k > 1:
        mistakes.append(Mistake(Bi("卷积核只乘了 k 而不是 k²", "used k instead of k²"),
                                answer.like([weights // k + (c_out if bias else 0)])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("conv-params", "conv", Bi("卷积层参数量", "Conv layer parameters"), "integer", build)
