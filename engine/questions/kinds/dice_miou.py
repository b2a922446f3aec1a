"""dice-miou: Dice and IoU of binary masks, and mIoU of a small label map.

IoU = |A∩B| / |A∪B|, Dice = 2|A∩B| / (|A| + |B|) = 2·IoU/(1 + IoU). The mIoU averages the
per-class IoU over the classes that occur in the prediction or the ground truth.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.text import Bi, matrix_block, num, steps


def _masks(rng: np.random.Generator, size: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    while True:
        gt = rng.integers(0, classes, (size, size))
        pred = np.where(rng.random((size, size)) < 0.3, rng.integers(0, classes, (size, size)),
                        gt)
        if classes == 2:
            inter = int(((gt == 1) & (pred == 1)).sum())
            if 0 < inter < int(((gt == 1) | (pred == 1)).sum()) and (gt != pred).any():
                return gt, pred
        elif all(((gt == c) | (pred == c)).any() for c in range(classes)) and (gt != pred).any():
            return gt, pred


def _iou(gt: np.ndarray, pred: np.ndarray, c: int) -> float:
    union = ((gt == c) | (pred == c)).sum()
    return float(((gt == c) & (pred == c)).sum() / union) if union else float("nan")


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    size = 4 if difficulty < 3 else 3
    if difficulty < 3:
        gt, pred = _masks(rng, size if difficulty == 1 else 5, 2)
        a, b = gt == 1, pred == 1
        inter, union = int((a & b).sum()), int((a | b).sum())
        iou = inter / union
        dice = 2 * inter / (int(a.sum()) + int(b.sum()))
        answer = numbers([dice, iou], 4)
        prompt = Bi(f"二值分割（1 = 前景）。真值 mask：{matrix_block(gt)}预测 mask："
                    f"{matrix_block(pred)}写出前景的 [Dice, IoU]。",
                    f"Binary segmentation (1 = foreground). Ground-truth mask:{matrix_block(gt)}"
                    f"Predicted mask:{matrix_block(pred)}Answer [Dice, IoU] of the "
                    "foreground.")
        solution = steps(
            Bi(f"|A∩B| = {inter}，|A| = {int(a.sum())}，|B| = {int(b.sum())}，|A∪B| = {union}",
               f"|A∩B| = {inter}, |A| = {int(a.sum())}, |B| = {int(b.sum())}, |A∪B| = {union}"),
            Bi(f"Dice = 2·{inter}/({int(a.sum())} + {int(b.sum())}) = {num(dice, 4)}，IoU = "
               f"{inter}/{union} = {num(iou, 4)}",
               f"Dice = 2·{inter}/({int(a.sum())} + {int(b.sum())}) = {num(dice, 4)}, IoU = "
               f"{inter}/{union} = {num(iou, 4)}"))
        acc = float((gt == pred).mean())
        mistakes = [
            Mistake(Bi("Dice 与 IoU 对调了", "swapped Dice and IoU"), answer.like([iou, dice])),
            Mistake(Bi("Dice 漏了分子的 2", "left the 2 out of Dice's numerator"),
                    answer.like([inter / (int(a.sum()) + int(b.sum())), iou])),
            Mistake(Bi("IoU 的分母用了 |A| + |B|（交集算了两次）", "used |A| + |B| as IoU's "
                       "denominator (the overlap counted twice)"),
                    answer.like([dice, inter / (int(a.sum()) + int(b.sum()))])),
            Mistake(Bi("算成了像素准确率", "gave the pixel accuracy"), answer.like([acc, acc])),
        ]
        return Problem(prompt, answer, solution, tuple(mistakes))
    gt, pred = _masks(rng, size, 3)
    ious = [_iou(gt, pred, c) for c in range(3)]
    miou = float(np.mean(ious))
    answer = numbers([miou], 4)
    prompt = Bi(f"三类语义分割（类别 0、1、2）。真值：{matrix_block(gt)}预测：{matrix_block(pred)}"
                "mIoU（三类 IoU 的平均）是多少？",
                f"Semantic segmentation with classes 0, 1, 2. Ground truth:{matrix_block(gt)}"
                f"Prediction:{matrix_block(pred)}What is the mIoU (the mean IoU of the three "
                "classes)?")
    lines = [Bi(f"类别 {c}：IoU = {num(v, 4)}", f"class {c}: IoU = {num(v, 4)}")
             for c, v in enumerate(ious)]
    lines.append(Bi(f"mIoU = {num(miou, 4)}", f"mIoU = {num(miou, 4)}"))
    inter = sum(int(((gt == c) & (pred == c)).sum()) for c in range(3))
    union = sum(int(((gt == c) | (pred == c)).sum()) for c in range(3))
    dices = [2 * v / (1 + v) for v in ious]
    mistakes = [
        Mistake(Bi("算成了像素准确率", "gave the pixel accuracy"),
                answer.like([float((gt == pred).mean())])),
        Mistake(Bi("先把各类交集、并集加总再相除（不是按类平均）", "pooled the intersections and "
                   "unions over the classes before dividing"), answer.like([inter / union])),
        Mistake(Bi("漏了类别 0（背景）", "left out class 0 (the background)"),
                answer.like([float(np.mean(ious[1:]))])),
        Mistake(Bi("算成了平均 Dice", "gave the mean Dice"), answer.like([float(np.mean(dices))])),
    ]
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("dice-miou", "detection", Bi("分割的 Dice 与 mIoU", "Dice and mIoU for "
               "segmentation"), "list", build)
