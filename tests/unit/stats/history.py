"""A hand-made history for the statistics tests: twelve note cards put in known states and
sixteen ratings written straight into the review log, around the end of daylight saving
time in New York (2026-11-01 02:00 EDT -> 01:00 EST), with the 04:00 day rollover.

Study days (rollover 04:00 local; day 0 is today, 2026-11-03):
  day  0  2026-11-03  09:00 UTC ..      day -1  2026-11-02  09:00 UTC ..
  day -2  2026-11-01  09:00 UTC ..      day -3  2026-10-31  08:00 UTC .. (25 hours: EDT->EST)
  day -9  2026-10-25  08:00 UTC ..      day -10 2026-10-24  08:00 UTC ..
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.models import CardRow, ReviewLogRow

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)  # 09:00 EST, Tuesday
LETTERS = "ABCDEFGHIJKL"


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@dataclass(frozen=True)
class Rating:
    card: str
    at: datetime
    rating: int
    state_before: int
    last_interval: float | None  # days
    elapsed: float | None  # days since the card's previous rating
    ms: int | None = None


TEN_MINUTES = 10 / 1440
RATINGS = [
    # day -10 and -9: an older run of two study days
    Rating("G", utc(10, 24, 16), 3, 2, 3.0, 3.0),
    Rating("G", utc(10, 25, 16), 3, 2, 3.0, 1.0),
    # day -3 (the 25-hour day): 04:30 EDT, which a fixed 24-hour grid would put on day -4
    Rating("D", utc(10, 31, 8, 30), 3, 2, 25.0, 25.0),
    # ... and 03:30 EST on Nov 1: still day -3, before the 04:00 rollover
    Rating("C", utc(11, 1, 8, 30), 1, 2, 2.0, 2.0),
    # day -2
    Rating("D", utc(11, 1, 15), 4, 2, 21.0, 1.27),  # exactly 21 days: mature
    Rating("A", utc(11, 2, 8, 30), 2, 2, 5.0, 5.0),  # 03:30 EST Nov 2: day -2 (rollover)
    # day -1
    Rating("F", utc(11, 2, 9, 30), 3, 0, None, None, 5000),  # new
    Rating("A", utc(11, 2, 10), 3, 2, 10.0, 1.5 / 24),  # first of the day (last was day -2)
    Rating("B", utc(11, 2, 11), 1, 2, 30.0, 30.0),  # mature, failed
    Rating("B", utc(11, 2, 11, 10), 3, 3, TEN_MINUTES, TEN_MINUTES),  # relearning step
    Rating("A", utc(11, 2, 12), 1, 2, 12.0, 2 / 24),  # a same-day repeat: not counted
    Rating("C", utc(11, 2, 13), 3, 1, 0.5, 28.5 / 24),  # a half-day step: not counted
    Rating("E", utc(11, 2, 14), 3, 0, None, None),  # new
    Rating("F", utc(11, 2, 20), 3, 1, 1.0, 10.5 / 24),  # first qualifying one of the day
    # day 0
    Rating("H", utc(11, 3, 13), 1, 0, None, None, 8000),
    Rating("H", utc(11, 3, 13, 10), 3, 1, TEN_MINUTES, TEN_MINUTES, 4000),
]


@dataclass(frozen=True)
class CardState:
    state: int
    stability: float | None = None
    difficulty: float | None = None
    last_review: datetime | None = None
    due: datetime | None = None
    suspended: bool = False
    leech: bool = False
    buried_until: datetime | None = None


CARDS = {
    "A": CardState(2, 10.0, 5.0, utc(11, 2, 12), utc(11, 14, 12)),  # young, 12 d
    "B": CardState(3, 3.0, 7.0, utc(11, 2, 11, 10), utc(11, 3, 14, 30)),  # due today
    "C": CardState(2, 2.0, 8.5, utc(11, 2, 13), utc(11, 5, 13)),  # young, 3 d: day 2
    "D": CardState(2, 40.0, 2.0, utc(11, 1, 15), utc(12, 1, 15)),  # mature, 30 d: day 28
    "E": CardState(1, 0.5, 6.0, utc(11, 2, 14, 10), utc(11, 2, 14, 10)),  # overdue
    "F": CardState(2, 5.0, 4.0, utc(11, 2, 20), utc(11, 6, 20)),  # young, 4 d: day 3
    "G": CardState(2, 100.0, 1.0, utc(10, 25, 16), utc(10, 25, 16) + timedelta(days=200)),
    "H": CardState(1, 1.2, 9.5, utc(11, 3, 13, 10), utc(11, 3, 14, 10)),  # due at 14:10
    "I": CardState(0, due=utc(11, 1, 0)),  # new
    "J": CardState(2, 8.0, 5.0, utc(10, 20, 12), utc(10, 28, 12), suspended=True),
    "K": CardState(2, 9.0, 5.0, utc(10, 27, 20), utc(11, 3, 20),
                   buried_until=utc(11, 4, 9)),  # buried until tomorrow, interval 7 d
    "L": CardState(2, 4.0, 9.9, utc(10, 15, 12), utc(10, 25, 12), suspended=True,
                   leech=True),
}


def build(folder: Path, url: str | None = None) -> tuple[Bank, dict[str, int]]:
    """The bank (at `url`, or a SQLite file in `folder`), and the card id of each letter."""
    bank = open_bank(url or f"sqlite:///{folder / 'history.db'}", now=NOW)
    notes = folder / "deck.md"
    notes.write_text("\n".join(f"## {i:03d} 问题 {letter}\n\n答案。\n"
                               for i, letter in enumerate(LETTERS, start=1)), encoding="utf-8")
    import_paths(bank, [notes], now=utc(10, 1, 12))
    with bank.write() as session:
        rows = session.scalars(select(CardRow).order_by(CardRow.id)).all()
        ids = {letter: row.id for letter, row in zip(LETTERS, rows, strict=True)}
        for letter, row in zip(LETTERS, rows, strict=True):
            card = CARDS[letter]
            row.state, row.stability, row.difficulty = card.state, card.stability, card.difficulty
            row.last_review, row.due = card.last_review, card.due or row.due
            row.suspended, row.leech, row.buried_until = (card.suspended, card.leech,
                                                          card.buried_until)
        for r in RATINGS:
            session.add(ReviewLogRow(card_id=ids[r.card], rating=r.rating, reviewed_at=r.at,
                                     duration_ms=r.ms, before_json="{}",
                                     state_before=r.state_before, last_interval=r.last_interval,
                                     elapsed=r.elapsed))
    return bank, ids
