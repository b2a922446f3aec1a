"""resnet-block-params: parameters of a ResNet basic block vs a bottleneck block."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import pick
from engine.questions.text import Bi, big, steps
from engine.shapes import conv2d_params


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    c = pick(rng, (64, 128, 256, 512))
    if difficulty == 1:
        total = 2 * conv2d_params(c, c, 3, bias=False)
        answer = integer(total)
        prompt = Bi(f"ResNet 的 basic block（两个 3×3 卷积，{c}→{c}，无 bias），卷积权重共有多少"
                    "参数？"
                    "（不计 BN）",
                    f"A ResNet basic block (two 3×3 convs, {c}→{c}, no bias): how many conv "
                    "weights does it have? (BN not counted)")
        solution = steps(Bi(f"2 × {c}·{c}·9 = {big(total)}", f"2 × {c}·{c}·9 = {big(total)}"))
        mistakes = [Mistake(Bi("给卷积加了 bias", "added conv biases"),
                            answer.like([2 * conv2d_params(c, c, 3)])),
                    Mistake(Bi("只算了一个卷积", "counted only one c"
                                                 "onv"), answer.like([total // 2]))]
        return Problem(prompt, answer, solution, tuple(mistakes))
    w = c // 4 if difficulty == 2 else c // 2
    c_in = c
    out = 4 * w
    convs = (conv2d_params(c_in, w, 1, bias=False) + conv2d_params(w, w, 3, bias=False)
             + conv2d_params(w, out, 1, bias=False))
    if difficulty == 2:
        total = convs
        answer = integer(total)
        prompt = Bi(f"ResNet bottleneck：1×1 {c_in}→{w}，3×3 {w}→{w}，1×1 {w}→{out}，无 bias。卷"
                    "积权重"
                    "共有多少参数？（不计 BN）",
                    f"A ResNet bottleneck: 1×1 {c_in}→{w}, 3×3 {w}→{w}, 1×1 {w}→{out}, no bias. H"
                    "ow "
                    "many conv weights? (BN not counted)")
        solution = steps(Bi(f"{c_in}·{w} + {w}·{w}·9 + {w}·{out} = {big(total)}",
                            f"{c_in}·{w} + {w}·{w}·9 + {w}·{out} = {big(total)}"))
        mistakes = [
            Mistake(Bi("3×3 卷积按 4 倍宽度算了", "ran the 3×3 conv at the expanded width"),
                    answer.like([conv2d_params(c_in, w, 1, bias=False)
                                 + conv2d_params(out, out, 3, bias=False)
                                 + conv2d_params(w, out, 1, bias=False)])),
            Mistake(Bi("给卷积加了 bias", "added conv biases"),
                    answer.like([total + 2 * w + out])),
            Mistake(Bi("按两个 3×3 的 basic block 算了", "counted a basic block of two 3×3 convs"),
                    answer.like([2 * conv2d_params(c_in, c_in, 3, bias=False)])),
        ]
        return Problem(prompt, answer, solution, tuple(mistakes))
    bn = 2 * (w + w + out)
    short = conv2d_params(c_in, out, 1, bias=False) + 2 * out
    total = convs + bn + short
    answer = integer(total)
    prompt = Bi(f"torchvision ResNet-50 中某个 stage 的第一个 bottleneck：输入 {c_in} 通道，1×1 "
                f"{c_in}→{w}，"
                f"3×3 {w}→{w}（stride 2），1×1 {w}→{out}，每个卷积后接 BN；shortcut 为 1×1 "
                f"{c_in}→{out} "
                "卷积 + BN。卷积无 bias。这个 block 共有多少可训练参数？",
                f"The first bottleneck of a torchvision ResNet-50 stage: {c_in} input channels, 1"
                "×1 "
                f"{c_in}→{w}, 3×3 {w}→{w} (stride 2), 1×1 {w}→{out}, each followed by BN; the "
                f"shortcut is a 1×1 {c_in}→{out} conv + BN. Convs have no bias. How many trainable "
                "parameters does the block have?")
    solution = steps(
        Bi(f"卷积：{c_in}·{w} + {w}·{w}·9 + {w}·{out} = {big(convs)}",
           f"convs: {c_in}·{w} + {w}·{w}·9 + {w}·{out} = {big(convs)}"),
        Bi(f"BN（γ、β 各一份）：2·({w}+{w}+{out}) = {big(bn)}",
           f"BN (γ and β): 2·({w}+{w}+{out}) = {big(bn)}"),
        Bi(f"shortcut：{c_in}·{out} + 2·{out} = {big(short)}；合计 {big(total)}",
           f"shortcut: {c_in}·{out} + 2·{out} = {big(short)}; total {big(total)}"),
    )
    mistakes = [
        Mistake(Bi("忘了 BN 参数", "forgot the BN paramet"
                                   "ers"), answer.like([convs + short - 2 * out])),
        Mistake(Bi("忘了 shortcut 的投影卷积", "forgot the projection shortcut"),
                answer.like([convs + bn])),
        Mistake(Bi("把 BN 的 running 统计量也算成参数", "counted BN running statistics as "
                   "parameters"), answer.like([total + bn + 2 * out])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("resnet-block-params", "architectures", Bi("ResNet block 参数量",
               "ResNet block parameters"), "integer", build)
