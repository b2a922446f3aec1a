"""conv-output-shape: the output shape of ``nn.Conv2d`` (stride, padding; dilation at level 3)."""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, shape
from engine.questions.draw import between, pick
from engine.questions.kinds._common import CONV_FORMULA, conv_size_line
from engine.questions.text import Bi, steps, tup
from engine.shapes import conv2d_output_shape, conv_output_size


def _layer(rng: np.random.Generator, difficulty: int) -> tuple[int, int, int, int]:
    k = pick(rng, (3, 5, 7) if difficulty < 3 else (3, 5))
    s = pick(rng, (1, 2) if difficulty == 1 else (2, 3, 4))
    p = between(rng, 0 if difficulty > 1 else 1, k // 2)
    d = 1 if difficulty < 3 else between(rng, 2, 3)
    return k, s, p, d


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n = pick(rng, (1, 2, 4, 8, 16, 32))
    c_in, c_out = pick(rng, (3, 16, 32, 64)), pick(rng, (16, 32, 64, 128, 256))
    k, s, p, d = _layer(rng, difficulty)
    h = between(rng, 14, 64) if difficulty > 1 else s * between(rng, 7, 28) + k - 2 * p
    w = h if difficulty == 1 else between(rng, 14, 64)
    out = conv2d_output_shape((n, c_in, h, w), c_out, k, s, p, d)
    args = f"{c_in}, {c_out}, kernel_size={k}, stride={s}, padding={p}"
    if d > 1:
        args += f", dilation={d}"
    prompt = Bi(
        f"输入张量形状为 (N, C, H, W) = {tup((n, c_in, h, w))}，经过 `nn.Conv2d({args})`。"
        "输出张量的形状是多少？",
        f"An input of shape (N, C, H, W) = {tup((n, c_in, h, w))} goes through "
        f"`nn.Conv2d({args})`. What is the output shape?",
    )
    solution = steps(
        CONV_FORMULA,
        conv_size_line("H", h, k, s, p, d, out[2]),
        conv_size_line("W", w, k, s, p, d, out[3]),
        Bi(f"通道数等于 out_channels = {c_out}，batch 不变：输出 {tup(out)}。",
           f"Channels become out_channels = {c_out}, the batch is unchanged: {tup(out)}."),
    )
    answer = shape(out)
    mistakes: list[Mistake] = []

    def spatial(f: int, g: int) -> tuple[int, int, int, int]:
        return (n, c_out, f, g)

    if p > 0 and h - d * (k - 1) - 1 >= 0 and w - d * (k - 1) - 1 >= 0:
        mistakes.append(Mistake(Bi("忘了 padding（按 p=0 计算）", "forgot the padding (used p=0)"),
                                answer.like(conv2d_output_shape((n, c_in, h, w), c_out, k, s,
                                                                0, d))))

    def ceil_size(x: int) -> int:
        return math.ceil((x + 2 * p - d * (k - 1) - 1) / s) + 1

    mistakes.append(Mistake(Bi("向上取整而不是向下取整", "rounded up (ceil) instead of down (flo"
                                                         "or)"),
                            answer.like(spatial(ceil_size(h), ceil_size(w)))))
    if d > 1:
        mistakes.append(Mistake(Bi("忽略了 dilation（按 d=1 "
                                   "计算）", "ignored the dilation (used d=1)"),
                                answer.like(spatial(conv_output_size(h, k, s, p),
                                                    conv_output_size(w, k, s, p)))))
    mistakes.append(Mistake(Bi("通道数写成了输入通道数", "kept the input channel count"),
                            answer.like((n, c_in, out[2], out[3]))))
    if p > 0:
        def once(x: int) -> int:
            return (x + p - d * (k - 1) - 1) // s + 1

        # (only where it is not the same shape as forgetting the +1)
        if min(h, w) + p - d * (k - 1) - 1 >= 0 and (once(h), once(w)) != (out[2] - 1,
                                                                          out[3] - 1):
            mistakes.append(Mistake(Bi("padding 只加了一边（p 而不是 2p）", "counted the padding "
                                       "once (p instead of 2p)"),
                                    answer.like(spatial(once(h), once(w)))))
    mistakes.append(Mistake(Bi("漏了公式里的 +1", "forgot the +1 in the formula"),
                            answer.like(spatial(out[2] - 1, out[3] - 1))))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("conv-output-shape", "conv", Bi("卷积输出形状", "Conv output shape"), "shape", build)
