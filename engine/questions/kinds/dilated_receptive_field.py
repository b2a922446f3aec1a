"""dilated-receptive-field: receptive field of stacked dilated convolutions (Yu & Koltun's
context module, DeepLab-style rates, WaveNet's dilated causal convolutions).

A conv with kernel k and dilation d spans d(k − 1) + 1 inputs, so a stride-1 stack grows
the receptive field by d(k − 1) per layer: r = 1 + Σ dᵢ(kᵢ − 1). Strides multiply the
step ("jump") between neighbouring units, so later layers add dᵢ(kᵢ − 1)·jumpᵢ₋₁.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import between, pick
from engine.questions.text import Bi, steps

Layer = tuple[int, int, int]  # (kernel, stride, dilation)
_PATTERNS = ((1, 2, 4), (1, 2, 4, 8), (1, 2, 4, 8, 16), (1, 2, 5), (1, 2, 3), (2, 2, 2),
             (1, 1, 2, 4, 8, 16, 1), (1, 2, 5, 9), (6, 12, 18), (1, 3, 9), (2, 4, 8, 16),
             (1, 2, 2, 4), (3, 3, 3))


def rf(layers: list[Layer]) -> int:
    """Receptive field in input pixels of one unit after ``layers``."""
    size, jump = 1, 1
    for k, s, d in layers:
        size += d * (k - 1) * jump
        jump *= s
    return size


def _line(layer: Layer) -> Bi:
    k, s, d = layer
    return Bi(f"{k}×{k} 卷积，stride {s}，dilation {d}", f"{k}×{k} conv, stride {s}, dilation {d}")


def _listing(layers: list[Layer]) -> Bi:
    return Bi("\n".join(f"{i}. {_line(x).zh}" for i, x in enumerate(layers, 1)),
              "\n".join(f"{i}. {_line(x).en}" for i, x in enumerate(layers, 1)))


def _stack(rng: np.random.Generator, difficulty: int) -> list[Layer]:
    if rng.integers(2):
        rates = list(pick(rng, _PATTERNS))
    else:
        rates = sorted(pick(rng, (1, 2, 3, 4, 5, 6, 8, 12, 16)) for _ in range(between(rng, 2, 5)))
    if difficulty == 1:
        return [(3, 1, d) for d in rates]
    layers = [(pick(rng, (3, 3, 5, 7)), 1, d) for d in rates]
    if difficulty == 3:
        stem = [(pick(rng, (3, 5, 7)), 2, 1) for _ in range(between(rng, 1, 2))]
        layers = stem + layers
    return layers


def _wavenet(rng: np.random.Generator) -> Problem:
    top = between(rng, 3, 10)
    blocks = between(rng, 1, 4)
    size = blocks * (2**top - 1) + 1
    answer = integer(size)
    rates = ", ".join(str(2**i) for i in range(top))
    prompt = Bi(f"WaveNet 式的一维因果空洞卷积：kernel size 2，每个 block 的 dilation 依次为"
                f" {rates}（共 "
                f"{top} 层），这样的 block 堆叠 {blocks} 个。最后一层的一个输出能看到多少个输入样本"
                "（感受野）？",
                f"WaveNet-style 1-D causal dilated convolutions: kernel size 2, each block uses "
                f"dilations {rates} ({top} layers), and {blocks} such blocks are stacked. How "
                "many input samples can one output of the last layer see (its receptive field)?")
    per_block = 2**top - 1
    solution = steps(Bi(f"每层增加 d(k−1) = d；一个 block 增加 1 + 2 + … + {2 ** (top - 1)} ="
                        f" {per_block}",
                        f"each layer adds d(k−1) = d; one block adds 1 + 2 + … + "
                        f"{2 ** (top - 1)} = {per_block}"),
                     Bi(f"感受野 = 1 + {blocks}·{per_block} = {size}",
                        f"receptive field = 1 + {blocks}·{per_block} = {size}"))
    mistakes = [
        Mistake(Bi("只算了一个 block", "counted only one block"), answer.like([2**top])),
        Mistake(Bi("每层按 d·k 增长", "grew by d·k per layer"),
                answer.like([1 + blocks * 2 * per_block])),
        Mistake(Bi("忽略了 dilation", "ignored the dilation"),
                answer.like([1 + blocks * top])),
        Mistake(Bi("感受野算成了各 block 的乘积", "multiplied the blocks' receptive fields"),
                answer.like([2**(top * blocks)])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 2 and rng.integers(3) == 0:
        return _wavenet(rng)
    layers = _stack(rng, difficulty)
    size = rf(layers)
    answer = integer(size)
    prompt = Bi("依次经过以下各层（padding 只影响输出尺寸，不影响感受野）：\n\n"
                f"{_listing(layers).zh}\n\n最后一层输出的一个单元，在输入上的感受野边长是多少？",
                "The input passes through these layers in order (padding changes the output "
                f"size, not the receptive field):\n\n{_listing(layers).en}\n\nWhat is the "
                "receptive field (side length, in input pixels) of one unit of the last layer?")
    lines = [Bi(r"递推：$r \leftarrow r + d(k-1)\cdot j$，$j \leftarrow j\cdot s$，"
                r"$r = j = 1$ 开始（等效核 $d(k-1)+1$）",
                r"recurrence: $r \leftarrow r + d(k-1)\cdot j$, $j \leftarrow j\cdot s$, "
                r"starting from $r = j = 1$ (effective kernel $d(k-1)+1$)")]
    r, j = 1, 1
    for i, (k, s, d) in enumerate(layers, 1):
        r += d * (k - 1) * j
        lines.append(Bi(f"第 {i} 层：+{d}·{k - 1}·{j} → r = {r}", f"layer {i}: +{d}·{k - 1}·{j} "
                        f"→ r = {r}"))
        j *= s
    mistakes = [
        Mistake(Bi("忽略了 dilation", "ignored the dilation"),
                answer.like([rf([(k, s, 1) for k, s, _ in layers])])),
        Mistake(Bi("等效核用了 d·k", "took d·k as the effective kernel"),
                answer.like([rf([(d * k, s, 1) for k, s, d in layers])])),
        Mistake(Bi("把各层等效核直接相加", "added up the effective kernels"),
                answer.like([sum(d * (k - 1) + 1 for k, _, d in layers)])),
    ]
    if any(s > 1 for _, s, _ in layers):
        mistakes.append(Mistake(Bi("忽略了前面层的 stride（jump）", "ignored the strides of "
                                   "earlier layers (the jump)"),
                                answer.like([rf([(k, 1, d) for k, _, d in layers])])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("dilated-receptive-field", "conv", Bi("空洞卷积的感受野",
               "Receptive field with dilation"), "integer", build)
