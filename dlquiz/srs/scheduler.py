"""The bridge to the `fsrs` package: card rows <-> fsrs.Card, and the Scheduler from settings.

State 0 ("new", never reviewed) is ours; fsrs starts a card in Learning, which is what a
new card becomes at its first rating.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache

from fsrs import Card, Rating, Scheduler, State

from dlquiz.srs.settings import StudySettings

NEW = 0


@dataclass(frozen=True)
class CardState:
    """The scheduling columns of a card, as stored (and as restored by undo)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


@lru_cache(maxsize=8)
def make_scheduler(settings: StudySettings) -> Scheduler:
    return Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=tuple(timedelta(minutes=m) for m in settings.learning_steps),
        relearning_steps=tuple(timedelta(minutes=m) for m in settings.relearning_steps),
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=settings.enable_fuzzing,
    )


def to_fsrs(card_id: int, state: CardState) -> Card:
    if state.state == NEW:
        return Card(card_id=card_id, state=State.Learning, step=0, due=state.due)
    return Card(card_id=card_id, state=State(state.state), step=state.step,
                stability=state.stability, difficulty=state.difficulty, due=state.due,
                last_review=state.last_review)


def from_fsrs(card: Card) -> CardState:
    return CardState(state=int(card.state), step=card.step, stability=card.stability,
                     difficulty=card.difficulty, due=card.due, last_review=card.last_review)


def review(settings: StudySettings, card_id: int, state: CardState, rating: int,
           now: datetime) -> CardState:
    """The card's state after `rating` at `now` (pure: nothing is written)."""
    updated, _log = make_scheduler(settings).review_card(to_fsrs(card_id, state), Rating(rating),
                                                         review_datetime=now)
    return from_fsrs(updated)


def preview(settings: StudySettings, card_id: int, state: CardState,
            now: datetime) -> dict[int, timedelta]:
    """Interval each rating would give, without fuzz (what the rating buttons show)."""
    calm = make_scheduler(replace(settings, enable_fuzzing=False))
    card = to_fsrs(card_id, state)
    return {rating: calm.review_card(card, Rating(rating), review_datetime=now)[0].due - now
            for rating in (1, 2, 3, 4)}


def retrievability(settings: StudySettings, card_id: int, state: CardState,
                   now: datetime) -> float:
    if state.state == NEW:
        return 0.0
    return float(make_scheduler(settings).get_card_retrievability(to_fsrs(card_id, state), now))
