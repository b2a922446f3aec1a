"""pool-forward: max or average pooling of a small integer matrix."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, matrix
from engine.questions.draw import pick, small_ints
from engine.questions.ops import avg_pool2d, max_pool2d
from engine.questions.text import Bi, matrix_block, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 1:
        mode, k, s, p, size, incl = "max", 2, 2, 0, 4, True
    elif difficulty == 2:
        mode, k, s = pick(rng, (("avg", 2, 2), ("max", 3, 1), ("avg", 3, 1)))
        p, size, incl = 0, 4, True
    else:
        mode, k, s, p, size = "avg", 3, 2, 1, pick(rng, (4, 5))
        incl = bool(rng.integers(2))
    x = small_ints(rng, (1, 1, size, size), 0, 9)

    def pool(m: str, pad: int, include: bool) -> np.ndarray:
        if m == "max":
            return np.asarray(max_pool2d(x, k, s, pad)[0, 0], dtype=np.float64)
        return np.asarray(avg_pool2d(x, k, s, pad, count_include_pad=include)[0, 0],
                          dtype=np.float64)

    y = pool(mode, p, incl)
    dec = None if mode == "max" else 2
    answer = matrix(y, dec)
    layer = ("MaxPool2d" if mode == "max" else "AvgPool2d") + f"(kernel_size={k}, stride={s}"
    layer += (f", padding={p}, count_include_pad={incl})" if p else ")")
    prompt = Bi(f"X = {matrix_block(x[0, 0])}求 `nn.{layer}(X)` 的输出。",
                f"X = {matrix_block(x[0, 0])}What is `nn.{layer}(X)`?")
    how = Bi("每个窗口取最大值", "take the maximum of each window") if mode == "max" else (
        Bi("每个窗口求平均", "average each window"))
    lines = [how]
    if p:
        lines.append(Bi(f"补 {p} 圈 0；count_include_pad={incl}："
                        + ("除数恒为 k²=9" if incl else "只除以窗口内真实元素的个数"),
                        f"pad by {p}; count_include_pad={incl}: "
                        + ("the divisor is always k²=9" if incl
                           else "divide by the number of real elements in the window")))
    lines.append(Bi(f"结果：{matrix_block(y, dec)}", f"result:{matrix_block(y, dec)}"))
    other = "avg" if mode == "max" else "max"
    mistakes = [Mistake(Bi("最大池化和平均池化弄混了", "mixed up max and average pooling"),
                        answer.like(pool(other, p, incl)))]
    if p:
        mistakes.append(Mistake(Bi("count_include_pad 弄反了", "got count_include_pad backwards"),
                                answer.like(pool(mode, p, not incl))))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("pool-forward", "pooling", Bi("池化前向计算", "Pooling forward"), "matrix", build)
