"""pool-backward: where the gradient goes in max / average pooling backward."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, matrix
from engine.questions.draw import pick, small_ints
from engine.questions.ops import avg_pool2d_backward, max_pool2d_backward
from engine.questions.text import Bi, matrix_block, steps


def _overwrite(x: np.ndarray, g: np.ndarray, k: int, s: int) -> np.ndarray:
    """Max backward that overwrites instead of accumulating (the mistake)."""
    out = np.zeros_like(x)
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            win = x[i * s:i * s + k, j * s:j * s + k]
            u, v = np.unravel_index(int(np.argmax(win)), win.shape)
            out[i * s + u, j * s + v] = g[i, j]
    return out


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    mode = "avg" if difficulty == 2 else "max"
    k, s, size = (3, 2, 5) if difficulty == 3 else (2, 2, 4)
    x = rng.permutation(size * size).astype(np.float64).reshape(1, 1, size, size)
    if difficulty == 3:  # a value on a shared edge wins two overlapping windows
        u, v = pick(rng, ((0, 2), (2, 0), (4, 2), (2, 4)))
        x[0, 0, u, v] = size * size + 1
    out = (size - k) // s + 1
    g = small_ints(rng, (1, 1, out, out), 1, 6)
    if mode == "max":
        gx = max_pool2d_backward(x, g, k, s)[0, 0]
    else:
        gx = avg_pool2d_backward(x, g, k, s)[0, 0]
    answer = matrix(gx, decimals=None if mode == "max" else 2)
    layer = f"{'MaxPool2d' if mode == 'max' else 'AvgPool2d'}(kernel_size={k}, stride={s})"
    prompt = Bi(f"Y = {layer}(X)，X = {matrix_block(x[0, 0])}∂L/∂Y = {matrix_block(g[0, 0])}"
                "求 ∂L/∂X。",
                f"Y = {layer}(X) with X = {matrix_block(x[0, 0])}and ∂L/∂Y = "
                f"{matrix_block(g[0, 0])}Compute ∂L/∂X.")
    rule = (Bi("最大池化：梯度只传给每个窗口的最大值位置，其余为 0；重叠窗口的梯度相加",
               "max pooling: each gradient goes only to its window's arg-max, the rest get 0; "
               "overlapping windows add up") if mode == "max" else
            Bi(f"平均池化：每个梯度平均分给窗口内 {k * k} 个位置（除以 {k * k}）",
               f"average pooling: each gradient is split evenly over the {k * k} positions "
               f"(divided by {k * k})"))
    solution = steps(rule, Bi(f"结果：{matrix_block(gx)}", f"result:{matrix_block(gx)}"))
    spread = avg_pool2d_backward(x, g, k, s)[0, 0]
    copied = spread * k * k
    mistakes = []
    if mode == "max":
        mistakes.append(Mistake(Bi("把梯度平均分给了窗口（当成平均池化）",
                                   "spread the gradient evenly (as for average pooling)"),
                                answer.like(spread).rounded(2)))
        if difficulty == 3:
            mistakes.append(Mistake(Bi("重叠窗口的梯度被覆盖而不是相加",
                                       "overwrote instead of adding gradients of overlapping "
                                       "windows"),
                                    answer.like(_overwrite(x[0, 0], g[0, 0], k, s))))
    else:
        mistakes.append(Mistake(Bi("忘了除以窗口大小", "forgot to divide by the window size"),
                                answer.like(copied)))
        mistakes.append(Mistake(Bi("按最大池化只传给最大值", "routed it to the maximum only (max "
                                   "pooling)"),
                                answer.like(max_pool2d_backward(x, g, k, s)[0, 0])))
    if difficulty < 3 and mode == "max":
        mistakes.append(Mistake(Bi("把梯度复制给了窗口内每个位置", "copied the gradient to every "
                                   "position of the window"), answer.like(copied)))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("pool-backward", "pooling", Bi("池化反向传播", "Pooling backward"), "matrix", build)
