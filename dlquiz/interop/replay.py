"""Recompute a card's FSRS state from a review history by rating it again, review by
review, exactly as dlquiz rates (srs.scheduler.after_rating), with fuzz off so the result
is a function of the history alone.

Elapsed time is counted the way Anki's FSRS counts it for a history: in study days (days
roll over at the configured hour, in the user's time zone), not in 24-hour periods. A
review at 20:00 followed by one at 09:00 two days later is two days apart for Anki, but
only one full day of elapsed time for py-fsrs; replaying with the study-day count keeps
the recomputed stability, and so the due dates, with Anki's. A history that dlquiz itself
exported is replayed the way dlquiz counted it when the reviews were made (whole 24-hour
periods, py-fsrs's rule), which gives back the states dlquiz had.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo

from dlquiz.srs.days import day_start
from dlquiz.srs.scheduler import after_rating
from dlquiz.srs.settings import StudySettings
from dlquiz.store.cards import CardRecord
from dlquiz.store.interop import IncomingReview, Replay


def study_day(moment: datetime, zone: tzinfo, rollover_hour: int) -> int:
    """The number of the study day holding `moment` (days since the epoch's; counted from
    local rollover instants, so a DST day still counts as one)."""
    return round(day_start(moment, zone, rollover_hour).timestamp() / 86_400)


def as_study_days(card: CardRecord, at: datetime, days: int) -> CardRecord:
    """The card as the scheduler should see it at `at`, `days` study days after its last
    review: the last review moved so that the whole days elapsed equal the study days
    (unchanged within one study day, where FSRS's same-day rule applies)."""
    if card.last_review is None or days < 1:
        return card
    return card.with_changes(last_review=at - timedelta(days=days))


def replayer(settings: StudySettings, zone: tzinfo) -> Replay:
    """The replay function the store applies to each card that has new reviews."""
    calm = replace(settings, enable_fuzzing=False)
    hour = settings.day_rollover_hour

    def replay(card: CardRecord, reviews: Sequence[IncomingReview],
               study_days: bool = True) -> list[tuple[CardRecord, CardRecord]]:
        steps = []
        current = card
        last = study_day(card.last_review, zone, hour) if card.last_review else None
        for review in reviews:
            day = study_day(review.at, zone, hour)
            seen = current
            if study_days:
                seen = as_study_days(current, review.at, day - last if last is not None else 0)
            after = after_rating(calm, seen, review.rating, review.at)
            steps.append((current, after))
            current, last = after, day
        return steps

    return replay
