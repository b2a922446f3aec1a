"""What the study days' ratings add up to: today, reviews and time per day, the calendar
with its streaks, the answer buttons and Anki's true retention."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dlquiz.store.schema import AGAIN, RATING_NAMES
from dlquiz.store.stats import REVIEW_KINDS, DayCell

NEW, LEARNING, RELEARNING, YOUNG, MATURE = range(len(REVIEW_KINDS))
TODAY_SPLIT = {"new": (NEW,), "learning": (LEARNING,), "review": (YOUNG, MATURE),
               "relearning": (RELEARNING,)}
BUTTON_GROUPS = {"learning": (NEW, LEARNING, RELEARNING), "young": (YOUNG,),
                 "mature": (MATURE,)}
# Anki's true-retention periods (days relative to today): today, yesterday, the last 7,
# 30 and 365 days, all time
RETENTION_PERIODS = ("today", "yesterday", "week", "month", "year", "all")


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when there is nothing to divide (never a division by zero)."""
    return part / whole if whole else None


@dataclass(frozen=True)
class Tally:
    reviews: int = 0
    again: int = 0
    seconds: float = 0.0

    def add(self, cell: DayCell) -> Tally:
        return Tally(self.reviews + cell.count,
                     self.again + (cell.count if cell.rating == AGAIN else 0),
                     self.seconds + cell.ms / 1000)

    @property
    def pass_rate(self) -> float | None:
        return ratio(self.reviews - self.again, self.reviews)


def tally(cells: Iterable[DayCell]) -> Tally:
    total = Tally()
    for cell in cells:
        total = total.add(cell)
    return total


@dataclass(frozen=True)
class Today:
    reviews: int
    cards: int
    seconds: float
    again: int
    by_kind: dict[str, Tally]

    @property
    def seconds_per_card(self) -> float | None:
        return ratio(self.seconds, self.reviews)

    @property
    def pass_rate(self) -> float | None:
        return ratio(self.reviews - self.again, self.reviews)


def today(cells: Sequence[DayCell], distinct_cards: int) -> Today:
    mine = [c for c in cells if c.day == 0]
    total = tally(mine)
    split = {name: tally(c for c in mine if c.kind in kinds)
             for name, kinds in TODAY_SPLIT.items()}
    return Today(reviews=total.reviews, cards=distinct_cards, seconds=total.seconds,
                 again=total.again, by_kind=split)


def per_day(cells: Sequence[DayCell], first: int, last: int) -> dict[str, list[float]]:
    """Ratings per day and kind, and seconds per day, for days first..last."""
    size = last - first + 1
    series: dict[str, list[float]] = {kind: [0] * size for kind in REVIEW_KINDS}
    series["seconds"] = [0.0] * size
    for cell in cells:
        if first <= cell.day <= last:
            series[REVIEW_KINDS[cell.kind]][cell.day - first] += cell.count
            series["seconds"][cell.day - first] += cell.ms / 1000
    return series


def buttons(cells: Sequence[DayCell], first: int, last: int) -> dict[str, dict[str, int]]:
    """How often each button was pressed, by the card's state (Anki's Learning/Young/Mature)."""
    found = {group: {name: 0 for name in RATING_NAMES.values()} for group in BUTTON_GROUPS}
    for cell in cells:
        if first <= cell.day <= last:
            for group, kinds in BUTTON_GROUPS.items():
                if cell.kind in kinds:
                    found[group][RATING_NAMES[cell.rating]] += cell.count
    return found


@dataclass(frozen=True)
class Retention:
    passed: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        return ratio(self.passed, self.total)

    def __add__(self, other: Retention) -> Retention:
        return Retention(self.passed + other.passed, self.failed + other.failed)


# the disjoint stretches true retention is counted over, as (first day, last day); the
# periods are sums of them
SEGMENTS: tuple[tuple[int | None, int], ...] = (
    (0, 0), (-1, -1), (-6, -2), (-29, -7), (-364, -30), (None, -365))
PERIOD_SEGMENTS = {"today": (0,), "yesterday": (1,), "week": (0, 1, 2),
                   "month": (0, 1, 2, 3), "year": (0, 1, 2, 3, 4), "all": (0, 1, 2, 3, 4, 5)}


def segment_of(day: int) -> int:
    for index, (first, last) in enumerate(SEGMENTS):
        if (first is None or day >= first) and day <= last:
            return index
    return len(SEGMENTS) - 1


def true_retention(counts: Mapping[tuple[int, bool, bool], int],
                   repeats: Iterable[tuple[int, bool, bool]]) -> dict[str, dict[str, Retention]]:
    """Anki's definition: the first rating of a card on a study day among those whose last
    interval was a day or more; pass is Hard, Good or Easy; young (< 21 days) and mature
    apart. `counts` has every such rating by (segment, mature, passed); `repeats` lists, by
    day, the ones that were not the card's first that day, which are taken off."""
    net = dict(counts)
    for day, mature, passed in repeats:
        key = (segment_of(day), mature, passed)
        net[key] = net.get(key, 0) - 1
    found = {}
    for name, segments in PERIOD_SEGMENTS.items():
        parts = {}
        for part, mature in (("young", False), ("mature", True)):
            parts[part] = Retention(sum(net.get((s, mature, True), 0) for s in segments),
                                    sum(net.get((s, mature, False), 0) for s in segments))
        parts["total"] = parts["young"] + parts["mature"]
        found[name] = parts
    return found
