"""The metric kinds against independent computations: PyTorch for perplexity and the
information quantities, and reference formulas written another way for the rest (AP with the
VOC precision envelope, AUC from the Mann–Whitney rank sum, F1 from per-class counts)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from engine.questions import generate
from tests.unit.questions.prompt_reading import grab, num, values

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")

SEEDS = range(30)


def _list(text: str) -> list[float]:
    return [float(v) for v in text.strip("[] ").split(",")]


def _block(prompt: str) -> np.ndarray:
    body = prompt.split("```")[1]
    return np.array([[float(v) for v in line.split()] for line in body.strip().splitlines()])


def _f1(tp: float, fp: float, fn: float) -> float:
    return 2 * tp / (2 * tp + fp + fn)  # the harmonic mean of P and R, in counts


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_classification_metrics(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("classification-metrics", difficulty, seed, "en")
        got = values(q.expected_display)
        if difficulty == 1:
            tp, fp, fn = (num(rf"{n} = (\d+)", q.prompt) for n in ("TP", "FP", "FN"))
        elif difficulty == 2:
            cm = _block(q.prompt)
            tp, fp, fn = cm[1, 1], cm[0, 1], cm[1, 0]
        else:
            cm = _block(q.prompt)
            scores = [_f1(cm[c, c], cm[:, c].sum() - cm[c, c], cm[c, :].sum() - cm[c, c])
                      for c in range(3)]
            assert got[0] == pytest.approx(sum(scores) / 3, abs=5e-5), q.id
            continue
        want = [tp / (tp + fp), tp / (tp + fn), _f1(tp, fp, fn)]
        assert list(got) == pytest.approx(want, abs=5e-5), q.id


def _voc_ap(hits: list[int], g: int, method: str) -> float:
    tp = np.cumsum(hits)
    rec = tp / g
    prec = tp / np.arange(1, len(hits) + 1)
    if method == "all":
        mrec = np.concatenate([[0.0], rec, [1.0]])
        mpre = np.concatenate([[0.0], prec, [0.0]])
        for i in range(len(mpre) - 2, -1, -1):
            mpre[i] = max(mpre[i], mpre[i + 1])
        idx = np.where(mrec[1:] != mrec[:-1])[0]
        return float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]))
    points = 11 if method == "11" else 101
    envelope = np.maximum.accumulate(prec[::-1])[::-1]
    total = 0.0
    for r in np.linspace(0, 1, points):
        i = np.searchsorted(rec, r - 1e-12, side="left")
        total += envelope[i] if i < len(rec) else 0.0
    return total / points


@pytest.mark.parametrize(("difficulty", "method"), [(1, "all"), (2, "11"), (3, "101")])
def test_average_precision(difficulty: int, method: str) -> None:
    for seed in SEEDS:
        q = generate("average-precision", difficulty, seed, "en")
        hits = [1 if m == "TP" else 0 for m in re.findall(r"\b(TP|FP)\b",
                                                           q.prompt.split("are:")[1])]
        g = int(num(r"G = (\d+)", q.prompt))
        assert values(q.expected_display)[0] == pytest.approx(_voc_ap(hits, g, method),
                                                              abs=5e-5), q.id


def _rank_auc(scores: list[float], labels: list[float]) -> float:
    """Mann–Whitney: the rank sum of the positives, with average ranks for ties."""
    s = torch.tensor(scores, dtype=torch.float64)
    ranks = torch.empty_like(s)
    order = torch.argsort(s)
    ranks[order] = torch.arange(1, len(s) + 1, dtype=torch.float64)
    for v in torch.unique(s):  # average ranks over ties
        tied = s == v
        ranks[tied] = ranks[tied].mean()
    pos = torch.tensor(labels) == 1
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_roc_auc(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("roc-auc", difficulty, seed, "en")
        scores = _list(grab(r"scores (\[[^\]]*\])", q.prompt))
        labels = _list(grab(r"labels (\[[^\]]*\])", q.prompt))
        assert values(q.expected_display)[0] == pytest.approx(_rank_auc(scores, labels),
                                                              abs=5e-5), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_perplexity(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("perplexity", difficulty, seed, "en")
        given = torch.tensor(_list(grab(r"(\[[^\]]*\])\. What", q.prompt)), dtype=torch.float64)
        logp = (given.log() if difficulty == 1 else given if difficulty == 2
                else given * math.log(2))
        # the loss F.cross_entropy would give for these targets, exponentiated
        want = float(torch.exp(-logp.mean()))
        assert values(q.expected_display)[0] == pytest.approx(want, abs=5e-4), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_kl_entropy(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("kl-entropy", difficulty, seed, "en")
        p = torch.tensor(_list(grab(r"p = (\[[^\]]*\])", q.prompt)), dtype=torch.float64)
        if difficulty == 1:
            want = torch.distributions.Categorical(probs=p).entropy()
        else:
            qd = torch.tensor(_list(grab(r"q = (\[[^\]]*\])", q.prompt)), dtype=torch.float64)
            want = (-(p * qd.log()).sum() if difficulty == 2 else
                    torch.nn.functional.kl_div(qd.log(), p, reduction="sum"))
        assert values(q.expected_display)[0] == pytest.approx(float(want), abs=5e-5), q.id
