"""One question, one card: a user's note shadows the built-in note asking the same question
(title typos included, through the alias table); the history already on the built-in card
moves to the user's card, and back when the user's note is removed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank.check import check_url
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.decks.importing import import_files
from dlquiz.store.schema.models import CardRow, NoteRow, ReviewLogRow
from dlquiz.store.schema.records import QueueFilter

from .conftest import SHANGHAI, START, Clock

BUILTIN = "# 检测\n\n## 027 边框回归（Bounding-Box Regression）\n\n内置答案：学习偏移量。\n"
OWN = "## 1 边框回顾（Bounding-Box Regression）\n\n我的答案。\n\n## 2 只在我这里\n\n答。\n"


def bank_with(tmp_path: Path, url: str) -> Bank:
    bank = open_bank(url)
    builtin = tmp_path / "builtin.md"
    builtin.write_text(BUILTIN, encoding="utf-8")
    import_files(bank, [("builtin", [builtin])], builtin=True, now=START - timedelta(days=9))
    return bank


def service(bank: Bank, clock: Clock, **filters: object) -> StudyService:
    return StudyService(bank, clock=clock, zone=SHANGHAI,
                        settings=StudySettings(enable_fuzzing=False),
                        filters=QueueFilter(**filters))  # type: ignore[arg-type]


def studied_titles(service: StudyService, clock: Clock) -> list[str]:
    titles = []
    while (item := service.next_item()) is not None:
        assert item.note is not None
        titles.append(item.note.title)
        service.rate(item.card.card_id, 4)
        clock.advance(seconds=5)
    return titles


def test_users_note_is_studied_once_with_history_carried_over(tmp_path: Path,
                                                              bank_url: str) -> None:
    clock = Clock(START - timedelta(days=5))
    bank = bank_with(tmp_path, bank_url)
    first = service(bank, clock)
    item = first.next_item()
    assert item is not None and item.note is not None and item.note.deck == "builtin"
    builtin_card = item.card.card_id
    first.rate(builtin_card, 3)  # studied on the built-in card before importing own notes
    own = tmp_path / "mine.md"
    own.write_text(OWN, encoding="utf-8")
    import_files(bank, [("mine", [own])], now=START)
    clock.now = START + timedelta(days=30)
    titles = studied_titles(service(bank, clock), clock)
    assert titles == ["边框回顾（Bounding-Box Regression）", "只在我这里"]  # no built-in twin
    with bank.read() as s:
        logs = dict(s.execute(select(ReviewLogRow.card_id, func.count())
                              .group_by(ReviewLogRow.card_id)).all())
        builtin_row = s.get(CardRow, builtin_card)
        assert builtin_row is not None and (builtin_row.reps, builtin_row.state) == (0, 0)
    assert builtin_card not in logs and sum(logs.values()) == 3  # 1 moved + 2 new ratings
    assert check_url(bank.url, clock.now).findings == ()


def test_removing_the_users_note_brings_the_builtin_card_back(tmp_path: Path,
                                                              bank_url: str) -> None:
    clock = Clock(START)
    bank = bank_with(tmp_path, bank_url)
    own = tmp_path / "mine.md"
    own.write_text(OWN, encoding="utf-8")
    import_files(bank, [("mine", [own])], now=START)
    studied_titles(service(bank, clock, deck="mine"), clock)  # both rated once
    own.write_text("## 2 只在我这里\n\n答。\n", encoding="utf-8")
    import_files(bank, [("mine", [own])], now=clock.now)
    with bank.read() as s:
        builtin = s.scalars(select(CardRow).join(NoteRow, NoteRow.id == CardRow.note_id)
                            .where(NoteRow.number == "027")).one()
        assert builtin.reps == 1  # the rating made on the user's card came back with it
    clock.advance(days=30)
    titles = studied_titles(service(bank, clock), clock)
    assert "边框回归（Bounding-Box Regression）" in titles


def test_a_draft_with_a_builtin_answer_is_studied(tmp_path: Path, bank_url: str) -> None:
    clock = Clock(START)
    bank = bank_with(tmp_path, bank_url)
    own = tmp_path / "mine.md"
    own.write_text("## 1 边框回顾（Bounding-Box Regression）\n\n- [ ] TODO\n", encoding="utf-8")
    import_files(bank, [("mine", [own])], now=START)
    item = service(bank, clock).next_item()
    assert item is not None and item.note is not None and item.note.deck == "mine"
    assert item.note.status == "draft" and item.twin is not None
    assert "内置答案" in item.twin.answer
