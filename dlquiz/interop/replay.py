"""Recompute a card's FSRS state from a review history by rating it again, review by
review, exactly as dlquiz rates (srs.scheduler.after_rating), with fuzz off so the result
is a function of the history alone.

Elapsed time is counted the way Anki's FSRS counts it for a history: in study days (days
roll over at the configured hour, in the user's time zone), not in 24-hour periods. A
review at 20:00 followed by one at 09:00 two days later is two days apart for Anki, but
only one full day of elapsed time for py-fsrs; replaying with the study-day count keeps
the recomputed stability, and so the due dates, with Anki's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo

from dlquiz.srs.days import day_start
from dlquiz.srs.scheduler import after_rating
from dlquiz.srs.settings import StudySettings
from dlquiz.store.card_records import CardRecord
from dlquiz.store.interop_write import IncomingReview, Replay


def study_days_apart(earlier: datetime, later: datetime, zone: tzinfo, rollover_hour: int) -> int:
    """How many study-day boundaries lie between two moments."""
    start = day_start(later, zone, rollover_hour) - day_start(earlier, zone, rollover_hour)
    return round(start.total_seconds() / 86_400)


def as_study_days(card: CardRecord, at: datetime, zone: tzinfo,
                  rollover_hour: int) -> CardRecord:
    """The card as the scheduler should see it at `at`: its last review moved so that the
    whole days elapsed equal the study days between the two reviews (unchanged within one
    study day, where FSRS's same-day rule applies)."""
    if card.last_review is None:
        return card
    days = study_days_apart(card.last_review, at, zone, rollover_hour)
    if days < 1:
        return card
    return card.with_changes(last_review=at - timedelta(days=days))


def replayer(settings: StudySettings, zone: tzinfo) -> Replay:
    """The replay function the store applies to each card that has new reviews."""
    calm = replace(settings, enable_fuzzing=False)
    hour = settings.day_rollover_hour

    def replay(card: CardRecord,
               reviews: Sequence[IncomingReview]) -> list[tuple[CardRecord, CardRecord]]:
        steps = []
        current = card
        for review in reviews:
            seen = as_study_days(current, review.at, zone, hour)
            after = after_rating(calm, seen, review.rating, review.at)
            steps.append((current, after))
            current = after
        return steps

    return replay
