"""What the study days' ratings add up to: today, reviews and time per day, the calendar
with its streaks, the answer buttons and Anki's true retention."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dlquiz.store.states import AGAIN, RATING_NAMES
from dlquiz.store.stats_records import REVIEW_KINDS, DayCell

NEW, LEARNING, RELEARNING, YOUNG, MATURE = range(len(REVIEW_KINDS))
TODAY_SPLIT = {"new": (NEW,), "learning": (LEARNING,), "review": (YOUNG, MATURE),
               "relearning": (RELEARNING,)}
BUTTON_GROUPS = {"learning": (NEW, LEARNING, RELEARNING), "young": (YOUNG,),
                 "mature": (MATURE,)}
# Anki's true-retention periods, as (first day, last day) relative to today; None: all time
RETENTION_PERIODS: dict[str, tuple[int | None, int]] = {
    "today": (0, 0), "yesterday": (-1, -1), "week": (-6, 0), "month": (-29, 0),
    "year": (-364, 0), "all": (None, 0)}


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


def true_retention(cells: Sequence[DayCell]) -> dict[str, dict[str, Retention]]:
    """Anki's definition: the first rating of a card on a study day among those whose last
    interval was a day or more (the store marks them); pass is Hard, Good or Easy; young
    (< 21 days) and mature apart."""
    found = {}
    for name, (first, last) in RETENTION_PERIODS.items():
        young, mature = Retention(), Retention()
        for cell in cells:
            if (first is None or cell.day >= first) and cell.day <= last:
                failed = cell.rating == AGAIN
                young += Retention(0 if failed else cell.retention_young,
                                   cell.retention_young if failed else 0)
                mature += Retention(0 if failed else cell.retention_mature,
                                    cell.retention_mature if failed else 0)
        found[name] = {"young": young, "mature": mature, "total": young + mature}
    return found
