"""Scheduling through the bank with a frozen clock and fuzz off.

Expected intervals come from FSRS's published formulas (initial stability w0..w3, interval
I = S/F·(R^(1/D) − 1) with F = 0.9^(1/D) − 1) and from the learning steps, not from our code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fsrs.scheduler import DEFAULT_PARAMETERS
from sqlalchemy import select

from dlquiz.srs.service import StudyService
from dlquiz.store.bank.database import Bank
from dlquiz.store.schema.models import CardRow

from .conftest import Clock

W = DEFAULT_PARAMETERS


def fsrs_interval_days(stability: float, retention: float) -> int:
    decay = -W[20]
    # float ** float is typed Any (a negative base gives a complex); these bases are positive.
    factor: float = 0.9 ** (1 / decay) - 1
    growth: float = retention ** (1 / decay) - 1
    return max(1, round(stability / factor * growth))


def first_note_card(service: StudyService) -> int:
    item = service.next_item()
    assert item is not None and item.card.type == "note"
    return item.card.card_id


def test_learning_steps_then_graduation(make_bank: Callable[..., Bank],
                                        service_for: Callable[..., StudyService],
                                        clock: Clock) -> None:
    service = service_for(make_bank())
    card = first_note_card(service)
    result, _ = service.rate(card, 1)  # Again: back to the first step
    assert result.interval == timedelta(minutes=1)
    clock.advance(minutes=1)
    result, _ = service.rate(card, 3)  # Good: to the second step
    assert result.interval == timedelta(minutes=10)
    clock.advance(minutes=10)
    result, _ = service.rate(card, 3)  # Good past the last step: graduates to review
    assert result.state == 2
    assert result.interval >= timedelta(days=1)


def test_easy_on_new_card_uses_initial_stability(make_bank: Callable[..., Bank],
                                                 service_for: Callable[..., StudyService]
                                                 ) -> None:
    for retention in (0.9, 0.8):
        bank = make_bank()
        service = service_for(bank, desired_retention=retention)
        card = first_note_card(service)
        result, _ = service.rate(card, 4)
        assert result.interval == timedelta(days=fsrs_interval_days(W[3], retention))
        bank.engine.dispose()


def test_previews_match_what_rating_does(make_bank: Callable[..., Bank],
                                         service_for: Callable[..., StudyService]) -> None:
    service = service_for(make_bank())
    card = first_note_card(service)
    previews = service.previews(card)
    assert previews[1] == timedelta(minutes=1) and previews[3] == timedelta(minutes=10)
    result, _ = service.rate(card, 4)
    assert result.interval == previews[4]


def test_daily_new_limit_and_next_day(make_bank: Callable[..., Bank],
                                      service_for: Callable[..., StudyService],
                                      clock: Clock) -> None:
    service = service_for(make_bank(notes=8), new_per_day=3)
    assert service.counts().new == 3
    for _ in range(3):
        service.rate(first_note_card(service), 4)
    assert service.counts().new == 0
    assert service.next_item() is None
    clock.advance(hours=19, minutes=1)  # 20:01 UTC = 04:01 next day in Shanghai
    assert service.counts().new == 3
    assert service.next_item() is not None


def test_drafts_not_studied_unless_asked(make_bank: Callable[..., Bank],
                                         service_for: Callable[..., StudyService]) -> None:
    from dlquiz.store.schema.records import QueueFilter

    bank = make_bank(notes=1)
    service = service_for(bank)
    assert service.counts().new == 1
    with_drafts = StudyService(bank, clock=service.clock, zone=service.zone,
                               settings=service.settings,
                               filters=QueueFilter(include_drafts=True))
    assert with_drafts.counts().new == 2


def test_leech_after_eight_lapses(make_bank: Callable[..., Bank],
                                  service_for: Callable[..., StudyService],
                                  clock: Clock) -> None:
    bank = make_bank(notes=1)
    service = service_for(bank)
    card = first_note_card(service)
    service.rate(card, 4)  # straight to review
    for lapse in range(1, 9):
        with bank.sessions() as s:
            due = s.scalar(select(CardRow.due).where(CardRow.id == card))
        assert due is not None
        clock.now = due + timedelta(minutes=1)
        result, _ = service.rate(card, 1)  # lapse
        assert result.leech == (lapse == 8)
        if lapse < 8:  # relearn back to review
            clock.advance(minutes=10)
            service.rate(card, 3)
    with bank.sessions() as s:
        row = s.get(CardRow, card)
        assert row is not None and row.lapses == 8 and row.leech and row.suspended
    assert service.next_item() is None


def test_undo_restores_exact_state_several_levels(make_bank: Callable[..., Bank],
                                                  service_for: Callable[..., StudyService],
                                                  clock: Clock) -> None:
    bank = make_bank(notes=2)
    service = service_for(bank)

    def columns(card_id: int) -> tuple[object, ...]:
        with bank.sessions() as s:
            row = s.get(CardRow, card_id)
            assert row is not None
            return (row.state, row.step, row.stability, row.difficulty, row.due,
                    row.last_review, row.reps, row.lapses, row.suspended, row.leech)

    card = first_note_card(service)
    history = [columns(card)]
    for rating in (3, 3, 1):
        service.rate(card, rating)
        clock.advance(minutes=15)
        history.append(columns(card))
    assert len(set(history)) == 4
    for expected in reversed(history[:-1]):
        undone = service.undo()
        assert undone is not None and undone.card_ids == (card,)
        assert columns(card) == expected
    undone = service.undo()  # then the import that made the card: it is gone
    assert undone is not None and undone.kind == "import"
    with bank.sessions() as s:
        assert s.get(CardRow, card) is None
    assert service.undo() is None


def test_suspend_bury_unsuspend(make_bank: Callable[..., Bank],
                                service_for: Callable[..., StudyService],
                                clock: Clock) -> None:
    service = service_for(make_bank(notes=2))
    first = first_note_card(service)
    service.suspend(first)
    second = first_note_card(service)
    assert second != first
    until = service.bury(second)
    assert service.next_item() is None
    clock.now = until
    assert first_note_card(service) == second
    service.unsuspend(first)
    assert first_note_card(service) == first


def test_learning_before_review_before_new(make_bank: Callable[..., Bank],
                                           service_for: Callable[..., StudyService],
                                           clock: Clock) -> None:
    bank = make_bank(notes=4)
    service = service_for(bank)
    a = first_note_card(service)
    service.rate(a, 4)  # review in days
    b = first_note_card(service)
    service.rate(b, 1)  # learning, due in 1 minute
    clock.now = clock.now + timedelta(days=30)
    item = service.next_item()
    assert item is not None and (item.card.card_id, item.card.queue) == (b, "learning")
    service.rate(b, 4)
    item = service.next_item()
    assert item is not None and item.card.queue == "review"


def test_reviews_ordered_by_lowest_retrievability(make_bank: Callable[..., Bank],
                                                  service_for: Callable[..., StudyService],
                                                  clock: Clock) -> None:
    bank = make_bank(notes=2)
    service = service_for(bank)
    with bank.sessions() as s:
        rows = s.scalars(select(CardRow).where(CardRow.note_id.is_not(None))
                         .order_by(CardRow.id)).all()
        weak, strong = rows[0], rows[1]
        for row, stability in ((weak, 2.0), (strong, 50.0)):
            row.state, row.step, row.stability, row.difficulty = 2, None, stability, 5.0
            row.last_review = clock.now - timedelta(days=10)
            row.due = clock.now - timedelta(days=1)
        s.commit()
        weak_id, strong_id = weak.id, strong.id
    item = service.next_item()
    assert item is not None and item.card.card_id == weak_id
    service.rate(weak_id, 3)
    item = service.next_item()
    assert item is not None and item.card.card_id == strong_id


def test_skill_cards_of_vanished_kinds_are_parked(make_bank: Callable[..., Bank]) -> None:
    from dlquiz.store.cards.skills import ensure_skill_cards

    from .conftest import START

    bank = make_bank(notes=1, skills=("box-iou", "old-kind"))
    assert ensure_skill_cards(bank, ["box-iou", "conv-params"], START) == 1
    with bank.sessions() as s:
        parked = {row.skill_kind: row.suspended
                  for row in s.scalars(select(CardRow).where(CardRow.skill_kind.is_not(None)))}
    assert parked == {"box-iou": False, "old-kind": True, "conv-params": False}
