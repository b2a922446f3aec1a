"""yolo-output: YOLOv1 output tensor S×S×(B·5+C) and the YOLOv2 grid with anchor channels."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, shape
from engine.questions.draw import between, pick
from engine.questions.text import Bi, steps, tup
from engine.shapes import pool_output_size


def _grid(size: int) -> int:
    """Darknet-19 downsamples by 32 with five 2×2 stride-2 max pools."""
    for _ in range(5):
        size = pool_output_size(size, 2, 2)
    return size


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    c = pick(rng, (20, 80, 10, 3, 1))
    if difficulty == 1:
        s, b = pick(rng, (7, 9, 11, 13, 14)), pick(rng, (2, 3, 4))
        out = (s, s, b * 5 + c)
        answer = shape(out)
        prompt = Bi(f"YOLOv1：网格 S={s}，每格预测 B={b} 个框，C={c} 个类别。输出张量的形状"
                    "（S, S, 通道）是多少？",
                    f"YOLOv1 with an S={s} grid, B={b} boxes per cell and C={c} classes. What is "
                    "the output tensor shape (S, S, channels)?")
        solution = steps(Bi(f"每格：B·5 + C = {b}·5 + {c} = {out[2]}（类别概率每格只一份）",
                            f"per cell: B·5 + C = {b}·5 + {c} = {out[2]} (one set of class "
                            "probabilities per cell)"),
                         Bi(f"输出 {tup(out)}", f"output {tup(out)}"))
        mistakes = [
            Mistake(Bi("每个框都预测了类别（B·(5+C)）", "gave every box its own classes (B·(5+C))"),
                    answer.like((s, s, b * (5 + c)))),
            Mistake(Bi("漏了置信度（B·4+C）", "left out the confidence (B·4+C)"),
                    answer.like((s, s, b * 4 + c))),
        ]
        return Problem(prompt, answer, solution, tuple(mistakes))
    a = pick(rng, (5, 3, 9))
    h = 32 * between(rng, 10, 19)
    w = h if difficulty == 2 else 32 * between(rng, 10, 19)
    gh, gw = _grid(h), _grid(w)
    out = (gh, gw, a * (5 + c))
    answer = shape(out)
    prompt = Bi(f"YOLOv2：输入高×宽 = {h}×{w}（总步长 32），每格 {a} 个 anchor，{c} 个类别。"
                "输出张量的形状（H, W, 通道）是多少？",
                f"YOLOv2 with an input of height × width = {h}×{w} (total stride 32), {a} "
                f"anchors per cell and {c} classes. What is the output shape (H, W, channels)?")
    solution = steps(Bi(f"网格：{h}/32 = {gh}，{w}/32 = "
                        f"{gw}", f"grid: {h}/32 = {gh}, {w}/32 = {gw}"),
                     Bi(f"每个 anchor 预测 4 个坐标 + 1 个置信度 + {c} 个类别：{a}·(5+{c}) = "
                        f"{out[2]}",
                        f"each anchor predicts 4 coordinates + 1 objectness + {c} classes: "
                        f"{a}·(5+{c}) = {out[2]}"),
                     Bi(f"输出 {tup(out)}", f"output {tup(out)}"))
    mistakes = [
        Mistake(Bi("按 YOLOv1 每格一份类别（5A +"
                   " C）", "one class set per cell as in YOLOv1 (5A + C)"),
                answer.like((gh, gw, 5 * a + c))),
        Mistake(Bi("漏了置信度（A·(4+C)）", "left out the objectness (A·(4+C))"),
                answer.like((gh, gw, a * (4 + c)))),
        Mistake(Bi("网格按步长 16 算了", "used a stride of 16 for the grid"),
                answer.like((h // 16, w // 16, out[2]))),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("yolo-output", "detection", Bi("YOLO 输出张量", "YOLO output ten"
                                                               "sor"), "shape", build)
