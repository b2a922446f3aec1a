"""transposed-conv-shape: output shape of ``nn.ConvTranspose2d``."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, shape
from engine.questions.draw import between, pick
from engine.questions.text import Bi, steps, tup
from engine.shapes import conv2d_output_shape, conv_transpose_output_size

FORMULA = Bi(r"公式：$H_{out} = (H-1)s - 2p + d(k-1) + \text{output\_padding} + 1$",
             r"Formula: $H_{out} = (H-1)s - 2p + d(k-1) + \text{output\_padding} + 1$")


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n, c_in, c_out = pick(rng, (1, 2, 4, 8)), pick(rng, (64, 128, 256)), pick(rng, (16, 32, 64))
    h = between(rng, 4, 32)
    w = h if difficulty < 3 else between(rng, 4, 32)
    if difficulty == 1:
        k, s, p, op, d = pick(rng, (2, 4)), 2, 0, 0, 1
    elif difficulty == 2:
        k, s, p, d = pick(rng, (3, 4, 5)), 2, 1, 1
        op = between(rng, 0, 1)
    else:
        k, s, p, d = pick(rng, (3, 5)), pick(rng, (2, 3)), between(rng, 1, 2), 2
        op = between(rng, 1, s - 1)
    oh = conv_transpose_output_size(h, k, s, p, op, d)
    ow = conv_transpose_output_size(w, k, s, p, op, d)
    out = (n, c_out, oh, ow)
    args = f"{c_in}, {c_out}, kernel_size={k}, stride={s}, padding={p}"
    args += (f", output_padding={op}" if op else "") + (f", dilation={d}" if d > 1 else "")
    src = tup((n, c_in, h, w))
    prompt = Bi(f"输入形状 {src}，经过 `nn.ConvTranspose2d({args})`。输出形状是多少？",
                f"An input of shape {src} goes through `nn.ConvTranspose2d({args})`. "
                "What is the output shape?")
    line = Bi(f"H: ({h}−1)·{s} − 2·{p} + {d}·({k}−1) + {op} + 1 = {oh}；W 同理 = {ow}",
              f"H: ({h}−1)·{s} − 2·{p} + {d}·({k}−1) + {op} + 1 = {oh}; W likewise = {ow}")
    solution = steps(FORMULA, line, Bi(f"输出 {tup(out)}", f"output {tup(out)}"))
    answer = shape(out)
    mistakes = [Mistake(Bi("直接用 H·stride", "took H·stride"), answer.like((n, c_out, h * s,
                                                                                w * s)))]
    if min(h, w) + 2 * p >= d * (k - 1) + 1:
        mistakes.append(Mistake(Bi("用了普通卷积（下采样）"
                                   "的公式", "used the ordinary conv formula"),
                                answer.like(conv2d_output_shape((n, c_in, h, w), c_out, k, s, p,
                                                                d))))
    if op:
        mistakes.append(Mistake(Bi("忘了 output_padding", "forgot output_padding"),
                                answer.like((n, c_out, oh - op, ow - op))))
    if p:
        mistakes.append(Mistake(Bi("padding 只减了一次（p 而不是 2p）", "subtracted the padding "
                                   "once (p instead of 2p)"),
                                answer.like((n, c_out, oh + p, ow + p))))
        mistakes.append(Mistake(Bi("padding 的符号弄反了（+2p）", "added the padding (+2p) instead "
                                   "of subtracting it"),
                                answer.like((n, c_out, oh + 4 * p, ow + 4 * p))))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("transposed-conv-sh"
               "ape", "conv", Bi("转置卷积输出形状", "Transposed conv output shape"),
               "shape", build)
