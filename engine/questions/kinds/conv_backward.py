"""conv-backward: weight or input gradient of a conv on a tiny integer case."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, matrix
from engine.questions.draw import small_ints
from engine.questions.ops import conv2d_backward
from engine.questions.text import Bi, matrix_block, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    size = 4 if difficulty < 3 else 3
    x = small_ints(rng, (1, 1, size, size), -2, 3)
    w = small_ints(rng, (1, 1, 2, 2), -2, 2)
    w[0, 0, 0, 0] = 3.0
    out = size - 1
    g = np.ones((1, 1, out, out)) if difficulty == 1 else small_ints(rng, (1, 1, out, out), -1, 2)
    if difficulty > 1:
        g[0, 0, 0, 0] = 2.0
    gx, gw, _ = conv2d_backward(x, w, g)
    want_x = difficulty == 3
    target = gx[0, 0] if want_x else gw[0, 0]
    answer = matrix(target)
    what = Bi("∂L/∂X", "∂L/∂X") if want_x else Bi("∂L/∂K", "∂L/∂K")
    prompt = Bi(
        f"Y = Conv2d(X, K)（stride 1，无 padding，无 bias，互相关）。\nX = {matrix_block(x[0, 0])}"
        f"K = {matrix_block(w[0, 0])}上游梯度 ∂L/∂Y = {matrix_block(g[0, 0])}求 {what.zh}。",
        f"Y = Conv2d(X, K) (stride 1, no padding, no bias, cross-correlation).\n"
        f"X = {matrix_block(x[0, 0])}K = {matrix_block(w[0, 0])}"
        f"Upstream gradient ∂L/∂Y = {matrix_block(g[0, 0])}Compute {what.en}.",
    )
    if want_x:
        solution = steps(
            Bi("∂L/∂X 是 ∂L/∂Y 补零后与翻转 180° 的 K 做互相关（即转置卷积）",
               "∂L/∂X is the zero-padded ∂L/∂Y cross-correlated with K rotated by 180° "
               "(a transposed convolution)"),
            Bi(f"每个 X[a,b] 收集所有用到它的输出位置的 g·K：结果{matrix_block(target)}",
               f"each X[a,b] collects g·K from every output that read it:{matrix_block(target)}"),
        )
        unflipped, _, _ = conv2d_backward(x, w[:, :, ::-1, ::-1].copy(), g)
        mistakes = [Mistake(Bi("没有把卷积核翻转 180°", "did not rotate the kernel by 180°"),
                            answer.like(unflipped[0, 0]))]
    else:
        solution = steps(
            Bi("∂L/∂K[u,v] = Σ_{i,j} ∂L/∂Y[i,j] · X[i+u, j+v]（X 与 ∂L/∂Y 的互相关）",
               "∂L/∂K[u,v] = Σ_{i,j} ∂L/∂Y[i,j] · X[i+u, j+v] (X cross-correlated with ∂L/∂Y)"),
            Bi(f"逐个位置求和：{matrix_block(target)}", f"summing position by position:"
               f"{matrix_block(target)}"),
        )
        mistakes = [Mistake(Bi("结果被翻转了 180°", "rotated the result by 180°"),
                            answer.like(target[::-1, ::-1]))]
    mistakes.append(Mistake(Bi("行列转置了", "transposed rows and columns"), answer.like(target.T)))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("conv-backward", "conv", Bi("卷积反向传播", "Conv backward"), "matrix", build)
