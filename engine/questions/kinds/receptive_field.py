"""receptive-field: receptive field of a stack of conv/pool layers (Araujo et al. recurrence)."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import between, pick
from engine.questions.text import Bi, steps
from engine.shapes import receptive_field

Layer = tuple[str, int, int, int, int]


def _stack(rng: np.random.Generator, difficulty: int) -> list[Layer]:
    layers: list[Layer] = []
    for i in range(between(rng, 2, 3) + difficulty):
        if difficulty == 1:
            k = pick(rng, (1, 3, 3, 5, 7))
            layers.append(("conv", k, 1, k // 2, 1))
        elif difficulty >= 2 and i % 2 == 1 and rng.integers(3) > 0:
            layers.append(("pool", 2, 2, 0, 1))
        else:
            k = pick(rng, (3, 5, 7) if i == 0 else (3, 3, 5))
            d = pick(rng, (1, 2, 3)) if difficulty == 3 else 1
            s = pick(rng, (1, 2)) if difficulty >= 2 else 1
            layers.append(("conv", k, s, d * (k // 2), d))
    return layers


def _name(layer: Layer) -> Bi:
    kind, k, s, p, d = layer
    if kind == "pool":
        return Bi(f"{k}×{k} 最大池化 stride {s}", f"{k}×{k} max pool, stride {s}")
    dd = f"，dilation {d}" if d > 1 else ""
    de = f", dilation {d}" if d > 1 else ""
    return Bi(f"{k}×{k} 卷积 stride {s} padding "
              f"{p}{dd}", f"{k}×{k} conv, stride {s}, padding {p}{de}")


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    layers = _stack(rng, difficulty)
    spec = [(k, s, p, d) for _, k, s, p, d in layers]
    info = receptive_field(spec)
    answer = integer(info[-1].size)
    listing = "\n".join(f"{i}. {_name(layer).zh}" for i, layer in enumerate(layers, 1))
    listing_en = "\n".join(f"{i}. {_name(layer).en}" for i, layer in enumerate(layers, 1))
    prompt = Bi(f"依次经过以下各层：\n\n{listing}\n\n最后一层输出的一个单元，在输入上的感受野边长"
                "是多少？",
                f"The input passes through these layers in order:\n\n{listing_en}\n\n"
                "What is the receptive field (side length, in input pixels) of one unit of the "
                "last layer?")
    lines = [Bi(r"递推：$r_l = r_{l-1} + (k'_l-1)\,j_{l-1}$，$j_l = j_{l-1} s_l$，"
                r"$k' = d(k-1)+1$，$r_0 = j_0 = 1$",
                r"Recurrence: $r_l = r_{l-1} + (k'_l-1)\,j_{l-1}$, $j_l = j_{l-1} s_l$, "
                r"$k' = d(k-1)+1$, $r_0 = j_0 = 1$")]
    for i, rf in enumerate(info, 1):
        lines.append(Bi(f"第 {i} 层后：r = {rf.size}，j = {rf.jump}",
                        f"after layer {i}: r = {rf.size}, j = {rf.jump}"))
    no_stride = receptive_field([(k, 1, p, d) for k, _, p, d in spec])[-1].size
    mistakes = []
    if any(s > 1 for _, s, _, _ in spec[:-1]):
        mistakes.append(Mistake(Bi("忽略了 stride（直接把 k−1 相加）", "ignored the strides "
                                   "(just added up k−1)"), answer.like([no_stride])))
    if any(d > 1 for *_, d in spec):
        mistakes.append(Mistake(Bi("忽略了 dilation", "ignored the dilation"), answer.like(
            [receptive_field([(k, s, p, 1) for k, s, p, _ in spec])[-1].size])))
    if any(s > 1 for _, s, _, _ in spec[:-1]):
        r, j = 1, 1
        for k, s, _, d in spec:
            j *= s
            r += d * (k - 1) * j
        mistakes.append(Mistake(Bi("乘了本层的 stride 而不是之前累积的 jump",
                                   "multiplied by the jump after the layer instead of before it"),
                                answer.like([r])))
    mistakes.append(Mistake(Bi("把各层 k 直接相加", "added up the kernel sizes"),
                            answer.like([sum(d * (k - 1) + 1 for k, _, _, d in spec)])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("receptive-field", "conv", Bi("感受野", "Receptive field"), "integer", build)
