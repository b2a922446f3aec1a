"""Everything about one card, for `dlquiz info` and the browse screen: what it asks (its
note, follow-up or question kind), its scheduling state, and its review history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.cards import card_row
from dlquiz.store.cards.records import CardRecord, to_record
from dlquiz.store.schema.models import FollowUpRow, NoteRow, ReviewLogRow


@dataclass(frozen=True)
class ReviewEntryInfo:
    reviewed_at: datetime
    rating: int
    state_before: int
    duration_ms: int | None
    answer: str | None
    correct: bool | None
    question_id: str | None


@dataclass(frozen=True)
class CardInfo:
    card: CardRecord
    type: str
    title: str
    note_id: int | None
    history: tuple[ReviewEntryInfo, ...]


def card_info(bank: Bank, card_id: int) -> CardInfo:
    with bank.read() as session:
        row = card_row(session, card_id)
        record = to_record(row)
        if row.skill_kind is not None:
            kind, title = "skill", row.skill_kind
        elif row.followup_id is not None:
            followup = session.get(FollowUpRow, row.followup_id)
            kind, title = "followup", followup.question if followup else ""
        else:
            note = session.get(NoteRow, row.note_id)
            kind, title = "note", note.title if note else ""
        logs = session.scalars(select(ReviewLogRow).where(ReviewLogRow.card_id == card_id)
                               .order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id)).all()
        history = tuple(ReviewEntryInfo(
            reviewed_at=log.reviewed_at, rating=log.rating, state_before=log.state_before,
            duration_ms=log.duration_ms, answer=log.answer, correct=log.correct,
            question_id=log.question_id) for log in logs)
    return CardInfo(card=record, type=kind, title=title, note_id=row.note_id, history=history)
