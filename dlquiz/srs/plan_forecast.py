"""What the plan predicts for the interview day: for each card, FSRS's probability of
recalling it on the day given the reviews the plan schedules before it (recalled or not at
each), the cards the new-card rate cannot reach in time (never seen: not recalled), and
the means per topic, deck and question kind."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from dlquiz.srs.deadline import Deadline, NewCardRate, capped_due, in_last_week, new_card_rate
from dlquiz.store.cards import PlanCard
from dlquiz.store.schema import NEW

PLANNED_STEPS = 8  # reviews followed before the day; later ones add nothing measurable


def fsrs_card(card: PlanCard) -> Card:
    """The card as fsrs schedules it (the scheduler's own conversion)."""
    from dlquiz.srs.scheduler import to_fsrs

    return to_fsrs(card)


def forgetting_curve(scheduler: Scheduler, card: Card) -> Callable[[float], float]:
    """FSRS's retrievability `days` after the card's last review (what rule 1 weighs)."""
    start = card.last_review

    def recall_after(days: float) -> float:
        assert start is not None
        return float(scheduler.get_card_retrievability(card, start + timedelta(days=days)))

    return recall_after


def planned_due(scheduler: Scheduler, card: Card, at: datetime, deadline: Deadline) -> datetime:
    """When the plan has the card next, after a review at `at` that left it as `card`."""
    if card.state != State.Review or card.last_review is None:
        return card.due
    return capped_due(card.due, at, deadline, forgetting_curve(scheduler, card))


def recall_on_day(scheduler: Scheduler, card: Card, due: datetime, deadline: Deadline,
                  steps: int = PLANNED_STEPS) -> float:
    """The expected recall on the day of a card next due at `due`: if the plan reviews it
    before the day, recalled (Good) with FSRS's probability then and forgotten (Again)
    otherwise, each branch followed on."""
    if due >= deadline.starts or steps == 0:
        if card.last_review is None:
            return 0.0
        return float(scheduler.get_card_retrievability(card, deadline.starts))
    at = max(due, card.last_review or due)
    recalled = float(scheduler.get_card_retrievability(card, at)) if card.last_review else 1.0
    good, _ = scheduler.review_card(card, Rating.Good, review_datetime=at)
    kept = recall_on_day(scheduler, good, planned_due(scheduler, good, at, deadline), deadline,
                         steps - 1)
    if recalled >= 0.999:
        return kept
    again, _ = scheduler.review_card(card, Rating.Again, review_datetime=at)
    lost = recall_on_day(scheduler, again, planned_due(scheduler, again, at, deadline),
                         deadline, min(steps - 1, 2))
    return recalled * kept + (1 - recalled) * lost


@dataclass(frozen=True)
class Group:
    name: str
    cards: int
    recall: float  # mean predicted recall on the day
    unseen: int


@dataclass(frozen=True)
class Forecast:
    deadline: Deadline
    days_left: int
    cards: int
    recall: float
    rate: NewCardRate
    by_topic: tuple[Group, ...]
    by_deck: tuple[Group, ...]
    by_skill: tuple[Group, ...]


def _groups(rows: Iterable[tuple[str | None, float, bool]]) -> tuple[Group, ...]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    for name, recall, unseen in rows:
        if name is None:
            continue
        entry = sums[name]
        entry[0] += 1
        entry[1] += recall
        entry[2] += int(unseen)
    groups = [Group(n, int(v[0]), v[1] / v[0], int(v[2])) for n, v in sums.items()]
    return tuple(sorted(groups, key=lambda g: (g.recall, g.name)))


def forecast(cards: Sequence[PlanCard], now: datetime, deadline: Deadline,
             scheduler: Scheduler, usual_new: int, order: Sequence[int] = ()) -> Forecast:
    """Every card's expected recall on the day: studied cards from their next due (as the
    plan moves it), new cards from the day the plan's rate introduces them (in the queue's
    `order`), so a card the rate cannot reach in time (counted 0: never seen) is one the
    queue would have introduced last."""
    rank = {card_id: n for n, card_id in enumerate(order)}
    unseen = sorted((c for c in cards if c.state == NEW),
                    key=lambda c: (rank.get(c.id, len(rank)), c.id))
    rate = new_card_rate(len(unseen), now, deadline, usual_new)
    recalls: dict[int, float] = {}
    for card in cards:
        if card.state != NEW:
            fc = fsrs_card(card)
            due = card.due if in_last_week(now, deadline) or card.last_review is None else \
                planned_due(scheduler, fc, card.last_review, deadline)
            recalls[card.id] = recall_on_day(scheduler, fc, max(due, now), deadline)
    for n, card in enumerate(unseen):
        if n >= rate.covered:
            recalls[card.id] = 0.0
            continue
        day = now + timedelta(days=n // max(rate.per_day, 1))
        recalls[card.id] = recall_on_day(scheduler, fsrs_card(card), day, deadline)
    reached = {c.id for c in unseen[:rate.covered]}
    missed = {c.id for c in unseen} - reached
    rows = [(c, recalls[c.id], c.id in missed) for c in cards]
    mean = sum(recalls.values()) / len(recalls) if recalls else 0.0
    return Forecast(deadline, deadline.days_left(now), len(cards), mean, rate,
                    _groups((c.topic, r, m) for c, r, m in rows),
                    _groups((c.deck, r, m) for c, r, m in rows),
                    _groups((c.skill_kind, r, m) for c, r, m in rows))


def gain_on_day(scheduler: Scheduler, card: Card, now: datetime, deadline: Deadline) -> float:
    """What a review now adds to the recall FSRS predicts on the day, recalled (Good) with
    FSRS's probability now and forgotten (Again) otherwise: rule 3 takes the largest first
    in the last week."""
    recall = float(scheduler.get_card_retrievability(card, now))
    after = {r: float(scheduler.get_card_retrievability(
        scheduler.review_card(card, r, review_datetime=now)[0], deadline.starts))
        for r in (Rating.Good, Rating.Again)}
    kept = recall * after[Rating.Good] + (1 - recall) * after[Rating.Again]
    return kept - float(scheduler.get_card_retrievability(card, deadline.starts))


def _group_dict(g: Group) -> dict[str, Any]:
    return {"name": g.name, "cards": g.cards, "recall": round(g.recall, 4), "unseen": g.unseen}


def to_dict(f: Forecast) -> dict[str, Any]:
    """The forecast as JSON-ready data (`dlquiz plan --json`)."""
    return {"interview_starts": f.deadline.starts.isoformat(),
            "minutes_per_day": f.deadline.minutes_per_day, "days_left": f.days_left,
            "cards": f.cards, "expected_recall": round(f.recall, 4),
            "new_per_day": f.rate.per_day, "unseen_met": f.rate.covered,
            "never_seen": f.rate.uncovered,
            "by_topic": [_group_dict(g) for g in f.by_topic],
            "by_deck": [_group_dict(g) for g in f.by_deck],
            "by_skill": [_group_dict(g) for g in f.by_skill]}
