"""separable-speedup: how many times fewer FLOPs a depthwise-separable block needs than a
standard convolution (the MobileNet argument).

A k×k conv C_in → C_out on an H_out × W_out output costs H_out·W_out·C_out·C_in·k² MACs;
depthwise k×k costs H_out·W_out·C_in·k² and pointwise 1×1 H_out·W_out·C_in·C_out, so at
stride 1 the speed-up is 1/(1/C_out + 1/k²). With stride 2 the depthwise conv makes the
smaller map and the pointwise conv runs on it. MobileNetV2's inverted residual adds a 1×1
expansion to t·C_in channels at the input resolution before the depthwise conv.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import pick
from engine.questions.text import Bi, big, num, steps


def _out(h: int, k: int, s: int) -> int:
    return (h + 2 * (k // 2) - k) // s + 1


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    c_in = pick(rng, (16, 24, 32, 64, 96, 128, 256))
    c_out = pick(rng, (32, 64, 96, 128, 160, 256, 320, 512))
    k = pick(rng, (3, 5)) if difficulty < 3 else 3
    h = pick(rng, (14, 28, 56, 112))
    s = 1 if difficulty == 1 else 2
    t = pick(rng, (2, 4, 6)) if difficulty == 3 else 1
    o = _out(h, k, s)
    std = o * o * c_out * c_in * k * k
    expand = h * h * c_in * t * c_in if difficulty == 3 else 0
    mid = c_in * t
    dw = o * o * mid * k * k
    pw = o * o * mid * c_out
    sep = expand + dw + pw
    ratio = std / sep
    answer = real(ratio, 2)
    conv = Bi(f"输入 {c_in}×{h}×{h}，普通 {k}×{k} 卷积 {c_in}→{c_out}（stride {s}，padding {k // 2}"
              "，无 bias）",
              f"An input of {c_in}×{h}×{h} and a standard {k}×{k} conv {c_in}→{c_out} (stride "
              f"{s}, padding {k // 2}, no bias)")
    if difficulty < 3:
        block = Bi(f"换成 depthwise {k}×{k}（stride {s}）+ pointwise 1×1 的深度可分离卷积",
                   f"replaced by a depthwise {k}×{k} (stride {s}) + pointwise 1×1 separable "
                   "conv")
    else:
        block = Bi(f"换成 MobileNetV2 的倒残差块：1×1 扩张到 {t}·{c_in} = {mid} 通道（stride 1），"
                   f"depthwise 3×3（stride {s}），1×1 投影到 {c_out}（都无 bias，BN/ReLU 不计）",
                   f"replaced by a MobileNetV2 inverted residual block: a 1×1 expansion to "
                   f"{t}·{c_in} = {mid} channels (stride 1), a depthwise 3×3 (stride {s}) and a "
                   f"1×1 projection to {c_out} (no biases; BN and ReLU not counted)")
    prompt = conv + Bi(f"，{block.zh}。FLOPs 减少到原来的几分之一（普通 / 新结构 的比值）？",
                       f", {block.en}. How many times fewer FLOPs does it need (standard / "
                       "new)?")
    lines = [Bi(f"输出 {o}×{o}；普通：{o}²·{c_out}·{c_in}·{k}² = {big(std)} MACs",
                f"output {o}×{o}; standard: {o}²·{c_out}·{c_in}·{k}² = {big(std)} MACs")]
    if expand:
        lines.append(Bi(f"扩张 1×1：{h}²·{c_in}·{mid} = {big(expand)}",
                        f"1×1 expansion: {h}²·{c_in}·{mid} = {big(expand)}"))
    lines += [Bi(f"depthwise：{o}²·{mid}·{k}² = {big(dw)}；pointwise：{o}²·{mid}·{c_out} = "
                 f"{big(pw)}", f"depthwise: {o}²·{mid}·{k}² = {big(dw)}; pointwise: "
                 f"{o}²·{mid}·{c_out} = {big(pw)}"),
              Bi(f"比值 = {big(std)}/{big(sep)} = {num(ratio, 2)}（FLOPs = 2·MACs，比值不变）",
                 f"ratio = {big(std)}/{big(sep)} = {num(ratio, 2)} (FLOPs = 2·MACs, the ratio "
                 "is the same)")]
    slips = [(Bi("比值倒过来了（新结构 / 普通）", "inverted the ratio (new / standard)"),
              sep / std),
             (Bi("漏了 pointwise", "left out the pointwise conv"), std / (expand + dw)),
             (Bi("depthwise 按完整卷积算了（×C_in）", "counted the depthwise as a full conv "
                 "(× C_in)"), std / (expand + dw * mid + pw))]
    if s == 2:
        full = h * h
        slips.append((Bi("depthwise 与 pointwise 按输入分辨率算了（忽略了 stride 2）",
                         "costed the depthwise and pointwise at the input resolution (ignored "
                         "stride 2)"), std / (expand + full * mid * k * k + full * mid * c_out)))
    if difficulty == 3:
        slips.append((Bi("漏了 1×1 扩张层", "left out the 1×1 expansion"), std / (dw + pw)))
    else:
        slips.append((Bi("用了 1/C_in + 1/k² 的公式", "used 1/(1/C_in + 1/k²)"),
                      1 / (1 / c_in + 1 / (k * k))))
    mistakes = tuple(Mistake(name, answer.like([v])) for name, v in slips)
    return Problem(prompt, answer, steps(*lines), mistakes)


KIND = KindDef("separable-speedup", "lightweight", Bi("深度可分离块相对普通卷积的加速比",
               "Speed-up of a depthwise-separable block over a standard conv"), "real", build)
