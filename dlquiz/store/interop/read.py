"""What an export needs from the bank: every active note of the chosen decks with its card
and, when asked, its review history, in the order `dlquiz cards` lists them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, cast, select
from sqlalchemy.orm import Session

from dlquiz.notes.builtin_section import BuiltinAnswer
from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.records import CardRecord, to_record
from dlquiz.store.cards.repository import require_deck
from dlquiz.store.schema.models import CardRow, DeckRow, FollowUpRow, NoteRow, ReviewLogRow
from dlquiz.store.schema.records import ReferenceInfo


@dataclass(frozen=True)
class ExportReview:
    """One rating, with the card's state and due date just before it (from the log's
    snapshot): the state after a rating is the state before the next one."""

    at: datetime
    rating: int
    duration_ms: int | None
    state_before: int
    due_before: datetime | None


@dataclass(frozen=True)
class ExportNote:
    deck: str
    builtin: bool
    key: str
    topic: str | None
    number: str | None
    title: str
    answer: str
    references: tuple[ReferenceInfo, ...]
    tags: tuple[str, ...]
    practice: tuple[str, ...]
    status: str
    card: CardRecord | None
    reviews: tuple[ExportReview, ...] = ()
    twin: BuiltinAnswer | None = None  # a draft's built-in answer, exported with it


def _reviews(session: Session, card_ids: Sequence[int]) -> dict[int, list[ExportReview]]:
    found: dict[int, list[ExportReview]] = {}
    ids = sorted(set(card_ids))
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.rating,
                   ReviewLogRow.duration_ms, ReviewLogRow.state_before,
                   ReviewLogRow.before_json)
            .where(ReviewLogRow.card_id.in_(ids[start : start + 500]))
            .order_by(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.id))
        for card_id, at, rating, duration, state, before in rows:
            due = json.loads(before).get("due")
            found.setdefault(card_id, []).append(ExportReview(
                at=at, rating=rating, duration_ms=duration, state_before=state,
                due_before=datetime.fromisoformat(due) if due else None))
    return found


def export_notes(bank: Bank, *, deck: str | None = None,
                 with_history: bool = False) -> list[ExportNote]:
    """Active notes (all decks, or one), each with its card and optionally its reviews."""
    if deck is not None:
        require_deck(bank, deck)
    with bank.read() as session:
        query = (select(NoteRow, DeckRow.name, DeckRow.builtin, CardRow)
                 .join(DeckRow, DeckRow.id == NoteRow.deck_id)
                 .outerjoin(CardRow, (CardRow.note_id == NoteRow.id)  # the question's card,
                            & CardRow.followup_id.is_(None))       # not its follow-ups'
                 .where(NoteRow.retired_at.is_(None)))
        if deck is not None:
            query = query.where(DeckRow.name == deck)
        query = query.order_by(DeckRow.builtin.desc(), DeckRow.name, NoteRow.number.is_(None),
                               cast(NoteRow.number, Integer), NoteRow.source_path,
                               NoteRow.position, NoteRow.id)
        rows = session.execute(query).all()
        cards = [card.id for _, _, _, card in rows if card is not None]
        history = _reviews(session, cards) if with_history else {}
        return [ExportNote(
            deck=name, builtin=bool(builtin), key=note.key, topic=note.topic,
            number=note.number, title=note.title, answer=note.answer,
            references=tuple(ReferenceInfo(title=t, url=u)
                             for t, u in json.loads(note.references_json)),
            tags=tuple(json.loads(note.tags_json)),
            practice=tuple(json.loads(note.practice_json)), status=note.status,
            card=to_record(card) if card is not None else None,
            reviews=tuple(history.get(card.id, ())) if card is not None else ())
            for note, name, builtin, card in rows]


@dataclass(frozen=True)
class ExportFollowUp:
    """A follow-up question of an active note, for exporters that give it a card of its
    own; `key` is stable across exports (the note's key and the follow-up's)."""

    deck: str
    key: str
    topic: str | None
    question: str
    answer: str


def export_followups(bank: Bank, *, deck: str | None = None) -> list[ExportFollowUp]:
    """The active follow-ups of active notes (all decks, or one), in note order."""
    if deck is not None:
        require_deck(bank, deck)
    with bank.read() as session:
        query = (select(FollowUpRow, NoteRow.key, NoteRow.topic, DeckRow.name)
                 .join(NoteRow, NoteRow.id == FollowUpRow.note_id)
                 .join(DeckRow, DeckRow.id == NoteRow.deck_id)
                 .where(FollowUpRow.retired_at.is_(None), NoteRow.retired_at.is_(None)))
        if deck is not None:
            query = query.where(DeckRow.name == deck)
        query = query.order_by(DeckRow.builtin.desc(), DeckRow.name, NoteRow.number.is_(None),
                               cast(NoteRow.number, Integer), NoteRow.source_path,
                               NoteRow.position, FollowUpRow.position)
        return [ExportFollowUp(deck=name, key=f"{note_key}/followup/{row.key}", topic=topic,
                               question=row.question, answer=row.answer)
                for row, note_key, topic, name in session.execute(query)]
