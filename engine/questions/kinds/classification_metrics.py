"""classification-metrics: precision, recall and F1 from counts or a confusion matrix.

Precision = TP/(TP + FP), recall = TP/(TP + FN), F1 their harmonic mean. The confusion
matrix has one row per true class and one column per predicted class (scikit-learn's
layout). Macro-F1 averages the per-class F1 scores; micro-F1 pools the counts (and equals
accuracy for single-label classification).
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between
from engine.questions.text import Bi, matrix_block, num, steps


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """(precision, recall, F1); 0 where a denominator is 0."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _binary(rng: np.random.Generator, difficulty: int) -> Problem:
    tp, fp, fn, tn = (between(rng, 5, 60) for _ in range(4))
    p, r, f1 = prf(tp, fp, fn)
    answer = numbers([p, r, f1], 4)
    if difficulty == 1:
        given = Bi(f"二分类模型在测试集上：TP = {tp}，FP = {fp}，FN = {fn}，TN = {tn}。",
                   f"A binary classifier on a test set: TP = {tp}, FP = {fp}, FN = {fn}, "
                   f"TN = {tn}.")
    else:
        cm = np.array([[tn, fp], [fn, tp]])
        given = Bi(f"二分类的混淆矩阵（行 = 真实类别 0、1，列 = 预测类别 0、1；正类是 1）："
                   f"{matrix_block(cm)}",
                   f"A binary confusion matrix (rows = true class 0, 1; columns = predicted "
                   f"class 0, 1; class 1 is positive):{matrix_block(cm)}")
    prompt = given + Bi("写出 [precision, recall, F1]。", " Answer [precision, recall, F1].")
    solution = steps(
        Bi(f"precision = TP/(TP+FP) = {tp}/{tp + fp} = {num(p, 4)}",
           f"precision = TP/(TP+FP) = {tp}/{tp + fp} = {num(p, 4)}"),
        Bi(f"recall = TP/(TP+FN) = {tp}/{tp + fn} = {num(r, 4)}",
           f"recall = TP/(TP+FN) = {tp}/{tp + fn} = {num(r, 4)}"),
        Bi(f"F1 = 2PR/(P+R) = {num(f1, 4)}", f"F1 = 2PR/(P+R) = {num(f1, 4)}"))
    swap = (Bi("把行当成了预测类别（precision 与 recall 对调）", "read the rows as predictions "
               "(precision and recall swapped)") if difficulty > 1 else
            Bi("precision 与 recall 的公式对调了", "swapped the precision and recall formulas"))
    spec = tn / (tn + fp)
    mistakes = [
        Mistake(swap, answer.like([r, p, f1])),
        Mistake(Bi("F1 用了算术平均 (P+R)/2", "took F1 as the arithmetic mean (P+R)/2"),
                answer.like([p, r, (p + r) / 2])),
        Mistake(Bi("recall 用了 TN/(TN+FP)（那是特异度）", "used TN/(TN+FP) for recall (that "
                   "is the specificity)"),
                answer.like([p, spec, 2 * p * spec / (p + spec)])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _macro(rng: np.random.Generator) -> Problem:
    k = 3
    bonus = [between(rng, 2, 25) for _ in range(k)]
    cm = np.array([[between(rng, 1, 12) + (bonus[i] if i == j else 0) for j in range(k)]
                   for i in range(k)], dtype=np.float64)
    per = [prf(cm[c, c], cm[:, c].sum() - cm[c, c], cm[c, :].sum() - cm[c, c]) for c in range(k)]
    macro = float(np.mean([f for _, _, f in per]))
    answer = numbers([macro], 4)
    prompt = Bi(f"三分类的混淆矩阵（行 = 真实类别 0、1、2，列 = 预测类别）：{matrix_block(cm)}"
                "macro-F1 是多少？",
                f"A 3-class confusion matrix (rows = true class 0, 1, 2; columns = predicted "
                f"class):{matrix_block(cm)}What is the macro-F1?")
    lines = [Bi(f"类别 {c}：P = {num(p, 4)}，R = {num(r, 4)}，F1 = {num(f, 4)}",
                f"class {c}: P = {num(p, 4)}, R = {num(r, 4)}, F1 = {num(f, 4)}")
             for c, (p, r, f) in enumerate(per)]
    lines.append(Bi(f"macro-F1 = 三个 F1 的平均 = {num(macro, 4)}",
                    f"macro-F1 = mean of the three F1 scores = {num(macro, 4)}"))
    mp = float(np.mean([p for p, _, _ in per]))
    mr = float(np.mean([r for _, r, _ in per]))
    micro = float(np.trace(cm) / cm.sum())
    mistakes = [
        Mistake(Bi("算成了 micro-F1（合并计数，等于准确率）", "computed the micro-F1 (pooled "
                   "counts, equal to the accuracy)"), answer.like([micro])),
        Mistake(Bi("用 macro-P 与 macro-R 的调和平均代替了 F1 的平均", "took the harmonic "
                   "mean of macro-P and macro-R instead of averaging the F1 scores"),
                answer.like([2 * mp * mr / (mp + mr)])),
        Mistake(Bi("按各类样本数加权平均了（weighted-F1）", "weighted the F1 scores by class "
                   "support (weighted-F1)"),
                answer.like([float(np.dot([f for _, _, f in per], cm.sum(axis=1)) / cm.sum())])),
    ]
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    return _macro(rng) if difficulty == 3 else _binary(rng, difficulty)


KIND = KindDef("classification-metrics", "metrics", Bi("Precision、recall 与 F1",
               "Precision, recall and F1"), "list", build)
