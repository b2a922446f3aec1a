"""Recompute a card's FSRS state from a review history by rating it again, review by
review, exactly as dlquiz rates (srs.scheduler.after_rating), with fuzz off so the result
is a function of the history alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dlquiz.srs.scheduler import after_rating
from dlquiz.srs.settings import StudySettings
from dlquiz.store.card_records import CardRecord
from dlquiz.store.interop_write import IncomingReview, Replay


def replayer(settings: StudySettings) -> Replay:
    """The replay function the store applies to each card that has new reviews."""
    calm = replace(settings, enable_fuzzing=False)

    def replay(card: CardRecord,
               reviews: Sequence[IncomingReview]) -> list[tuple[CardRecord, CardRecord]]:
        steps = []
        current = card
        for review in reviews:
            after = after_rating(calm, current, review.rating, review.at)
            steps.append((current, after))
            current = after
        return steps

    return replay
