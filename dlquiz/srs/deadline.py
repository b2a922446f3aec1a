"""Scheduling toward an interview date (pure: every function takes its instants).

FSRS schedules for long-term retention, so a card reviewed a few days before the interview
may next be due a month after it. While a target is active three rules bend the schedule:

1. **No interval jumps past the day.** When the interval FSRS gives would end after the
   interview starts and the recall FSRS predicts for the interview day is below
   `DAY_RECALL_GOAL`, the card comes due in the last week instead, as late as it can be
   while a review then still leaves it above the goal on the day (the weakest on the eve),
   so its last review lands close to the date and the reviews spread over the last days
   rather than all falling on the eve. A card that would be remembered anyway keeps its
   interval (no review spent).
2. **Every unseen card is met in time.** New cards are introduced at the rate that covers
   the unseen ones by `SETTLE_DAYS` before the date (a new card needs a few reviews to
   settle), but never faster than the daily time allows: what does not fit is reported,
   the lowest-priority cards first.
3. **The last week favours the weakest.** In the `LAST_WEEK` days before the date, due
   cards are taken lowest predicted recall on the day first.

After the date none of this applies: the cards' FSRS state was never changed, only when
they come due, so the normal schedule simply resumes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

DAY_RECALL_GOAL = 0.97  # below this predicted recall on the day, a review on the eve pays
SETTLE_DAYS = 3  # the last new card is introduced this many days before the interview
LAST_WEEK = 7
NEW_CARD_REVIEWS = 4  # reviews a new card takes in its first days (first sight included)
SECONDS_PER_REVIEW = 12.0  # a note card's answer, as the time cap leaves most of them
SECONDS_PER_NEW = 30.0  # first sight of a card takes longer


@dataclass(frozen=True)
class Deadline:
    """The interview's start (the study day it falls on begins then) and the daily time."""

    starts: datetime
    minutes_per_day: int

    def eve(self) -> datetime:
        return self.starts - timedelta(days=1)

    def days_left(self, now: datetime) -> int:
        """Whole study days from now until the interview day (0 on the day itself)."""
        return max(0, math.ceil((self.starts - now) / timedelta(days=1)))


def capped_due(normal_due: datetime, now: datetime, deadline: Deadline,
               recall_after: Callable[[float], float]) -> datetime:
    """Rule 1: the due time after a rating at `now`, given FSRS's `normal_due` and the
    card's forgetting curve from this rating (`recall_after(days)`, FSRS's retrievability
    that many days later). The review it moves is due `w` days before the interview, `w`
    the most days (at most LAST_WEEK) after which a review made now would still be above
    the goal: reviewed then, the card only gets stronger, so it is at least that on the day."""
    if in_last_week(now, deadline) or normal_due <= deadline.starts:
        return normal_due  # the last week is rule 3's: the weakest first, whatever is due
    if recall_after((deadline.starts - now) / timedelta(days=1)) >= DAY_RECALL_GOAL:
        return normal_due
    ahead = 1
    while ahead < LAST_WEEK and recall_after(ahead + 1) >= DAY_RECALL_GOAL:
        ahead += 1
    return deadline.starts - timedelta(days=ahead)


@dataclass(frozen=True)
class NewCardRate:
    per_day: int  # new cards a day from today
    covered: int  # unseen cards met before the date at that rate
    uncovered: int  # unseen cards the time allows no day for


def new_card_rate(unseen: int, now: datetime, deadline: Deadline,
                  usual: int) -> NewCardRate:
    """Rule 2: the usual new cards a day (`new_per_day`), or more when that would not meet
    every unseen card by SETTLE_DAYS before the date, at most what the daily minutes hold
    if they went to new cards alone (a new card costs its first sight and NEW_CARD_REVIEWS
    - 1 reviews in the days after). A card never seen is not recalled at all on the day, so
    meeting it is worth more than any one review, and meeting it early gives it the reviews
    that make it last."""
    left = deadline.days_left(now)
    days = max(left - SETTLE_DAYS, 1) if left > 1 else 0
    if unseen <= 0 or days == 0:
        return NewCardRate(0, 0, max(unseen, 0))
    cost = SECONDS_PER_NEW + (NEW_CARD_REVIEWS - 1) * SECONDS_PER_REVIEW
    affordable = max(int(deadline.minutes_per_day * 60 // cost), 1)
    per_day = min(max(math.ceil(unseen / days), usual), affordable)
    covered = min(unseen, per_day * days)
    return NewCardRate(per_day, covered, unseen - covered)


def in_last_week(now: datetime, deadline: Deadline) -> bool:
    return deadline.days_left(now) <= LAST_WEEK


def daily_reviews(minutes_per_day: int) -> int:
    """How many reviews the daily minutes hold."""
    return int(minutes_per_day * 60 // SECONDS_PER_REVIEW)
