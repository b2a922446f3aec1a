"""roi-pool: the output of ROI Pooling (torchvision.ops.roi_pool) on a small map.

The box is scaled by spatial_scale and rounded to whole cells; its size counts both end
cells: width = x2 − x1 + 1. Bin (i, j) of an output of size P covers rows
⌊i·h/P⌋ … ⌈(i+1)·h/P⌉ − 1 of the box (columns likewise) and takes their maximum.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, matrix
from engine.questions.draw import between, small_ints
from engine.questions.text import Bi, lst, matrix_block, steps


def roi_pool(f: np.ndarray, box: tuple[float, float, float, float], out: int, scale: float,
             inclusive: bool = True, reduce: str = "max") -> np.ndarray:
    x1, y1, x2, y2 = (math.floor(v * scale + 0.5) for v in box)
    w = max(x2 - x1 + (1 if inclusive else 0), 1)
    h = max(y2 - y1 + (1 if inclusive else 0), 1)
    res = np.zeros((out, out))
    for i in range(out):
        for j in range(out):
            r0, r1 = y1 + math.floor(i * h / out), y1 + math.ceil((i + 1) * h / out)
            c0, c1 = x1 + math.floor(j * w / out), x1 + math.ceil((j + 1) * w / out)
            cell = f[max(r0, 0):min(r1, f.shape[0]), max(c0, 0):min(c1, f.shape[1])]
            res[i, j] = (cell.max() if reduce == "max" else cell.mean()) if cell.size else 0.0
    return res


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    size = 5 if difficulty == 1 else 6
    f = small_ints(rng, (size, size), 0, 9)
    scale = 0.5 if difficulty == 3 else 1.0
    while True:
        x1, y1 = between(rng, 0, size - 3), between(rng, 0, size - 3)
        x2, y2 = between(rng, x1 + 1, size - 1), between(rng, y1 + 1, size - 1)
        if difficulty > 1 and (x2 - x1 + 1) % 2 == 0 and (y2 - y1 + 1) % 2 == 0:
            continue  # an odd side makes the bins overlap, which is the point of level 2+
        box = (x1 / scale, y1 / scale, x2 / scale, y2 / scale)
        break
    out = roi_pool(f, box, 2, scale)
    answer = matrix(out)
    bx = tuple(int(v) for v in box)
    prompt = Bi(f"特征图（{size}×{size}，行为 y、列为 x，从 0 数）：{matrix_block(f)}"
                f"`torchvision.ops.roi_pool(feature, boxes=[{lst(bx)}], output_size=2, "
                f"spatial_scale={scale:g})`，框为 (x1, y1, x2, y2)。输出的 2×2 矩阵是？",
                f"A {size}×{size} feature map (rows are y, columns x, from 0):{matrix_block(f)}"
                f"`torchvision.ops.roi_pool(feature, boxes=[{lst(bx)}], output_size=2, "
                f"spatial_scale={scale:g})` with the box as (x1, y1, x2, y2). What is the 2×2 "
                "output?")
    w, h = x2 - x1 + 1, y2 - y1 + 1
    lines = [Bi(f"缩放并取整后框为 x {x1}..{x2}、y {y1}..{y2}（宽 {w}、高 {h}，两端都算）",
                f"scaled and rounded, the box covers x {x1}..{x2} and y {y1}..{y2} (width {w}, "
                f"height {h}, both ends included)"),
             Bi(f"每个 bin 取 ⌊i·{h}/2⌋ 到 ⌈(i+1)·{h}/2⌉ − 1 行（列同理）的最大值："
                f"{lst(out.ravel())}",
                f"each bin takes the maximum over rows ⌊i·{h}/2⌋ to ⌈(i+1)·{h}/2⌉ − 1 (columns "
                f"alike): {lst(out.ravel())}")]
    slips = [(Bi("用了平均池化", "averaged instead of taking the maximum"),
              np.round(roi_pool(f, box, 2, scale, reduce="mean"), 6)),
             (Bi("框的宽高没算末端那一格（x2 − x1）", "left the end cell out of the box size "
                 "(x2 − x1)"), roi_pool(f, box, 2, scale, inclusive=False)),
             (Bi("x 与 y 弄反了", "swapped x and y"),
              roi_pool(f, (box[1], box[0], box[3], box[2]), 2, scale))]
    if difficulty == 3:
        slips.append((Bi("忘了乘 spatial_scale", "forgot the spatial_scale"),
                      roi_pool(f, box, 2, 1.0)))
    mistakes = tuple(Mistake(name, answer.like(v)) for name, v in slips
                     if float(np.max(np.abs(v - np.round(v)))) < 1e-9)
    return Problem(prompt, answer, steps(*lines), mistakes)


KIND = KindDef("roi-pool", "detection", Bi("ROI Pooling 的输出", "ROI Pooling output"),
               "matrix", build)
