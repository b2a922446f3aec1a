"""roc-auc: the area under the ROC curve from scores and labels.

AUC is the probability that a random positive scores higher than a random negative: over
all positive–negative pairs, a correctly ordered pair counts 1 and a tie ½ (the trapezoid
rule on the ROC curve gives the same number).
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.text import Bi, lst, num, steps


def pair_counts(pos: np.ndarray, neg: np.ndarray) -> tuple[int, int]:
    """(correctly ordered pairs, tied pairs)."""
    diff = pos[:, None] - neg[None, :]
    return int((diff > 0).sum()), int((diff == 0).sum())


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n_pos, n_neg = ((3, 3), (4, 4), (5, 4))[difficulty - 1] if rng.integers(2) else \
        ((3, 4), (4, 3), (4, 5))[difficulty - 1]
    grid = np.round(np.arange(0.05, 1.0, 0.05), 2) if difficulty == 1 else \
        np.round(np.arange(0.1, 1.0, 0.1), 1)
    while True:
        scores = rng.choice(grid, n_pos + n_neg, replace=difficulty > 1)
        pos, neg = scores[:n_pos], scores[n_pos:]
        good, ties = pair_counts(pos, neg)
        if (difficulty == 1 or ties > 0) and 0 < good < n_pos * n_neg:
            break
    total = n_pos * n_neg
    auc = (good + 0.5 * ties) / total
    labels = [1] * n_pos + [0] * n_neg
    order = [int(i) for i in rng.permutation(n_pos + n_neg)]
    s_txt = lst([scores[i] for i in order], 2)
    y_txt = lst([labels[i] for i in order])
    answer = real(auc, 4)
    prompt = Bi(f"二分类模型给出的分数 {s_txt}，对应的真实标签 {y_txt}（1 为正类）。ROC-AUC 是"
                "多少？（分数相同的正负样本对算 ½）",
                f"A binary classifier gives the scores {s_txt} with true labels {y_txt} (1 is "
                "positive). What is the ROC-AUC? (A positive and a negative with the same "
                "score count ½.)")
    solution = steps(
        Bi(f"正负样本对共 {n_pos}·{n_neg} = {total} 对", f"{n_pos}·{n_neg} = {total} "
           "positive–negative pairs"),
        Bi(f"正样本分数更高的 {good} 对，相同的 {ties} 对", f"{good} pairs with the positive "
           f"higher, {ties} tied"),
        Bi(f"AUC = ({good} + ½·{ties})/{total} = {num(auc, 4)}",
           f"AUC = ({good} + ½·{ties})/{total} = {num(auc, 4)}"))
    acc = float(np.mean([(s >= 0.5) == bool(y) for s, y in zip(scores, labels, strict=True)]))
    mistakes = [
        Mistake(Bi("正负弄反了（1 − AUC）", "ranked the other way round (1 − AUC)"),
                answer.like([1 - auc])),
        Mistake(Bi("算成了阈值 0.5 的准确率", "gave the accuracy at threshold 0.5"),
                answer.like([acc])),
    ]
    if ties:
        mistakes += [Mistake(Bi("分数相同的对算了 0", "counted tied pairs as 0"),
                             answer.like([good / total])),
                     Mistake(Bi("分数相同的对算了 1", "counted tied pairs as 1"),
                             answer.like([(good + ties) / total]))]
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("roc-auc", "metrics", Bi("由分数算 ROC-AUC", "ROC-AUC from scores"), "real",
               build)
