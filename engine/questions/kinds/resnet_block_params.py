"""resnet-block-params: parameters of a ResNet basic block, a bottleneck, and a bottleneck
with a projection shortcut (torchvision's layout: stride on the 3×3, BN after every conv)."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import between
from engine.questions.text import Bi, big, steps
from engine.shapes import conv2d_params


def _basic(rng: np.random.Generator) -> Problem:
    c = 16 * between(rng, 2, 32)
    with_bn = bool(rng.integers(2))
    convs = 2 * conv2d_params(c, c, 3, bias=False)
    bn = 2 * 2 * c if with_bn else 0
    total = convs + bn
    answer = integer(total, unit="params")
    what = (Bi("卷积权重和 BN 的 γ、β（不计 running 统计量）共有多少参数？",
               "how many parameters do the conv weights and the BN γ and β have together "
               "(running statistics not counted)?") if with_bn else
            Bi("卷积权重共有多少参数（不计 BN）？", "how many conv weights does it have (BN not "
               "counted)?"))
    prompt = Bi(f"ResNet 的 basic block（两个 3×3 卷积，{c}→{c}，stride 1，卷积无 bias，每个卷积"
                "后接 "
                f"BN，恒等 shortcut）：{what.zh}",
                f"A ResNet basic block (two 3×3 convs, {c}→{c}, stride 1, convs without bias, "
                f"BN after each conv, identity shortcut): {what.en}")
    lines = [Bi(f"卷积：2 × {c}·{c}·9 = {big(convs)}", f"convs: 2 × {c}·{c}·9 = {big(convs)}")]
    if with_bn:
        lines.append(Bi(f"BN：2 × 2·{c} = {bn}；合计 {big(total)}",
                        f"BN: 2 × 2·{c} = {bn}; total {big(total)}"))
    mistakes = [Mistake(Bi("给卷积加了 bias", "added conv biases"), answer.like([total + 2 * c])),
                Mistake(Bi("只算了一个卷积", "counted only one conv"),
                        answer.like([total // 2]))]
    if with_bn:
        mistakes += [Mistake(Bi("忘了 BN 参数", "forgot the BN parameters"), answer.like([convs])),
                     Mistake(Bi("把 BN 的 running 统计量也算成参数",
                                "counted BN running statistics as parameters"),
                             answer.like([total + bn]))]
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


def _bottleneck(rng: np.random.Generator) -> Problem:
    w = 8 * between(rng, 2, 128)
    c_in = out = 4 * w
    total = (conv2d_params(c_in, w, 1, bias=False) + conv2d_params(w, w, 3, bias=False)
             + conv2d_params(w, out, 1, bias=False))
    answer = integer(total, unit="params")
    prompt = Bi(f"ResNet bottleneck（恒等 shortcut）：1×1 {c_in}→{w}，3×3 {w}→{w}，1×1 {w}→{out}，"
                "卷积无 bias。卷积权重共有多少参数（不计 BN）？",
                f"A ResNet bottleneck with an identity shortcut: 1×1 {c_in}→{w}, 3×3 {w}→{w}, "
                f"1×1 {w}→{out}, convs without bias. How many conv weights does it have (BN not "
                "counted)?")
    solution = steps(Bi(f"{c_in}·{w} + {w}·{w}·9 + {w}·{out} = {big(total)}",
                        f"{c_in}·{w} + {w}·{w}·9 + {w}·{out} = {big(total)}"))
    mistakes = [
        Mistake(Bi("3×3 卷积按 4 倍宽度算了", "ran the 3×3 conv at the expanded width"),
                answer.like([conv2d_params(c_in, w, 1, bias=False)
                             + conv2d_params(out, out, 3, bias=False)
                             + conv2d_params(w, out, 1, bias=False)])),
        Mistake(Bi("给卷积加了 bias", "added conv biases"), answer.like([total + 2 * w + out])),
        Mistake(Bi("按两个 3×3 的 basic block 算了", "counted a basic block of two 3×3 convs"),
                answer.like([2 * conv2d_params(c_in, c_in, 3, bias=False)])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _projection(rng: np.random.Generator) -> Problem:
    w = 16 * between(rng, 2, 32)
    c_in = w * (2 if rng.integers(2) else 4)
    s = 1 + int(rng.integers(2))
    out = 4 * w
    convs = (conv2d_params(c_in, w, 1, bias=False) + conv2d_params(w, w, 3, bias=False)
             + conv2d_params(w, out, 1, bias=False))
    bn = 2 * (w + w + out)
    short = conv2d_params(c_in, out, 1, bias=False) + 2 * out
    total = convs + bn + short
    answer = integer(total, unit="params")
    prompt = Bi(f"一个带投影 shortcut 的 bottleneck（torchvision 的 Bottleneck，expansion 4）：输"
                "入 "
                f"{c_in} 通道，1×1 {c_in}→{w}，3×3 {w}→{w}（stride {s}），1×1 {w}→{out}，每个卷积"
                f"后接 BN；shortcut 为 1×1 {c_in}→{out} 卷积（stride {s}）+ BN。卷积无 bias。这个 "
                "block 共有多少可训练参数（BN 的 γ、β 计入，running 统计量不计）？",
                f"A bottleneck with a projection shortcut (torchvision's Bottleneck, expansion "
                f"4): {c_in} input channels, 1×1 {c_in}→{w}, 3×3 {w}→{w} (stride {s}), 1×1 "
                f"{w}→{out}, each followed by BN; the shortcut is a 1×1 {c_in}→{out} conv "
                f"(stride {s}) + BN. Convs have no bias. How many trainable parameters does the "
                "block have (BN γ and β counted, running statistics not)?")
    solution = steps(
        Bi(f"卷积：{c_in}·{w} + {w}·{w}·9 + {w}·{out} = {big(convs)}",
           f"convs: {c_in}·{w} + {w}·{w}·9 + {w}·{out} = {big(convs)}"),
        Bi(f"BN（γ、β 各一份）：2·({w}+{w}+{out}) = {big(bn)}",
           f"BN (γ and β): 2·({w}+{w}+{out}) = {big(bn)}"),
        Bi(f"shortcut：{c_in}·{out} + 2·{out} = {big(short)}；合计 {big(total)}（stride 不影响参"
           "数量）",
           f"shortcut: {c_in}·{out} + 2·{out} = {big(short)}; total {big(total)} (the stride "
           "does not change the count)"),
    )
    mistakes = [
        Mistake(Bi("忘了 BN 参数", "forgot the BN parameters"),
                answer.like([convs + short - 2 * out])),
        Mistake(Bi("忘了 shortcut 的投影卷积", "forgot the projection shortcut"),
                answer.like([convs + bn])),
        Mistake(Bi("把 BN 的 running 统计量也算成参数", "counted BN running statistics as "
                   "parameters"), answer.like([total + bn + 2 * out])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    return (_basic, _bottleneck, _projection)[difficulty - 1](rng)


KIND = KindDef("resnet-block-params", "architectures", Bi("ResNet block 参数量",
               "ResNet block parameters"), "integer", build)
