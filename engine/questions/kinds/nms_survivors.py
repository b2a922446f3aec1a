"""nms-survivors: which boxes survive greedy NMS (torchvision: suppress when IoU > t).

torchvision's CPU kernel compares a float32 IoU with the threshold as a double, so an IoU
that equals a threshold such as 0.6 exactly is computed as 0.6000000238 and suppresses,
while at 0.5 or 0.75 (exact in float32) the tie is kept. Questions therefore contain exact
ties only at thresholds exact in float32, state the strict rule, and say in the solution
which ties it decided; near-ties elsewhere are redrawn.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, index_set
from engine.questions.draw import between, pick
from engine.questions.ops import box_iou, nms
from engine.questions.text import Bi, steps


def _jitter(rng: np.random.Generator, base: list[int]) -> list[int]:
    d = [between(rng, -4, 4) for _ in range(4)]
    box = [base[i] + d[i] for i in range(4)]
    box[2], box[3] = max(box[2], box[0] + 4), max(box[3], box[1] + 4)
    return box


_CHAIN = {0.3: 3, 0.5: 4, 0.6: 5, 0.7: 8, 0.75: 10}  # width/shift: A-B, B-C overlap > t, A-C not
_TIE_WIDTH = {0.5: 3, 0.75: 7}  # width/shift giving a pair whose IoU is exactly t
FLOAT32_EXACT = (0.5, 0.75)     # thresholds float32 represents exactly: a tie is decided by >
_NEAR = 1e-6


def _boxes(rng: np.random.Generator, difficulty: int, t: float) -> list[list[int]]:
    """A chain A, B, C (B suppressed by A, C only by B), an exact-tie pair at level 3, clusters."""
    x, y, dx, h = between(rng, 0, 60), between(rng, 0, 60), between(rng, 2, 4), between(rng, 8, 20)
    w = _CHAIN[t] * dx
    boxes = [[x + i * dx, y, x + i * dx + w, y + h] for i in range(3)]
    if difficulty == 3:
        x, y = between(rng, 0, 30), between(rng, 0, 30)
        dx, h = between(rng, 2, 4), between(rng, 8, 20)
        w = _TIE_WIDTH[t] * dx  # IoU of the shifted pair is exactly t
        boxes += [[x, y, x + w, y + h], [x + dx, y, x + dx + w, y + h]]
    for _ in range(between(rng, 1, 2)):
        x, y = between(rng, 0, 80), between(rng, 0, 80)
        base = [x, y, x + between(rng, 10, 30), y + between(rng, 10, 30)]
        boxes += [_jitter(rng, base) for _ in range(between(rng, 1, 2 if difficulty > 1 else 1))]
    return boxes


def _ints(box: np.ndarray) -> list[int]:
    return [int(v) for v in box]


def _top_only(b: np.ndarray, s: np.ndarray, t: float) -> list[int]:
    top = int(np.argmax(s))
    iou = box_iou(b[top:top + 1], b)[0]
    return [i for i in range(len(b)) if i == top or iou[i] <= t]


def _all_higher(b: np.ndarray, s: np.ndarray, t: float) -> list[int]:
    iou = box_iou(b, b)
    return [i for i in range(len(b)) if not any(s[j] > s[i] and iou[i, j] > t
                                               for j in range(len(b)))]


def exact_iou(a: list[int], b: list[int]) -> Fraction:
    """IoU of two integer boxes as an exact fraction."""
    iw = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return Fraction(inter, union)


def _well_posed(raw: list[list[int]], t: float) -> bool:
    """No pair within 1e-6 of t, except exact ties at thresholds exact in float32."""
    exact = Fraction(t)
    for i in range(len(raw)):
        for j in range(i + 1, len(raw)):
            iou = exact_iou(raw[i], raw[j])
            if abs(iou.numerator / iou.denominator - t) < _NEAR and not (
                    iou == exact and t in FLOAT32_EXACT):
                return False
    return True


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    t = 0.5 if difficulty == 1 else pick(rng, FLOAT32_EXACT if difficulty == 3 else
                                         (0.3, 0.5, 0.7))
    raw = _boxes(rng, difficulty, t)
    while not _well_posed(raw, t):
        raw = _boxes(rng, difficulty, t)
    scores = rng.choice(np.arange(50, 100), len(raw), replace=False) / 100
    scores[:3] = np.sort(scores[:3])[::-1]
    if difficulty == 3:
        scores[3:5] = np.sort(scores[3:5])[::-1]
    order = rng.permutation(len(raw))
    b = np.array([raw[i] for i in order], dtype=float)
    s = scores[order]  # position j shows raw box order[j] with its own score
    kept = [int(i) for i in nms(b, s, t)]
    answer = index_set(kept)
    rows = "\n".join(f"| {i} | {tuple(int(v) for v in b[i])} | {s[i]:.2f} |" for i in range(len(b)))
    table = "\n\n| # | (x1, y1, x2, y2) | score |\n|---|---|---|\n" + rows + "\n\n"
    tie = (Bi(f"恰好等于 {t} 的保留", f"one exactly equal to {t} is kept") if t in FLOAT32_EXACT
           else Bi(f"没有哪一对框的 IoU 恰好等于 {t}", f"no pair has an IoU of exactly {t}"))
    prompt = Bi(f"对下面的框做 NMS（torchvision.ops.nms，iou_threshold={t}；一个框与已保留框的 IoU "
                f"严格大于 {t} 才被抑制，{tie.zh}；IoU 按连续坐标计算，面积 = (x2−x1)(y2−y1)）："
                f"{table}哪些框被保留？写出下标。",
                f"Run NMS (torchvision.ops.nms, iou_threshold={t}: a box is suppressed only when "
                f"its IoU with a kept box is strictly greater than {t}, and {tie.en}; IoU on "
                f"continuous coordinates, area = (x2−x1)(y2−y1)) on these boxes:{table}Which "
                "boxes are kept? Give their indices.")
    lines = [Bi(f"按分数从高到低访问；与已保留框的 IoU 严格大于 {t} 的框被抑制",
                f"visit by decreasing score; a box is dropped when its IoU with a kept box is "
                f"strictly greater than {t}")]
    iou = box_iou(b, b)
    near = np.abs(iou - t) < _NEAR  # the only pairs that can be exact ties (t is exact here)
    for i in np.argsort(-s, kind="stable"):
        i = int(i)
        blocker = next((k for k in kept if s[k] > s[i] and iou[i, k] > t), None)
        ties = [k for k in kept if s[k] > s[i] and near[i, k]
                and exact_iou(_ints(b[i]), _ints(b[k])) == Fraction(t)]
        if i in kept and ties:
            k = ties[0]
            lines.append(Bi(f"框 {i}（{s[i]:.2f}）：与框 {k} 的 IoU 恰好等于 {t}，不大于 {t}，保留"
                            "（由严格的 > 决定）",
                            f"box {i} ({s[i]:.2f}): IoU with box {k} is exactly {t}, not greater "
                            f"than {t}, so it is kept (a tie decided by the strict >)"))
        elif i in kept:
            lines.append(Bi(f"框 {i}（{s[i]:.2f}）保留", f"box {i} ({s[i]:.2f}) kept"))
        elif blocker is not None:
            lines.append(Bi(f"框 {i}：与框 {blocker} 的 IoU = {iou[i, blocker]:.3f} > {t}，抑制",
                            f"box {i}: IoU with box {blocker} = {iou[i, blocker]:.3f} > {t}, "
                            "dropped"))
    lines.append(Bi(f"保留：{sorted(kept)}", f"kept: {sorted(kept)}"))
    mistakes = []
    if difficulty == 3:  # only the exact-tie pair can tell ≥ from >
        mistakes.append(Mistake(Bi("用了 ≥ 阈值而不是 > 阈值", "suppressed at IoU ≥ threshold "
                                   "instead of >"),
                                answer.like([int(i) for i in nms(b, s, t - 1e-9)])))
    mistakes += [
        Mistake(Bi("只和最高分的框比较了一次", "compared only with the top-scoring box"),
                answer.like(_top_only(b, s, t))),
        Mistake(Bi("被抑制的框也去抑制别人了", "let already suppressed boxes suppress others"),
                answer.like(_all_higher(b, s, t))),
    ]
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("nms-survivors", "detection", Bi("NMS 保留哪些框", "Which boxes survive NMS"), "set",
               build)
