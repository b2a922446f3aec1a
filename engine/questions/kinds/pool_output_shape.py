"""pool-output-shape: output shape of MaxPool2d, including ceil_mode's last-window rule."""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, shape
from engine.questions.draw import between, pick
from engine.questions.text import Bi, steps, tup
from engine.shapes import pool_output_size


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n, c = pick(rng, (1, 4, 8, 16)), pick(rng, (16, 32, 64, 128))
    if difficulty == 1:
        k = pick(rng, (2, 3))
        s, p, ceil, default_stride = k, 0, False, bool(rng.integers(2))
        h = k * between(rng, 4, 56)
        w = h
    else:
        k, s = pick(rng, ((3, 2), (2, 2), (3, 3), (5, 3))) if difficulty == 3 else (3, 2)
        p = between(rng, 0, k // 2)
        ceil, default_stride = difficulty == 3, False
        h, w = between(rng, 7, 60), between(rng, 7, 60)
    oh = pool_output_size(h, k, s, p, ceil_mode=ceil)
    ow = pool_output_size(w, k, s, p, ceil_mode=ceil)
    out = (n, c, oh, ow)
    args = f"kernel_size={k}" + ("" if default_stride else f", stride={s}")
    args += (f", padding={p}" if p else "") + (", ceil_mode=True" if ceil else "")
    src = tup((n, c, h, w))
    prompt = Bi(f"输入形状 {src}，经过 `nn.MaxPool2d({args})`。输出形状是多少？",
                f"An input of shape {src} goes through `nn.MaxPool2d({args})`. "
                "What is the output shape?")
    lo, hi = (r"\lceil", r"\rceil") if ceil else (r"\lfloor", r"\rfloor")
    lines = [Bi(f"$H_{{out}} = {lo} (H + 2p - k)/s {hi} + 1$（stride 默认等于 kernel_size）",
                f"$H_{{out}} = {lo} (H + 2p - k)/s {hi} + 1$ (stride defaults to kernel_size)"),
             Bi(f"H: ({h} + 2·{p} − {k})/{s} → {oh}；W: ({w} + 2·{p} − {k})/{s} → {ow}",
                f"H: ({h} + 2·{p} − {k})/{s} → {oh}; W: ({w} + 2·{p} − {k})/{s} → {ow}")]
    if ceil:
        lines.append(Bi("ceil_mode 规则：最后一个窗口必须从输入或左 padding 内开始，否则去掉",
                        "ceil_mode rule: the last window must start inside the input or the left "
                        "padding, otherwise it is dropped"))
    lines.append(Bi(f"通道不变：{tup(out)}", f"channels unchanged: {tup(out)}"))
    answer = shape(out)
    mistakes = [Mistake(Bi("floor 和 ceil 用反了", "used the other rounding (floor vs ceil)"),
                        answer.like((n, c, pool_output_size(h, k, s, p, ceil_mode=not ceil),
                                     pool_output_size(w, k, s, p, ceil_mode=not ceil))))]
    if p:
        mistakes.append(Mistake(Bi("忘了 padding", "forgot the padding"), answer.like(
            (n, c, pool_output_size(h, k, s, 0, ceil_mode=ceil),
             pool_output_size(w, k, s, 0, ceil_mode=ceil)))))
    if p and not ceil:
        mistakes.append(Mistake(Bi("padding 只加了一边（p 而不是 2p）", "counted the padding once "
                                   "(p instead of 2p)"),
                                answer.like((n, c, (h + p - k) // s + 1, (w + p - k) // s + 1))))
    if default_stride:
        mistakes.append(Mistake(Bi("以为 stride 默认是 1", "assumed the default stride is 1"),
                                answer.like((n, c, pool_output_size(h, k, 1), pool_output_size(
                                    w, k, 1)))))
    if ceil:
        def plain(x: int) -> int:
            return math.ceil((x + 2 * p - k) / s) + 1
        if (plain(h), plain(w)) != (oh, ow):
            mistakes.append(Mistake(Bi("忘了 ceil_mode 的最后窗口规则",
                                       "forgot ceil_mode's last-window rule"),
                                    answer.like((n, c, plain(h), plain(w)))))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("pool-output-shape", "pooling", Bi("池化输出形状", "Pooling output shape"), "shape",
               build)
