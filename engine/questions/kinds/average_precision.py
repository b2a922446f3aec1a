"""average-precision: AP of one class from a ranked list of detections.

Each detection, in descending score order, is a TP or an FP; there are G ground-truth
objects. After the k-th detection precision = TP_k/k and recall = TP_k/G. The interpolated
precision at recall r is the highest precision at any recall ≥ r. AP is then
- all-point (VOC 2010 and later): the area under the interpolated curve, summed over the
  recall steps;
- 11-point (VOC 2007): the mean interpolated precision at r = 0, 0.1, …, 1;
- 101-point (COCO): the same at r = 0, 0.01, …, 1 (0 where the recall is never reached).
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between
from engine.questions.text import Bi, lst, num, steps


def curve(hits: list[int], g: int) -> tuple[np.ndarray, np.ndarray]:
    """(precision, recall) after each detection."""
    tp = np.cumsum(hits, dtype=np.float64)
    k = np.arange(1, len(hits) + 1, dtype=np.float64)
    return tp / k, tp / g


def interpolated(prec: np.ndarray, rec: np.ndarray, r: np.ndarray) -> np.ndarray:
    """The highest precision at a recall of at least each ``r`` (0 when never reached)."""
    envelope = np.maximum.accumulate(prec[::-1])[::-1]
    idx = np.searchsorted(rec, r - 1e-12, side="left")
    padded = np.concatenate([envelope, [0.0]])
    return np.asarray(padded[np.minimum(idx, len(rec))], dtype=np.float64)


def all_point(prec: np.ndarray, rec: np.ndarray) -> float:
    steps_at = np.flatnonzero(np.diff(np.concatenate([[0.0], rec])) > 1e-12)
    widths = np.diff(np.concatenate([[0.0], rec[steps_at]]))
    return float(np.sum(widths * interpolated(prec, rec, rec[steps_at])))


def sampled(prec: np.ndarray, rec: np.ndarray, points: int) -> float:
    return float(np.mean(interpolated(prec, rec, np.linspace(0.0, 1.0, points))))


_METHODS = {
    1: (Bi("all-point 插值 AP（VOC 2010 起：插值 PR 曲线下的面积）",
           "all-point interpolated AP (VOC 2010 onwards: the area under the interpolated PR "
           "curve)"), 0),
    2: (Bi("11 点插值 AP（VOC 2007：r = 0, 0.1, …, 1 处插值 precision 的平均）",
           "11-point interpolated AP (VOC 2007: the mean interpolated precision at r = 0, "
           "0.1, …, 1)"), 11),
    3: (Bi("COCO 的 101 点插值 AP（r = 0, 0.01, …, 1 处插值 precision 的平均，达不到的召回"
           "记 0）", "COCO 101-point interpolated AP (the mean interpolated precision at "
           "r = 0, 0.01, …, 1; 0 where the recall is never reached)"), 101),
}


def _ap(prec: np.ndarray, rec: np.ndarray, points: int) -> float:
    return all_point(prec, rec) if points == 0 else sampled(prec, rec, points)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n = between(rng, 6, 9)
    while True:  # a list where interpolation changes the answer
        hits = [int(v) for v in rng.integers(0, 2, n)]
        if sum(hits) < 2 or sum(hits) == n:
            continue
        g = sum(hits) + between(rng, 0, 2)
        prec, rec = curve(hits, g)
        raw = float(sum(prec[i] for i in range(n) if hits[i]) / g)
        if abs(raw - all_point(prec, rec)) > 1e-3:
            break
    name, points = _METHODS[difficulty]
    value = _ap(prec, rec, points)
    answer = real(value, 4)
    marks = ", ".join("TP" if h else "FP" for h in hits)
    prompt = Bi(f"某一类有 G = {g} 个真实目标。按置信度从高到低排好的检测结果依次是：{marks}。"
                f"求{name.zh}。",
                f"One class has G = {g} ground-truth objects. Its detections, sorted by "
                f"descending confidence, are: {marks}. What is the {name.en}?")
    solution = steps(
        Bi(f"每个检测后的 precision = {lst(prec, 3)}", f"precision after each detection = "
           f"{lst(prec, 3)}"),
        Bi(f"recall = TP 数 / {g} = {lst(rec, 3)}", f"recall = TPs / {g} = {lst(rec, 3)}"),
        Bi("插值 precision：召回不低于 r 的最大 precision", "interpolated precision: the "
           "highest precision at recall ≥ r"),
        Bi(f"AP = {num(value, 4)}", f"AP = {num(value, 4)}"))
    others = [k for k in (0, 11, 101) if k != points]
    labels = {0: Bi("all-point", "all-point"), 11: Bi("11 点", "11-point"),
              101: Bi("101 点", "101-point")}
    mistakes = [
        Mistake(Bi("没有插值：每个 TP 处的 precision 之和除以 G", "did not interpolate: the "
                   "sum of the precisions at each TP over G"), answer.like([raw])),
        *([Mistake(Bi("除以了检出的 TP 数而不是 G", "divided by the TPs found instead of G"),
                   answer.like([raw * g / sum(hits)]))] if g > sum(hits) else []),
        *(Mistake(Bi(f"按 {labels[k].zh} 的方法算了", f"used the {labels[k].en} method"),
                  answer.like([_ap(prec, rec, k)])) for k in others),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("average-precision", "metrics", Bi("检测的 AP（VOC 11 点、all-point、COCO 101 "
               "点）", "Average precision (VOC 11-point, all-point, COCO 101-point)"), "real",
               build)
