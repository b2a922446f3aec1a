"""conv-output-value: one output value of a conv on a small integer input and kernel."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import between, small_ints
from engine.questions.ops import conv2d
from engine.questions.text import Bi, matrix_block, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    c = 2 if difficulty == 3 else 1
    size = 5 if difficulty < 3 else 4
    x = small_ints(rng, (1, c, size, size), -2, 4)
    w = small_ints(rng, (1, c, 3, 3), -1, 2)
    w[0, 0, 0, 0] = 2.0 if w[0, 0, 2, 2] != 2.0 else -1.0  # kernel not symmetric under flip
    s, p = (1, 0) if difficulty == 1 else ((2, 1) if difficulty == 2 else (1, 1))
    b = float(between(rng, -3, 3) or 1) if difficulty == 3 else 0.0
    bias = np.array([b]) if difficulty == 3 else None
    y = conv2d(x, w, bias, stride=s, padding=p)
    oh = y.shape[2]
    i, j = between(rng, 0, oh - 1), between(rng, 0, oh - 1)
    if p and difficulty == 2:
        i = 0
    value = float(y[0, 0, i, j])
    answer = integer(value)
    xs = "".join(f"\n通道 {ch}：" + matrix_block(x[0, ch]) for ch in range(c)) if c > 1 else \
        matrix_block(x[0, 0])
    ws = "".join(f"\n通道 {ch}：" + matrix_block(w[0, ch]) for ch in range(c)) if c > 1 else \
        matrix_block(w[0, 0])
    xs_en, ws_en = xs.replace("通道", "channel").replace("：", ":"), \
        ws.replace("通道", "channel").replace("：", ":")
    extra = f"bias = {b:g}，" if difficulty == 3 else ""
    extra_en = f"bias = {b:g}, " if difficulty == 3 else ""
    prompt = Bi(
        f"输入 X（{c} 个通道，{size}×{size}）：{xs}\n卷积核 K（1 个输出通道）：{ws}\n"
        f"{extra}stride={s}，padding={p}（补 0），按 PyTorch 的 Conv2d（互相关）计算。"
        f"输出第 {i} 行第 {j} 列（从 0 开始）的值是多少？",
        f"Input X ({c} channel(s), {size}×{size}):{xs_en}\nKernel K (one output channel):{ws_en}\n"
        f"{extra_en}stride={s}, padding={p} (zeros), computed as PyTorch's Conv2d "
        f"(cross-correlation). What is the output value at row {i}, column {j} (0-based)?",
    )
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    patch = xp[0, :, i * s:i * s + 3, j * s:j * s + 3]
    terms = " + ".join(f"({int(a)})·({int(k)})" for a, k in zip(patch.ravel(), w[0].ravel(),
                                                                 strict=True))
    bias_term = f" + {b:g}" if difficulty == 3 else ""
    solution = steps(
        Bi(f"窗口起点：行 {i}·{s}，列 {j}·{s}（在补 {p} 圈 0 之后的输入上）",
           f"window start: row {i}·{s}, column {j}·{s} (in the input padded by {p})"),
        Bi(f"逐元素相乘再求和：{terms}" + bias_term + f" = {value:g}",
           f"multiply elementwise and sum: {terms}" + bias_term
           + f" = {value:g}"),
    )
    flipped = conv2d(x, w[:, :, ::-1, ::-1].copy(), bias, stride=s, padding=p)
    mistakes = [Mistake(Bi("把卷积核翻转了（数学卷积而非互相关）",
                           "flipped the kernel (true convolution, not cross-correlation)"),
                        answer.like([flipped[0, 0, i, j]]))]
    if difficulty == 3:
        mistakes.append(Mistake(Bi("忘了 bias", "forgot the bias"), answer.like([value - b])))
        one = conv2d(x[:, :1], w[:, :1], bias, stride=s, padding=p)
        mistakes.append(Mistake(Bi("只算了第一个通道", "summed only the first channel"),
                                answer.like([one[0, 0, i, j]])))
    if p:
        unpadded = x[0, :, i * s:i * s + 3, j * s:j * s + 3]
        if unpadded.shape[1:] == (3, 3):
            mistakes.append(Mistake(Bi("忽略了 padding 的位置偏移", "ignored the padding offset"),
                                    answer.like([float((unpadded * w[0]).sum()) + b])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("conv-output-value", "conv", Bi("卷积输出值", "Conv output value"), "integer", build)
