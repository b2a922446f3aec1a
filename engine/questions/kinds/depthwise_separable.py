"""depthwise-separable: depthwise + pointwise vs a standard conv: parameters, MACs, ratio."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.text import Bi, big, num, steps
from engine.shapes import conv2d_macs, conv2d_params


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    c_in = pick(rng, (16, 24, 32, 48, 64, 96, 128, 160, 256))
    c_out = pick(rng, (32, 48, 64, 96, 128, 160, 192, 256, 320, 384, 512, 1024))
    k = pick(rng, (3, 5) if difficulty < 3 else (3, 5, 7))
    h = pick(rng, (7, 14, 28, 56))
    std_p = conv2d_params(c_in, c_out, k, bias=False)
    dw_p = conv2d_params(c_in, c_in, k, groups=c_in, bias=False)
    pw_p = conv2d_params(c_in, c_out, 1, bias=False)
    std_m = conv2d_macs(c_in, c_out, k, h, h)
    dw_m = conv2d_macs(c_in, c_in, k, h, h, groups=c_in)
    pw_m = conv2d_macs(c_in, c_out, 1, h, h)
    layer = (f"{k}×{k} 卷积 {c_in}→{c_out}（stride 1，same padding，无 bias）",
             f"a {k}×{k} conv {c_in}→{c_out} (stride 1, same padding, no bias)")
    sep = (f"换成 depthwise {k}×{k} + pointwise 1×1 的深度可分离卷积",
           f"replaced by a depthwise {k}×{k} + pointwise 1×1 separable conv")
    if difficulty == 1:
        answer = numbers([std_p, dw_p + pw_p], units=("params",))
        prompt = Bi(f"{layer[0]}，{sep[0]}。写出 [普通卷积参数量, 深度可分离参数量]。",
                    f"Take {layer[1]}, {sep[1]}. Answer [standard parameters, separable "
                    "parameters].")
        solution = steps(Bi(f"普通：{c_in}·{c_out}·{k}² = {big(std_p)}", f"standard: "
                            f"{c_in}·{c_out}·{k}² = {big(std_p)}"),
                         Bi(f"depthwise {c_in}·{k}² = {dw_p}，pointwise {c_in}·{c_out} = {pw_p}，"
                            f"合计 {big(dw_p + pw_p)}",
                            f"depthwise {c_in}·{k}² = {dw_p}, pointwise {c_in}·{c_out} = {pw_p}, "
                            f"total {big(dw_p + pw_p)}"))
        mistakes = [
            Mistake(Bi("漏了 pointwise", "left out the pointwise c"
                                         "onv"), answer.like([std_p, dw_p])),
            Mistake(Bi("depthwise 按 C_in×C_in 的完整卷积算了", "counted the depthwise as a full "
                       "C_in×C_in conv"), answer.like([std_p, conv2d_params(c_in, c_in, k,
                                                                            bias=False) + pw_p])),
        ]
        return Problem(prompt, answer, solution, tuple(mistakes))
    if difficulty == 2:
        answer = numbers([std_m, dw_m + pw_m], units=("MACs",), approx=True)
        prompt = Bi(f"输入 {c_in}×{h}×{h}，{layer[0]}，{sep[0]}。写出 [普通卷积 MACs, 深度可分离 "
                    "MACs]。",
                    f"An input of {c_in}×{h}×{h}; take {layer[1]}, {sep[1]}. Answer [standard "
                    "MACs, separable MACs].")
        solution = steps(Bi(f"普通：{h}²·{c_out}·{c_in}·{k}² = {big(std_m)}", f"standard: "
                            f"{h}²·{c_out}·{c_in}·{k}² = {big(std_m)}"),
                         Bi(f"depthwise {h}²·{c_in}·{k}² = {big(dw_m)}，pointwise {h}²·{c_in}·"
                            f"{c_out}"
                            f" = {big(pw_m)}，合计 {big(dw_m + pw_m)}",
                            f"depthwise {h}²·{c_in}·{k}² = {big(dw_m)}, pointwise "
                            f"{h}²·{c_in}·{c_out} = {big(pw_m)}, total {big(dw_m + pw_m)}"))
        mistakes = [
            Mistake(Bi("漏了 pointwise", "left out the pointwise c"
                                         "onv"), answer.like([std_m, dw_m])),
            Mistake(Bi("pointwise 也乘了 k²", "multiplied the pointwise cost by k² too"),
                    answer.like([std_m, dw_m + pw_m * k * k])),
        ]
        return Problem(prompt, answer, solution, tuple(mistakes))
    ratio = (dw_m + pw_m) / std_m
    answer = numbers([ratio], 4)
    prompt = Bi(f"输入 {c_in}×{h}×{h}，{layer[0]}，{sep[0]}。两者的计算量（MACs）之比"
                "（可分离 / 普通）是多少？",
                f"An input of {c_in}×{h}×{h}; take {layer[1]}, {sep[1]}. What is the ratio of "
                "their MACs (separable / standard)?")
    solution = steps(Bi(f"比值 = 1/C_out + 1/k² = 1/{c_out} + 1/{k * k} = {num(ratio, 4)}",
                        f"ratio = 1/C_out + 1/k² = 1/{c_out} + 1/{k * k} = {num(ratio, 4)}"))
    mistakes = [
        Mistake(Bi("比值倒过来了", "inverted the ratio"), answer.like([1 / ratio])),
        Mistake(Bi("只算了 1/k²", "kept only 1/k²"), answer.like([1 / (k * k)])),
        Mistake(Bi("用了 1/C_in 而不是 1/C_out", "used 1/C_in instead of 1/C_out"),
                answer.like([1 / c_in + 1 / (k * k)])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("depthwise-separable", "lightweight", Bi("深度可分离卷积 vs 普通卷积",
               "Depthwise-separable vs standard conv"), "list", build)
