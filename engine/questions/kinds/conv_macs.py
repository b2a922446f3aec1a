"""conv-macs: MACs or FLOPs of a conv layer, the FLOP convention stated in the prompt."""

from __future__ import annotations

from typing import Literal

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import between, pick
from engine.questions.text import Bi, big, steps
from engine.shapes import conv2d_macs, conv_output_size, flops_from_macs

_CONV = {
    "mac": Bi("按 MACs 计（一次乘加算 1 次）", "counted as MACs (one multiply-add = 1)"),
    "2mac": Bi("按 FLOPs 计，一次乘加 = 2 FLOPs（论文惯例）",
               "counted as FLOPs with one multiply-add = 2 FLOPs (the papers' convention)"),
}


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    c_in, c_out = pick(rng, (16, 32, 64, 128)), pick(rng, (32, 64, 128, 256))
    k = pick(rng, (1, 3) if difficulty == 1 else (3, 5))
    s = 1 if difficulty == 1 else 2
    p = k // 2
    h = pick(rng, (14, 28, 56)) if difficulty == 1 else 2 * between(rng, 7, 40)
    g = pick(rng, (2, 4, 8)) if difficulty == 3 else 1
    n = pick(rng, (2, 4, 8)) if difficulty == 3 else 1
    conventions: tuple[Literal["mac", "2mac"], ...] = ("mac", "2mac")
    conv = conventions[0] if difficulty < 3 else pick(rng, conventions)
    if difficulty == 2:
        conv = "2mac"
    out = conv_output_size(h, k, s, p)
    macs = n * conv2d_macs(c_in, c_out, k, out, out, groups=g)
    total = flops_from_macs(macs, conv)
    what = Bi("MACs", "MACs") if conv == "mac" else Bi("FLOPs", "FLOPs")
    layer = f"nn.Conv2d({c_in}, {c_out}, {k}, stride={s}, padding={p}" + (
        f", groups={g})" if g > 1 else ")")
    prompt = Bi(
        f"输入 {n}×{c_in}×{h}×{h}，经过 `{layer}`（不计 bias 的加法）。"
        f"这一层的计算量是多少 {what.zh}？{_CONV[conv].zh}。",
        f"An input of {n}×{c_in}×{h}×{h} goes through `{layer}` (bias additions not counted). "
        f"How many {what.en} does the layer take? They are {_CONV[conv].en}.",
    )
    solution = steps(
        Bi(f"输出边长：⌊({h}+2·{p}−{k})/{s}⌋+1 = "
           f"{out}", f"output side: ⌊({h}+2·{p}−{k})/{s}⌋+1 = {out}"),
        Bi(r"MACs = $N\cdot C_{out} H_{out} W_{out}\cdot (C_{in}/g) k^2$" +
           f" = {n}·{c_out}·{out}·{out}·({c_in}/{g})·{k}² = {big(macs)}",
           r"MACs = $N\cdot C_{out} H_{out} W_{out}\cdot (C_{in}/g) k^2$" +
           f" = {n}·{c_out}·{out}·{out}·({c_in}/{g})·{k}² = {big(macs)}"),
        Bi(f"{_CONV[conv].zh}：{big(total)}", f"{_CONV[conv].en}: {big(total)}"),
    )
    answer = integer(total, unit="MACs" if conv == "mac" else "FLOPs", approx=True)
    other: Literal["mac", "2mac"] = "2mac" if conv == "mac" else "mac"
    mistakes = [Mistake(Bi("MACs 与 FLOPs 的换算弄错了（差 2 倍）",
                           "mixed up MACs and FLOPs (factor of 2)"),
                        answer.like([flops_from_macs(macs, other)]))]
    if out != h:
        mistakes.append(Mistake(Bi("用了输入尺寸而不是输"
                                   "出尺寸", "used the input size, not the output"),
                                answer.like([flops_from_macs(
                                    n * conv2d_macs(c_in, c_out, k, h, h, groups=g), conv)])))
    if g > 1:
        mistakes.append(Mistake(Bi("忽略了 groups", "ignored groups"), answer.like(
            [flops_from_macs(n * conv2d_macs(c_in, c_out, k, out, out), conv)])))
    if n > 1:
        mistakes.append(Mistake(Bi("忘了乘 batch 大小", "forgot the batch size"),
                                answer.like([total // n])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("conv-macs", "conv", Bi("卷积计算量（MACs/FLOPs）", "Conv MACs / FLOPs"), "integer",
               build)
