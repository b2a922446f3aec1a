"""The calendar: reviews on each day of the past year, streaks and how regular the study
was."""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

from dlquiz.stats.reviews import ratio

CALENDAR_DAYS = 365


def streaks(studied: Set[int]) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days. The current run still counts when
    today has no rating yet: it is only broken once a whole day passes without one."""
    current = 0
    day = 0 if 0 in studied else -1
    while day in studied:
        current += 1
        day -= 1
    longest = run = 0
    previous = None
    for day in sorted(studied):
        run = run + 1 if previous is not None and day == previous + 1 else 1
        longest = max(longest, run)
        previous = day
    return current, longest


@dataclass(frozen=True)
class Calendar:
    first: int  # day number of reviews[0]
    reviews: tuple[int, ...]
    current_streak: int
    longest_streak: int
    days: int  # days the averages are taken over: the past year, or since the first rating
    days_studied: int

    @property
    def total(self) -> int:
        return sum(self.reviews)

    @property
    def share_studied(self) -> float | None:
        return ratio(self.days_studied, self.days)

    @property
    def daily_average(self) -> float | None:
        return ratio(self.total, self.days)

    @property
    def average_on_study_days(self) -> float | None:
        return ratio(self.total, self.days_studied)


def calendar(per_day: Sequence[int], first: int, studied: Set[int],
             first_review_day: int | None) -> Calendar:
    """`per_day[i]` are the reviews of day `first + i` (the past year, up to today)."""
    current, longest = streaks(studied)
    since = first if first_review_day is None else max(first, first_review_day)
    window = [n for i, n in enumerate(per_day) if first + i >= since]
    days = len(window) if first_review_day is not None else 0
    return Calendar(first=first, reviews=tuple(per_day), current_streak=current,
                    longest_streak=longest, days=days,
                    days_studied=sum(1 for n in window if n))
