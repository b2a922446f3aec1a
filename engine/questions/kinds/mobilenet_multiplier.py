"""mobilenet-multiplier: MACs of a MobileNet separable layer under width α and resolution ρ."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import pick
from engine.questions.text import Bi, big, steps
from engine.shapes import conv2d_macs, conv_output_size


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    alpha = pick(rng, (0.75, 0.5, 0.25))
    m, n = pick(rng, ((64, 128), (128, 128), (128, 256), (256, 256), (256, 512), (512, 512)))
    res = 224 if difficulty == 1 else pick(rng, (192, 160, 128))
    stage = pick(rng, (1, 2, 3, 4))
    f_in = res // 2 ** (stage + 1)
    s = 2 if difficulty == 3 else 1
    f = conv_output_size(f_in, 3, s, 1)
    am, an = int(alpha * m), int(alpha * n)
    dw = conv2d_macs(am, am, 3, f, f, groups=am)
    pw = conv2d_macs(am, an, 1, f, f)
    total = dw + pw
    answer = integer(total, unit="MACs", approx=True)
    stride = (Bi("，depthwise 的 stride 为 2", "; the depthwise conv has stride 2") if s == 2
              else Bi("", ""))
    f224 = 224 // 2 ** (stage + 1)
    prompt = Bi(f"MobileNetV1 的一个深度可分离层（depthwise 3×3 + pointwise 1×1，padding 1）：在 "
                f"224×224 的输入图像、α=1 时，它把 {m} 通道变成 {n} 通道，这一层的输入特征图是 "
                f"{f224}×{f224}{stride.zh}。现在用宽度乘子 α={alpha}、输入图像 {res}×{res}（特征图"
                "按同样比例缩小）。这一层的 MACs（乘加次数，不计 BN 和 bias）是多少？",
                f"A MobileNetV1 separable layer (depthwise 3×3 + pointwise 1×1, padding 1) maps "
                f"{m} to {n} channels; with a 224×224 input image and α=1, the layer's input "
                f"feature map is {f224}×{f224}{stride.en}. With width multiplier α={alpha} and a "
                f"{res}×{res} input image (feature maps shrink in proportion), how many MACs "
                "(multiply-adds; BN and biases not counted) does the layer take?")
    solution = steps(
        Bi(f"通道：αM = {am}，αN = {an}；特征图：输入 {f_in}，输出 {f}",
           f"channels: αM = {am}, αN = {an}; feature map: input {f_in}, output {f}"),
        Bi(f"depthwise：{f}²·{am}·9 = {big(dw)}", f"depthwise: {f}²·{am}·9 = {big(dw)}"),
        Bi(f"pointwise：{f}²·{am}·{an} = {big(pw)}；合计 {big(total)}",
           f"pointwise: {f}²·{am}·{an} = {big(pw)}; total {big(total)}"),
    )
    mistakes = [
        Mistake(Bi("pointwise 只乘了一次 α", "applied α only once to the pointwise term"),
                answer.like([dw + conv2d_macs(am, n, 1, f, f)])),
        Mistake(Bi("漏了 depthwise 部分", "left out the depthwise term"), answer.like([pw])),
    ]
    if res != 224:
        base = 224 // 2 ** (stage + 1) // s
        mistakes.append(Mistake(Bi("没按分辨率缩小特征图", "did not shrink the feature map with t"
                                                           "he "
                                   "resolution"),
                                answer.like([conv2d_macs(am, am, 3, base, base, groups=am)
                                             + conv2d_macs(am, an, 1, base, base)])))
    if s == 2:
        mistakes.append(Mistake(Bi("pointwise 用了 stride 前的特征"
                                   "图尺寸", "used the pre-stride size "
                                   "for the pointwise conv"),
                                answer.like([dw + conv2d_macs(am, an, 1, f_in, f_in)])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("mobilenet-multiplier", "lightweight", Bi("MobileNet 宽度/分辨率乘子",
               "MobileNet width / resolution multiplier"), "integer", build)
