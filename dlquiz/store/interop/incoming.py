"""What another program's notes and history arrive as (an Anki package or a CSV file, read
by dlquiz.interop), what their import counts, and the replay that turns another program's
ratings into card states; write.py puts them into the bank."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from dlquiz.notes.model import Note
from dlquiz.store.cards.records import CardRecord


@dataclass(frozen=True)
class IncomingReview:
    """One rating from the other program's history."""

    at: datetime
    rating: int
    duration_ms: int | None = None


@dataclass(frozen=True)
class IncomingNote:
    """One note to import into `deck` under `key`; `reviews` in time order."""

    deck: str
    key: str
    note: Note
    source: str
    position: int
    suspended: bool = False
    reviews: tuple[IncomingReview, ...] = ()
    # elapsed time between reviews counted in study days, as Anki counts it (else in whole
    # 24-hour periods, as dlquiz's own scheduler counts it: for histories dlquiz wrote)
    study_days: bool = True


@dataclass(frozen=True)
class ForeignImportCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    reviews: int = 0
    reviews_known: int = 0
    decks: tuple[str, ...] = ()


# (the card before the reviews, the reviews, count study days?) -> (before, after) for each
# review, in order
Replay = Callable[[CardRecord, Sequence[IncomingReview], bool],
                  list[tuple[CardRecord, CardRecord]]]
