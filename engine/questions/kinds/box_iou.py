"""box-iou: IoU of two boxes (xyxy, continuous coordinates as torchvision)."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between
from engine.questions.ops import box_iou
from engine.questions.text import Bi, num, steps

_PLUS_ONE = np.array([0.0, 0.0, 1.0, 1.0])  # x2, y2 one pixel further: the +1 convention


def _box(rng: np.random.Generator) -> list[int]:
    x, y = between(rng, 0, 40), between(rng, 0, 40)
    return [x, y, x + between(rng, 6, 40), y + between(rng, 6, 40)]


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    a = _box(rng)
    w, h = a[2] - a[0], a[3] - a[1]
    dx, dy = between(rng, -w + 1, w - 1), between(rng, -h + 1, h - 1)
    b = [a[0] + dx, a[1] + dy, a[0] + dx + between(rng, 6, 40), a[1] + dy + between(rng, 6, 40)]
    if b[2] <= a[0]:
        b[2] = a[0] + 2
    if b[3] <= a[1]:
        b[3] = a[1] + 2
    ba, bb = np.array([a], dtype=float), np.array([b], dtype=float)
    iou = float(box_iou(ba, bb)[0, 0])
    answer = real(iou, 4)
    if difficulty == 3:
        def cxcywh(bx: list[int]) -> str:
            return (f"(cx={num((bx[0] + bx[2]) / 2)}, cy={num((bx[1] + bx[3]) / 2)}, "
                    f"w={num(bx[2] - bx[0])}, h={num(bx[3] - bx[1])})")
        desc = Bi(f"A = {cxcywh(a)}，B = {cxcywh(b)}（中心点 + 宽高格式）",
                  f"A = {cxcywh(a)}, B = {cxcywh(b)} (centre + size format)")
    else:
        fmt = "(x1, y1, x2, y2)"
        desc = Bi(f"A = {tuple(a)}，B = {tuple(b)}（格式 {fmt}，连续坐标）",
                  f"A = {tuple(a)}, B = {tuple(b)} (format {fmt}, continuous coordinates)")
    prompt = Bi(f"两个框 {desc.zh}。它们的 IoU 是"
                "多少？", f"Two boxes: {desc.en}. What is their IoU?")
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[2] - b[0]) * (b[3] - b[1])
    lines = []
    if difficulty == 3:
        lines.append(Bi(f"换成角点：A = {tuple(a)}，B = {tuple(b)}",
                        f"to corners: A = {tuple(a)}, B = {tuple(b)}"))
    lines += [
        Bi(f"交集：{num(iw)} × {num(ih)} = {num(inter)}", f"intersection: {num(iw)} × {num(ih)} = "
           f"{num(inter)}"),
        Bi(f"面积：A = {num(area_a)}，B = {num(area_b)}；并集 = {num(area_a)} + {num(area_b)} − "
           f"{num(inter)} = {num(area_a + area_b - inter)}",
           f"areas: A = {num(area_a)}, B = {num(area_b)}; union = {num(area_a)} + {num(area_b)} − "
           f"{num(inter)} = {num(area_a + area_b - inter)}"),
        Bi(f"IoU = {num(inter)}/{num(area_a + area_b - inter)} = {iou:.4f}",
           f"IoU = {num(inter)}/{num(area_a + area_b - inter)} = {iou:.4f}"),
    ]
    plus_one = float(box_iou(ba + _PLUS_ONE, bb + _PLUS_ONE)[0, 0])
    mistakes = [
        Mistake(Bi("用了 +1 像素的面积约定", "used the +1 pixel area convention"),
                answer.like([plus_one])),
        Mistake(Bi("并集忘了减去交集", "did not subtract the intersection from the union"),
                answer.like([inter / (area_a + area_b)])),
        Mistake(Bi("除以了较小框的面积", "divided by the smaller box's area"),
                answer.like([inter / min(area_a, area_b)])),
    ]
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("box-iou", "detection", Bi("两个框的 IoU", "IoU of two boxes"), "real", build)
