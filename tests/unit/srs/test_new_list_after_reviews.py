"""The new cards' list is read only once the reviews run out: while reviews are shown, the
new count above the card is counted instead. Both must agree with what the queue then
hands out (the bank: questions 001-005 and one draft; the first two made due reviews, so
003, 004 and 005 are the new cards that may be studied, in that order). The new cards'
order across decks is checked here too, as the list's query puts decks in order by rank."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, update

from dlquiz.srs.service import StudyService
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.models import CardRow, DeckRow, NoteRow

from .conftest import START, Clock


def two_reviews_due(bank: Bank, clock: Clock) -> dict[str, int]:
    """Questions 001 and 002 become reviews due yesterday; the card id of every question."""
    with bank.sessions() as s:
        rows = s.execute(select(CardRow, NoteRow.number).join(
            NoteRow, NoteRow.id == CardRow.note_id).where(CardRow.followup_id.is_(None))).all()
        for row, number in rows:
            if number in ("001", "002"):
                row.state, row.step, row.stability, row.difficulty = 2, None, 5.0, 5.0
                row.last_review = clock.now - timedelta(days=10)
                row.due = clock.now - timedelta(days=1)
                row.reps = 1
        s.commit()
        return {number: row.id for row, number in rows if number is not None}


def test_the_count_during_reviews_is_the_list_after_them(
        make_bank: Callable[..., Bank], service_for: Callable[..., StudyService],
        clock: Clock) -> None:
    bank = make_bank(notes=5)
    ids = two_reviews_due(bank, clock)
    service = service_for(bank, new_per_day=5)
    seen: list[int] = []
    for _ in range(2):
        item = service.next_item()
        assert item is not None and item.card.queue == "review"
        assert (service.counts().new, service.counts().review) == (3, 2 - len(seen))
        service.rate(item.card.card_id, 3)
        seen.append(item.card.card_id)
    assert sorted(seen) == sorted([ids["001"], ids["002"]])
    fresh: list[int] = []
    while (item := service.next_item()) is not None and item.card.queue == "new":
        assert service.counts().new == 3 - len(fresh)
        service.rate(item.card.card_id, 4)  # easy: out of today's queue
        fresh.append(item.card.card_id)
    assert fresh == [ids["003"], ids["004"], ids["005"]]


def test_the_limit_and_a_new_card_rated_meanwhile_count_before_the_list_is_read(
        make_bank: Callable[..., Bank], service_for: Callable[..., StudyService],
        clock: Clock) -> None:
    bank = make_bank(notes=5)
    ids = two_reviews_due(bank, clock)
    capped = service_for(bank, new_per_day=2)
    item = capped.next_item()
    assert item is not None and item.card.queue == "review"
    assert capped.counts().new == 2  # three may be studied, two are left of today's limit
    service = service_for(bank, new_per_day=5)
    item = service.next_item()
    assert item is not None and item.card.queue == "review"
    assert service.counts().new == 3
    service.rate(service.item_by_id(ids["004"]).card.card_id, 4)  # chosen while browsing
    assert service.counts().new == 2
    for _ in range(2):
        item = service.next_item()
        assert item is not None and item.card.queue == "review"
        service.rate(item.card.card_id, 3)
    fresh: list[int] = []
    while (item := service.next_item()) is not None and item.card.queue == "new":
        service.rate(item.card.card_id, 4)
        fresh.append(item.card.card_id)
    assert fresh == [ids["003"], ids["005"]]


def test_new_cards_come_by_deck_then_question_number(
        tmp_path: Path, bank_url: str, service_for: Callable[..., StudyService]) -> None:
    """The user's decks by name, then the built-in ones (whatever their names); within a
    deck by question number as a number (2 before 10)."""
    bank = open_bank(bank_url)
    for name in ("zeta", "alpha", "0-builtin"):
        path = tmp_path / f"{name}.md"
        # titles differ: no deck asks another's question (a built-in twin would be left out)
        text = f"# 卷积\n\n## 10 {name} 十\n\n答案十。\n\n## 2 {name} 二\n\n答案二。\n"
        path.write_text(text, encoding="utf-8")
        import_paths(bank, [path], deck=name, now=START - timedelta(days=1))
    with bank.sessions() as s:
        s.execute(update(DeckRow).where(DeckRow.name == "0-builtin").values(builtin=True))
        s.commit()
    service = service_for(bank, new_per_day=20)
    shown: list[tuple[str, str | None]] = []
    while (item := service.next_item()) is not None and item.card.queue == "new":
        assert item.note is not None
        shown.append((item.note.deck, item.note.number))
        service.rate(item.card.card_id, 4)
    assert shown == [("alpha", "2"), ("alpha", "10"), ("zeta", "2"), ("zeta", "10"),
                     ("0-builtin", "2"), ("0-builtin", "10")]


def test_a_learning_card_left_out_gives_the_next_one(
        make_bank: Callable[..., Bank], service_for: Callable[..., StudyService],
        clock: Clock) -> None:
    bank = make_bank(notes=3)
    service = service_for(bank)
    first = service.next_item()
    assert first is not None
    service.rate(first.card.card_id, 1)  # again: learning, due in a minute
    clock.advance(seconds=30)
    second = service.next_item()
    assert second is not None and second.card.queue == "new"
    service.rate(second.card.card_id, 1)
    clock.advance(minutes=5)  # both due now, the first one sooner
    picks = [service.next_item(), service.next_item(frozenset({first.card.card_id}))]
    assert [(p.card.card_id, p.card.queue) for p in picks if p is not None] == [
        (first.card.card_id, "learning"), (second.card.card_id, "learning")]
