"""A bank like the user's for the statistics tests: a built-in deck, the user's deck with a
draft and a partial note twinned with built-in notes, an answered note with a follow-up, a
draft nothing answers, a retired note, a built-in follow-up and two skill cards; every card
put in a known state and today's ratings written straight into the review log.

Cards (13 rows), and what the statistics make of each (time zone UTC, rollover 04:00, NOW
is 2026-11-03 14:00, so study day 0 began at 04:00 today):

  letter  card                              state                            category
  D       mine 1, draft, twin of built-in 1 review, 6 d, rated Good today    young
  P       mine 2, partial, twin of b-in 2   relearning, Again today          relearning
  A       mine 3, answered                  review, 30 d                     mature
  AF      mine 3's follow-up                review, 4 d, buried to tomorrow  buried
  X       mine 4, draft, no built-in answer new                              new
  R       mine 5, retired (question changed) review, 10 d, rated 3 days ago  excluded: retired
  N       mine 5 with its new question      learning, Again today            learning
  B1, B2  built-in 1 and 2                  new (studied through D and P)    excluded: shadowed
  BF      built-in 1's follow-up            review, 8 d, suspended           suspended
  B3      built-in 3                        new                              new
  S1      skill conv-output-shape           review, 2 d, leech and suspended leech
  S2      skill box-iou                     review, 3 d, rated Good today    young
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.cards.skills import ensure_skill_cards
from dlquiz.store.decks.importing import import_files
from dlquiz.store.schema.models import CardRow, DeckRow, FollowUpRow, NoteRow, ReviewLogRow

NOW = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)
H = timedelta(hours=1)
D = timedelta(days=1)
M = timedelta(minutes=1)

BUILTIN = """## 001 池化层有参数吗？

内置：池化层没有可学习参数。

**追问**

- 问：最大池化的梯度怎么传？ 答：只传给窗口里最大值的位置。

## 002 卷积输出尺寸怎么算？

内置：(H + 2p - k) / s 向下取整再加 1。

## 003 什么是 Dropout？

内置：训练时以概率 p 随机置零。
"""
MINE = """## 1 池化层有参数吗？

- [ ] TODO

## 2 卷积输出尺寸怎么算？

我记得和步长有关。

- [ ] TODO

## 3 什么是 BatchNorm？

按 batch 的均值和方差归一化。

**追问**

- 问：推理时用什么统计量？ 答：训练时累计的滑动平均。

## 4 什么是感受野？

- [ ] TODO

## 5 {last}

答案。
"""


@dataclass(frozen=True)
class Put:
    state: int
    stability: float | None = None
    difficulty: float | None = None
    last_review: datetime | None = None
    due: datetime | None = None
    suspended: bool = False
    leech: bool = False
    buried_until: datetime | None = None


CARDS = {
    "D": Put(2, 6.0, 5.0, NOW - 2 * H, NOW - 2 * H + 6 * D),
    "P": Put(3, 1.5, 7.0, NOW - 3 * H, NOW - 3 * H + 10 * M),
    "A": Put(2, 45.0, 3.0, NOW - 10 * D, NOW + 20 * D),
    "AF": Put(2, 4.0, 5.0, NOW - D, NOW + 3 * D, buried_until=NOW.replace(hour=4) + D),
    "X": Put(0),
    "R": Put(2, 10.0, 5.0, NOW - 3 * D, NOW + 7 * D),
    "N": Put(1, 0.4, 6.5, NOW - 30 * M, NOW - 20 * M),
    "B1": Put(0), "B2": Put(0), "B3": Put(0),
    "BF": Put(2, 8.0, 5.0, NOW - 5 * D, NOW + 3 * D, suspended=True),
    "S1": Put(2, 2.0, 9.0, NOW - D, NOW + D, suspended=True, leech=True),
    "S2": Put(2, 3.0, 4.0, NOW - H, NOW - H + 3 * D),
}
# (card, when, rating, state before, duration ms): today's four and the retired card's
RATINGS = [
    ("R", NOW - 3 * D, 3, 2, 6000),
    ("P", NOW - 3 * H, 1, 2, 9000),
    ("D", NOW - 2 * H, 3, 2, 7000),
    ("S2", NOW - H, 3, 2, 20000),
    ("N", NOW - 30 * M, 1, 0, 4000),
]
EXCLUDED = {"retired": {"R"}, "shadowed": {"B1", "B2"}}


def build(folder: Path, url: str | None = None) -> tuple[Bank, dict[str, int]]:
    """The bank (at `url`, or a SQLite file in `folder`) and the card id of each letter."""
    bank = open_bank(url or f"sqlite:///{folder / 'drafts.db'}", now=NOW)
    builtin, mine = folder / "builtin.md", folder / "mine.md"
    builtin.write_text(BUILTIN, encoding="utf-8")
    mine.write_text(MINE.format(last="旧的问题"), encoding="utf-8")
    import_files(bank, [("builtin", [builtin])], builtin=True, now=NOW - 30 * D)
    import_files(bank, [("mine", [mine])], now=NOW - 30 * D)
    mine.write_text(MINE.format(last="新的问题"), encoding="utf-8")  # retires note 5
    import_files(bank, [("mine", [mine])], now=NOW - 20 * D)
    ensure_skill_cards(bank, ("conv-output-shape", "box-iou"), NOW - 30 * D)
    with bank.write() as session:
        ids = _letters(session)
        for letter, card_id in ids.items():
            put, row = CARDS[letter], session.get(CardRow, card_id)
            assert row is not None
            row.state, row.stability, row.difficulty = put.state, put.stability, put.difficulty
            row.last_review, row.due = put.last_review, put.due or row.due
            row.suspended, row.leech, row.buried_until = put.suspended, put.leech, \
                put.buried_until
            row.reps = sum(1 for r in RATINGS if r[0] == letter)
            row.lapses = sum(1 for r in RATINGS if r[0] == letter and r[2] == 1 and r[3] == 2)
        for letter, at, rating, before, ms in RATINGS:
            session.add(ReviewLogRow(card_id=ids[letter], rating=rating, reviewed_at=at,
                                     duration_ms=ms, before_json="{}", state_before=before,
                                     last_interval=None if before == 0 else 5.0,
                                     elapsed=None if before == 0 else 5.0))
    return bank, ids


def _letters(session: Session) -> dict[str, int]:
    """Each letter's card, found by what it is (deck, number, follow-up, kind)."""
    rows = session.execute(
        select(CardRow.id, DeckRow.name, NoteRow.number, NoteRow.retired_at,
               CardRow.followup_id, CardRow.skill_kind)
        .outerjoin(NoteRow, NoteRow.id == CardRow.note_id)
        .outerjoin(DeckRow, DeckRow.id == NoteRow.deck_id)
        .outerjoin(FollowUpRow, FollowUpRow.id == CardRow.followup_id)).all()
    names: dict[tuple[str, str | None, bool], str] = {
        ("mine", "1", False): "D", ("mine", "2", False): "P", ("mine", "3", False): "A",
        ("mine", "3", True): "AF", ("mine", "4", False): "X", ("mine", "5", False): "N",
        ("builtin", "001", False): "B1", ("builtin", "002", False): "B2",
        ("builtin", "003", False): "B3", ("builtin", "001", True): "BF"}
    found: dict[str, int] = {}
    for card_id, deck, number, retired, followup, kind in rows:
        if kind is not None:
            found[{"conv-output-shape": "S1", "box-iou": "S2"}[kind]] = card_id
        elif retired is not None:
            found["R"] = card_id
        else:
            found[names[(deck, number, followup is not None)]] = card_id
    assert sorted(found) == sorted(CARDS), found
    return found
