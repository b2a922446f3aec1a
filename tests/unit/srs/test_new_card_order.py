"""The order new cards come in when follow-ups are among them, on both backends: by deck,
then question number as a number with unnumbered questions last, a question before its
follow-ups and those in the note's order. PostgreSQL states the NULL ordering in its sort
keys and SQLite in extra ones; the picks must be the same card for card.

The bank: deck "a" asks 10, 2 (two follow-ups), 3, an unnumbered question (one follow-up)
and 1 (one follow-up); deck "b" asks 5, titled as a's 2, with two follow-ups. a's 2 and its
unnumbered question were reviewed ten days ago, so their follow-ups may be studied, and so
may b's (their question was reviewed, in deck a); 1's follow-up waits for 1."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from dlquiz.srs.service import StudyService
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.models import CardRow, DeckRow, NoteRow

from .conftest import START

DECK_A = """# 卷积

## 10 问题十

答案十。

## 2 问题二

答案二。

**追问**
- 问：二的第一个追问？ 答：一。
- 问：二的第二个追问？ 答：二。

## 3 问题三

答案三。

## 没有编号的问题

答案。

**追问**
- 问：无号的追问？ 答：答。

## 1 问题一

答案一。

**追问**
- 问：一的追问？ 答：要等问题一。
"""

DECK_B = """# 卷积

## 5 问题二

另一份答案。

**追问**
- 问：b 的第一个追问？ 答：一。
- 问：b 的第二个追问？ 答：二。
"""


def bank_with_followups(folder: Path, url: str) -> Bank:
    bank = open_bank(url)
    for name, text in (("b", DECK_B), ("a", DECK_A)):  # imported out of name order
        path = folder / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        import_paths(bank, [path], deck=name, now=START - timedelta(days=20))
    with bank.sessions() as s:
        reviewed = s.scalars(select(CardRow).join(NoteRow, NoteRow.id == CardRow.note_id)
                             .join(DeckRow, DeckRow.id == NoteRow.deck_id)
                             .where(DeckRow.name == "a", CardRow.followup_id.is_(None),
                                    NoteRow.title.in_(("问题二", "没有编号的问题")))).all()
        assert len(reviewed) == 2
        for card in reviewed:
            card.state, card.step, card.stability, card.difficulty = 2, None, 30.0, 5.0
            card.reps, card.last_review = 1, START - timedelta(days=10)
            card.due = START + timedelta(days=20)  # not due today: no review comes first
        s.commit()
    return bank


def test_new_cards_with_followups_come_in_question_order(
        tmp_path: Path, bank_url: str, service_for: Callable[..., StudyService]) -> None:
    bank = bank_with_followups(tmp_path, bank_url)
    service = service_for(bank, new_per_day=50)
    shown: list[tuple[str, str | None, str | None]] = []
    while (item := service.next_item()) is not None and item.card.queue == "new":
        assert item.note is not None and item.twin is None
        assert (item.card.type == "followup") == (item.followup is not None)
        if item.followup is not None:
            assert item.followup.note_id == item.note.id  # shown under its own question
        shown.append((item.note.deck, item.note.number,
                      item.followup.question if item.followup else None))
        service.rate(item.card.card_id, 4)  # easy: out of today's queue
    assert shown == [
        ("a", "1", None),
        ("a", "2", "二的第一个追问？"), ("a", "2", "二的第二个追问？"),
        ("a", "3", None), ("a", "10", None),
        ("a", None, "无号的追问？"),
        ("b", "5", None), ("b", "5", "b 的第一个追问？"), ("b", "5", "b 的第二个追问？"),
    ]


def test_a_chosen_followup_shows_its_question_and_no_twin(
        tmp_path: Path, bank_url: str, service_for: Callable[..., StudyService]) -> None:
    """A card picked by id (browsing) reads the same content as one the queue hands out."""
    bank = bank_with_followups(tmp_path, bank_url)
    service = service_for(bank, new_per_day=50)
    first = service.next_item()
    assert first is not None and first.followup is None  # question 1
    service.rate(first.card.card_id, 4)
    item = service.next_item()
    assert item is not None and item.followup is not None  # 2's first follow-up
    chosen = service.item_by_id(item.card.card_id)
    assert (chosen.note, chosen.followup, chosen.twin) == (item.note, item.followup, None)
