"""The bridge to the `fsrs` package: CardRecords <-> fsrs.Card, the Scheduler from settings,
and what a rating does to a card (pure: the store writes the result).

State 0 ("new", never reviewed) is ours; fsrs starts a card in Learning, which is what a
new card becomes at its first rating.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache

from fsrs import Card, Rating, Scheduler, State

from dlquiz.srs.settings import StudySettings
from dlquiz.store.cards import CardRecord, PlanCard
from dlquiz.store.schema import AGAIN, NEW, RATINGS, REVIEW


@lru_cache(maxsize=8)
def make_scheduler(settings: StudySettings) -> Scheduler:
    return Scheduler(
        parameters=settings.parameters or Scheduler().parameters,
        desired_retention=settings.desired_retention,
        learning_steps=tuple(timedelta(minutes=m) for m in settings.learning_steps),
        relearning_steps=tuple(timedelta(minutes=m) for m in settings.relearning_steps),
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=settings.enable_fuzzing,
    )


def to_fsrs(card: CardRecord | PlanCard) -> Card:
    if card.state == NEW:
        return Card(card_id=card.id, state=State.Learning, step=0, due=card.due)
    return Card(card_id=card.id, state=State(card.state), step=card.step,
                stability=card.stability, difficulty=card.difficulty, due=card.due,
                last_review=card.last_review)


def _scheduled(card: CardRecord, updated: Card) -> CardRecord:
    return replace(card, state=int(updated.state), step=updated.step,
                   stability=updated.stability, difficulty=updated.difficulty,
                   due=updated.due, last_review=updated.last_review)


def is_new_leech(lapses: int, threshold: int) -> bool:
    """Anki's rule: a card becomes a leech when its lapses reach the threshold, and is
    flagged again every half threshold after that (so an unsuspended leech gets a fresh
    allowance instead of being caught by its very next rating)."""
    if lapses < threshold:
        return False
    step = max(1, (threshold + 1) // 2)
    return (lapses - threshold) % step == 0


def after_rating(settings: StudySettings, card: CardRecord, rating: int,
                 now: datetime) -> CardRecord:
    """The card after `rating` at `now`: FSRS's new schedule, reps and lapses counted, a
    leech flagged (and suspended) when a lapse reaches the threshold."""
    updated, _log = make_scheduler(settings).review_card(to_fsrs(card), Rating(rating),
                                                         review_datetime=now)
    lapsed = card.state == REVIEW and rating == AGAIN
    lapses = card.lapses + int(lapsed)
    leech = lapsed and is_new_leech(lapses, settings.leech_lapses)
    return replace(_scheduled(card, updated), reps=card.reps + 1, lapses=lapses,
                   leech=card.leech or leech, suspended=card.suspended or leech,
                   pending_question=None, buried_until=None)


def recall_probability(settings: StudySettings, card: CardRecord,
                       now: datetime) -> float | None:
    """FSRS's predicted probability that `card` is recalled at `now` (None before its first
    rating): what the statistics later hold against the rating actually given."""
    if card.state == NEW or card.stability is None or card.last_review is None:
        return None
    return float(make_scheduler(settings).get_card_retrievability(to_fsrs(card), now))


def preview(settings: StudySettings, card: CardRecord, now: datetime) -> dict[int, timedelta]:
    """Interval each rating would give, without fuzz (what the rating buttons show)."""
    calm = make_scheduler(replace(settings, enable_fuzzing=False))
    fsrs_card = to_fsrs(card)
    return {rating: calm.review_card(fsrs_card, Rating(rating), review_datetime=now)[0].due - now
            for rating in RATINGS}


def retrievability(settings: StudySettings, card: CardRecord, now: datetime) -> float | None:
    """FSRS's probability of recalling the card now (None for a card never reviewed)."""
    if card.state == NEW or card.last_review is None or card.stability is None:
        return None
    return float(make_scheduler(settings).get_card_retrievability(to_fsrs(card), now))
