"""dlquiz card states and review logs as Anki's `cards` columns and `revlog` rows (Anki's
documented collection schema), so a package carries the user's progress.

Anki counts review due dates in days since the collection's creation (`crt`), learning
due dates in seconds since the epoch, intervals in days (negative: seconds, for steps
shorter than a day), and keeps the FSRS memory state as JSON in the card's `data`
(`s` stability, `d` difficulty, `dr` desired retention, `lrt` last review time).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from dlquiz.interop.anki_records import (
    QUEUE_SUSPENDED,
    REVLOG_LEARN,
    REVLOG_RELEARN,
    REVLOG_REVIEW,
)
from dlquiz.srs.days import day_start
from dlquiz.store.cards import CardRecord
from dlquiz.store.interop import ExportReview
from dlquiz.store.schema import LEARNING, NEW, RELEARNING, REVIEW

DAY = 86_400
EASE = 2500  # SM-2's starting ease, in permille: what Anki stores for a card it schedules
MAX_TIME_MS = 60_000  # Anki caps the time taken per review at a minute
_REVLOG_KIND = {NEW: REVLOG_LEARN, LEARNING: REVLOG_LEARN, REVIEW: REVLOG_REVIEW,
                RELEARNING: REVLOG_RELEARN}


@dataclass(frozen=True)
class Days:
    """The study days of the package: day 0 starts at `crt` (a local rollover instant)."""

    crt: datetime
    zone: tzinfo
    rollover_hour: int

    def number(self, when: datetime) -> int:
        start = day_start(when, self.zone, self.rollover_hour)
        return round((start - self.crt).total_seconds() / DAY)


def package_days(moments: Sequence[datetime], zone: tzinfo, rollover_hour: int) -> Days:
    """Day 0 at the start of the study day of the earliest moment (review or export time)."""
    return Days(crt=day_start(min(moments), zone, rollover_hour), zone=zone,
                rollover_hour=rollover_hour)


def interval(start: datetime, due: datetime | None) -> int:
    """Anki's interval: whole days from a review to the next due date, or minus the seconds
    when the next step comes sooner than a day."""
    if due is None:
        return 0
    seconds = (due - start).total_seconds()
    if seconds >= DAY:
        return max(1, round(seconds / DAY))
    return -max(1, round(seconds))


def card_columns(card: CardRecord, days: Days, new_position: int,
                 desired_retention: float) -> dict[str, object]:
    """type, queue, due, ivl, factor, reps, lapses, left and data of one card."""
    suspended = card.suspended
    if card.state == NEW:
        return {"type": 0, "queue": QUEUE_SUSPENDED if suspended else 0, "due": new_position,
                "ivl": 0, "factor": 0, "reps": card.reps, "lapses": card.lapses, "left": 0,
                "data": "{}"}
    data: dict[str, object] = {}
    if card.stability is not None and card.difficulty is not None:
        data = {"s": round(card.stability, 4), "d": round(card.difficulty, 4),
                "dr": desired_retention}
    if card.last_review is not None:
        data["lrt"] = int(card.last_review.timestamp())
    ivl = interval(card.last_review or card.due, card.due)
    if card.state == REVIEW:
        kind, queue, due = 2, 2, days.number(card.due)
    else:
        kind = 1 if card.state == LEARNING else 3
        queue, due = 1, int(card.due.timestamp())
    return {"type": kind, "queue": QUEUE_SUSPENDED if suspended else queue, "due": due,
            "ivl": max(ivl, 0), "factor": EASE, "reps": card.reps, "lapses": card.lapses,
            "left": 1 if card.state != REVIEW else 0, "data": json.dumps(data)}


def revlog_rows(card_id: int, card: CardRecord, reviews: Sequence[ExportReview],
                taken: set[int]) -> list[tuple[int, ...]]:
    """(id, cid, usn, ease, ivl, lastIvl, factor, time, type) per review. Ids are the review
    times in milliseconds, moved on by a millisecond when two reviews share one (`taken`
    holds the ids already used in the package)."""
    rows: list[tuple[int, ...]] = []
    last_ivl = 0
    for i, review in enumerate(reviews):
        due_after = reviews[i + 1].due_before if i + 1 < len(reviews) else card.due
        ivl = interval(review.at, due_after)
        stamp = int(review.at.timestamp() * 1000)
        while stamp in taken:
            stamp += 1
        taken.add(stamp)
        took = min(max(review.duration_ms or 0, 0), MAX_TIME_MS)
        rows.append((stamp, card_id, -1, review.rating, ivl, last_ivl, EASE, took,
                     _REVLOG_KIND.get(review.state_before, REVLOG_REVIEW)))
        last_ivl = ivl
    return rows
