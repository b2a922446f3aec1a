"""roi-align-sample: bilinear interpolation at one sampling point, as ROI Align does.

The map value at a real point (x, y) (x along columns, y along rows, pixel (r, c) at
x = c, y = r) mixes the four neighbours: with x₀ = ⌊x⌋, y₀ = ⌊y⌋, dx = x − x₀, dy = y − y₀,
v = (1−dy)(1−dx)·f[y₀, x₀] + (1−dy)·dx·f[y₀, x₀+1] + dy·(1−dx)·f[y₀+1, x₀] + dy·dx·f[y₀+1, x₀+1].
ROI Align with one sampling point per bin samples each bin's centre; aligned=True shifts
the box by half a pixel first (torchvision's roi_align).
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick, small_ints
from engine.questions.text import Bi, matrix_block, num, steps


def bilinear(f: np.ndarray, x: float, y: float) -> float:
    """The bilinear value at (x, y), clamped to the map as torchvision clamps it."""
    x = min(max(x, 0.0), f.shape[1] - 1.0)
    y = min(max(y, 0.0), f.shape[0] - 1.0)
    x0, y0 = min(math.floor(x), f.shape[1] - 2), min(math.floor(y), f.shape[0] - 2)
    dx, dy = x - x0, y - y0
    return float((1 - dy) * (1 - dx) * f[y0, x0] + (1 - dy) * dx * f[y0, x0 + 1]
                 + dy * (1 - dx) * f[y0 + 1, x0] + dy * dx * f[y0 + 1, x0 + 1])


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    f = small_ints(rng, (4, 4), 0, 9)
    while len(set(f.ravel().tolist())) < 10:
        f = small_ints(rng, (4, 4), 0, 9)
    if difficulty == 1:
        x, y = between(rng, 0, 5) / 2 + 0.25 * between(rng, 0, 1), between(rng, 1, 4) / 2 + 0.25
        x, y = min(x, 2.75), min(y, 2.75)
        where = Bi(f"点 (x, y) = ({x:g}, {y:g}) 处的双线性插值（x 是列方向，y 是行方向，"
                   "像素 (r, c) 位于 x = c、y = r）",
                   f"the bilinear value at the point (x, y) = ({x:g}, {y:g}) (x along columns, "
                   "y along rows; pixel (r, c) sits at x = c, y = r)")
        lines = []
    else:
        aligned = difficulty == 3
        shift = 0.5 if aligned else 0.0
        x = y = -1.0
        while not (0.0 < x < 3.0 and 0.0 < y < 3.0):  # inside the map: no clamping decides
            x1, y1 = pick(rng, (0.5, 1.0, 1.5, 2.0)), pick(rng, (0.0, 0.5, 1.0, 1.5))
            w, h = pick(rng, (1.0, 1.5, 2.0)), pick(rng, (1.0, 1.5, 2.0))
            i, j = between(rng, 0, 1), between(rng, 0, 1)
            x = x1 - shift + (j + 0.5) * w / 2
            y = y1 - shift + (i + 0.5) * h / 2
        flag = "aligned=True" if aligned else "aligned=False"
        where = Bi(f"`roi_align(output_size=2, spatial_scale=1, sampling_ratio=1, {flag})` 对框 "
                   f"(x1, y1, x2, y2) = ({x1:g}, {y1:g}, {x1 + w:g}, {y1 + h:g}) 的 bin [{i}, {j}]"
                   "（行、列）的输出，即该 bin 中心点的双线性插值"
                   + ("（aligned=True 时框的坐标先减 0.5）" if aligned else ""),
                   f"the output of `roi_align(output_size=2, spatial_scale=1, sampling_ratio=1, "
                   f"{flag})` for the box (x1, y1, x2, y2) = ({x1:g}, {y1:g}, {x1 + w:g}, "
                   f"{y1 + h:g}) at bin [{i}, {j}] (row, column): the bilinear value at the "
                   "bin's centre" + (" (aligned=True first shifts the box by −0.5)" if aligned
                                     else ""))
        lines = [Bi(f"bin 中心：x = {x1:g}{' − 0.5' if aligned else ''} + ({j} + 0.5)·{w:g}/2 = "
                    f"{x:g}，y = {y1:g}{' − 0.5' if aligned else ''} + ({i} + 0.5)·{h:g}/2 = {y:g}",
                    f"bin centre: x = {x1:g}{' − 0.5' if aligned else ''} + ({j} + 0.5)·{w:g}/2 "
                    f"= {x:g}, y = {y1:g}{' − 0.5' if aligned else ''} + ({i} + 0.5)·{h:g}/2 = "
                    f"{y:g}")]
    value = bilinear(f, x, y)
    answer = real(value, 4)
    prompt = Bi(f"特征图（4×4，行从上到下为 y = 0..3，列从左到右为 x = 0..3）：{matrix_block(f)}"
                f"求{where.zh}。",
                f"A 4×4 feature map (rows y = 0..3 top to bottom, columns x = 0..3 left to "
                f"right):{matrix_block(f)}What is {where.en}?")
    x0, y0 = min(math.floor(x), 2), min(math.floor(y), 2)
    lines += [Bi(f"邻点 f[{y0}, {x0}]、f[{y0}, {x0 + 1}]、f[{y0 + 1}, {x0}]、"
                 f"f[{y0 + 1}, {x0 + 1}]，dx = {x - x0:g}，dy = {y - y0:g}",
                 f"neighbours f[{y0}, {x0}], f[{y0}, {x0 + 1}], f[{y0 + 1}, {x0}], "
                 f"f[{y0 + 1}, {x0 + 1}], dx = {x - x0:g}, dy = {y - y0:g}"),
              Bi(f"双线性插值 = {num(value, 4)}", f"bilinear value = {num(value, 4)}")]
    slips = [(Bi("x 与 y 弄反了（行列对调）", "swapped x and y (rows and columns)"),
              bilinear(f, y, x)),
             (Bi("用了最近邻而不是双线性插值", "took the nearest neighbour, not the bilinear "
                 "value"), float(f[min(int(y + 0.5), 3), min(int(x + 0.5), 3)])),
             (Bi("权重用反了（离得近的权重小）", "swapped the weights (the nearer neighbour got "
                 "the smaller weight)"), bilinear(f, x0 + 1 - (x - x0), y0 + 1 - (y - y0)))]
    if difficulty == 3:
        slips.append((Bi("忘了 aligned=True 的 −0.5 偏移", "forgot aligned=True's −0.5 shift"),
                      bilinear(f, x + 0.5, y + 0.5)))
    elif difficulty == 2:
        slips.append((Bi("采样了 bin 的左上角而不是中心", "sampled the bin's top-left corner, "
                         "not its centre"), bilinear(f, x - w / 4, y - h / 4)))
    mistakes = tuple(Mistake(name, answer.like([v])) for name, v in slips)
    return Problem(prompt, answer, steps(*lines), mistakes)


KIND = KindDef("roi-align-sample", "detection", Bi("双线性插值（ROI Align 的采样点）",
               "Bilinear interpolation (ROI Align's sampling point)"), "real", build)
