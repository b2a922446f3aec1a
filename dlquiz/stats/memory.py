"""The cards' side of the statistics: the labels of the distributions, per-topic memory
(weakest first), and calibration of FSRS's predictions."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dlquiz.stats.reviews import ratio
from dlquiz.store.stats import CALIBRATION_BINS, DAY_EDGES, TENTHS, CalibrationCell, TopicCells


def day_labels() -> list[str]:
    """`<1d`, `1d`, `2d`, `3-4d`, … `≥730d`: the buckets of intervals and stability."""
    edges = (0, *DAY_EDGES)
    labels = []
    for low, high in zip(edges, (*DAY_EDGES, None), strict=True):
        if high is None:
            labels.append(f"≥{low}d")
        elif low == 0:
            labels.append("<1d")
        elif high - low == 1:
            labels.append(f"{low}d")
        else:
            labels.append(f"{low}-{high - 1}d")
    return labels


def tenth_labels() -> list[str]:
    return [f"{10 * i}-{10 * (i + 1)}%" for i in range(TENTHS)]


@dataclass(frozen=True)
class TopicMemory:
    topic: str
    source: str
    cards: int
    reviewed: int
    mature_share: float | None
    mean_retrievability: float | None
    lapses: int


def topics(cells: Sequence[TopicCells], kind_topics: Mapping[str, str]) -> list[TopicMemory]:
    """One row per note topic and per skill topic, the weakest (lowest recall now) first;
    topics nothing has been rated in come last."""
    merged: dict[tuple[str, str], list[float]] = {}
    for cell in cells:
        topic = kind_topics.get(cell.topic, cell.topic) if cell.source == "skill" else cell.topic
        row = merged.setdefault((cell.source, topic or "-"), [0, 0, 0, 0.0, 0])
        for i, value in enumerate((cell.cards, cell.mature, cell.reviewed, cell.recall_sum,
                                   cell.lapses)):
            row[i] += value
    rows = [TopicMemory(topic=topic, source=source, cards=int(v[0]), reviewed=int(v[2]),
                        mature_share=ratio(v[1], v[0]), mean_retrievability=ratio(v[3], v[2]),
                        lapses=int(v[4])) for (source, topic), v in merged.items()]
    return sorted(rows, key=lambda r: (r.mean_retrievability is None,
                                       r.mean_retrievability or 0.0, r.mature_share or 0.0,
                                       r.topic))


@dataclass(frozen=True)
class Calibration:
    counts: tuple[int, ...]
    predicted: tuple[float | None, ...]  # mean predicted recall in each bin
    observed: tuple[float | None, ...]  # share passed in each bin

    @property
    def reviews(self) -> int:
        return sum(self.counts)

    @property
    def rmse_bins(self) -> float | None:
        """sqrt(Σ n_b (predicted_b - observed_b)² / N): calibration error over the bins."""
        total = self.reviews
        if not total:
            return None
        squares = sum(n * ((p or 0.0) - (o or 0.0)) ** 2
                      for n, p, o in zip(self.counts, self.predicted, self.observed, strict=True))
        return math.sqrt(squares / total)


def calibration(cells: Sequence[CalibrationCell]) -> tuple[Calibration, float | None]:
    """The bins of predicted recall against the outcome, and the log loss over them all."""
    counts = [0] * CALIBRATION_BINS
    predicted: list[float | None] = [None] * CALIBRATION_BINS
    observed: list[float | None] = [None] * CALIBRATION_BINS
    likelihood = 0.0
    for cell in cells:
        counts[cell.bin] = cell.count
        predicted[cell.bin] = ratio(cell.predicted_sum, cell.count)
        observed[cell.bin] = ratio(cell.passed, cell.count)
        likelihood += cell.log_likelihood
    result = Calibration(tuple(counts), tuple(predicted), tuple(observed))
    loss = -likelihood / result.reviews if result.reviews else None
    return result, loss
