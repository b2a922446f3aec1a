"""stacked-3x3: n stacked 3×3 convs vs one (2n+1)×(2n+1) conv with the same receptive field."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.text import Bi, big, steps
from engine.shapes import conv2d_params, receptive_field


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n = between(rng, 2, 4)
    c = 16 * between(rng, 1, 32)
    c_in = pick(rng, (3, 8, 16)) if difficulty == 3 else c
    bias = difficulty >= 2 and (difficulty == 2 or bool(rng.integers(2)))
    big_k = receptive_field([(3, 1, 1, 1)] * n)[-1].size
    stack = conv2d_params(c_in, c, 3, bias=bias) + (n - 1) * conv2d_params(c, c, 3, bias=bias)
    single = conv2d_params(c_in, c, big_k, bias=bias)
    answer = numbers([stack, single], units=("params",))
    b = "带 bias" if bias else "不带 bias"
    b_en = "with bias" if bias else "without bias"
    prompt = Bi(
        f"把 {n} 个 3×3 卷积（stride 1，{b}）堆叠，第一层 {c_in}→{c} 通道，其余 {c}→{c}；"
        f"再用一个感受野相同的单层大卷积核（{c_in}→{c}，{b}）替换它们。依次写出 [堆叠的参数量, "
        "大卷积核的参数量]。",
        f"Stack {n} 3×3 convs (stride 1, {b_en}): the first maps {c_in}→{c} channels, the rest "
        f"{c}→{c}. Replace them by one conv ({c_in}→{c}, {b_en}) with the same receptive "
        "field. Answer [parameters of the stack, parameters of the single conv].",
    )
    bias_txt = f" + {c}" if bias else ""
    solution = steps(
        Bi(f"{n} 个 3×3 叠起来的感受野：1 + 2·{n} = {big_k}，等价于 {big_k}×{big_k}",
           f"receptive field of {n} stacked 3×3: 1 + 2·{n} = {big_k}, i.e. {big_k}×{big_k}"),
        Bi(f"堆叠：{c_in}·{c}·9{bias_txt} + {n - 1}·({c}·{c}·9{bias_txt}) = {big(stack)}",
           f"stack: {c_in}·{c}·9{bias_txt} + {n - 1}·({c}·{c}·9{bias_txt}) = {big(stack)}"),
        Bi(f"单层：{c_in}·{c}·{big_k}²{bias_txt} = {big(single)}，比值 {single / stack:.3f}",
           f"single: {c_in}·{c}·{big_k}²{bias_txt} = {big(single)}, ratio {single / stack:.3f}"),
    )
    mistakes = [
        Mistake(Bi(f"大卷积核取成了 {3 * n}×{3 * n}（3n 而不是 2n+1）",
                   f"took the big kernel as {3 * n}×{3 * n} (3n instead of 2n+1)"),
                answer.like([stack, conv2d_params(c_in, c, 3 * n, bias=bias)])),
        Mistake(Bi("只算了一层 3×3", "counted only one 3×3 layer"),
                answer.like([conv2d_params(c_in, c, 3, bias=bias), single])),
    ]
    if c_in != c:
        mistakes.append(Mistake(
            Bi("所有层都按同一个通道数算", "used the same channel count for every layer"),
            answer.like([n * conv2d_params(c, c, 3, bias=bias), single])))
    if bias:
        mistakes.append(Mistake(Bi("忘了 bias", "forgot the bias"), answer.like(
            [c_in * c * 9 + (n - 1) * c * c * 9, c_in * c * big_k * big_k])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("stacked-3x3", "conv", Bi("堆叠 3×3 卷积 vs 大"
                                         "卷积核", "Stacked 3×3 vs one large kernel"),
               "list", build)
