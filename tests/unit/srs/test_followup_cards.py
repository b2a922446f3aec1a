"""Follow-ups as cards: each `**追问**` item gets a card of its own, shown with its parent's
title; it enters the queue only once its parent was reviewed on an earlier day, rests while
the parent is suspended, and is retired with it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank.database import open_bank
from dlquiz.store.cards.repository import followups_of
from dlquiz.store.decks.importing import import_paths

from .conftest import SHANGHAI, START, Clock

NOTES = ("## 001 卷积是什么？\n\n滑动窗口内的加权求和。\n\n**追问**\n"
         "- 问：卷积核翻转吗？ 答：深度学习里的卷积是互相关，不翻转。\n"
         "- 问：padding 的作用？ 答：控制输出尺寸，保留边缘。\n")


def test_followups_wait_for_their_parent_then_come_one_by_one(tmp_path: Path,
                                                             bank_url: str) -> None:
    bank = open_bank(bank_url)
    path = tmp_path / "deck.md"
    path.write_text(NOTES, encoding="utf-8")
    import_paths(bank, [path], now=START)
    clock = Clock(START)
    service = StudyService(bank, clock=clock, zone=SHANGHAI,
                           settings=StudySettings(enable_fuzzing=False))
    first = service.next_item()
    assert first is not None and first.card.type == "note" and first.followup is None
    service.rate(first.card.card_id, 4)  # Easy: a review card due in days
    assert service.next_item() is None  # the follow-ups rest today: the answer was just seen
    clock.advance(days=1)
    service = StudyService(bank, clock=clock, zone=SHANGHAI,
                           settings=StudySettings(enable_fuzzing=False))
    second = service.next_item()
    assert second is not None and second.card.type == "followup"
    assert second.note is not None and second.note.title == "卷积是什么？"  # the context
    assert second.followup is not None and second.followup.question == "卷积核翻转吗？"
    assert "互相关" in second.followup.answer
    service.suspend(first.card.card_id)
    assert service.next_item() is None  # resting with the suspended parent
    service.unsuspend(first.card.card_id)
    assert service.next_item() is not None
    path.write_text("## 002 另一个问题\n\n答。\n", encoding="utf-8")
    import_paths(bank, [path], now=clock.now)
    assert followups_of(bank, first.note.id if first.note else 0) == []  # retired with it
    service.day_queue.invalidate()
    item = service.next_item()
    assert item is not None and item.note is not None and item.note.title == "另一个问题"


def test_editing_a_followup_keeps_its_card(tmp_path: Path, bank_url: str) -> None:
    bank = open_bank(bank_url)
    path = tmp_path / "deck.md"
    path.write_text(NOTES, encoding="utf-8")
    import_paths(bank, [path], now=START)
    note_id = 1
    before = followups_of(bank, note_id)
    path.write_text(NOTES.replace("保留边缘", "保留边缘信息"), encoding="utf-8")
    import_paths(bank, [path], now=START + timedelta(hours=1))
    after = followups_of(bank, note_id)
    assert [card for card, _ in after] == [card for card, _ in before]
    assert after[1][1].answer.endswith("保留边缘信息。")
