"""Read-side queries of the bank, returning frozen records."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Integer, case, cast, func, or_, select
from sqlalchemy.orm import Session

from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.records import MAX_ID
from dlquiz.store.schema.errors import InputError
from dlquiz.store.schema.models import CardRow, DeckRow, FollowUpRow, NoteRow
from dlquiz.store.schema.records import (
    DeckInfo,
    FollowUpDetail,
    NoteDetail,
    NoteSummary,
    ReferenceInfo,
)

NOTE_STATUSES = ("answered", "partial", "draft")
LIKE_ESCAPE = "\\"  # the escape character of every LIKE pattern the store builds


def like_pattern(text: str) -> str:
    """`%text%` with the user's own `%`, `_` and backslashes matched literally."""
    escaped = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
    for wildcard in "%_":
        escaped = escaped.replace(wildcard, LIKE_ESCAPE + wildcard)
    return f"%{escaped}%"


def list_decks(bank: Bank) -> list[DeckInfo]:
    with bank.read() as session:
        return _list_decks(session)


def _list_decks(session: Session) -> list[DeckInfo]:
    active = NoteRow.retired_at.is_(None)

    def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    rows = session.execute(
        select(DeckRow.id, DeckRow.name, DeckRow.builtin,
               count_if(active), count_if(active & (NoteRow.status == "answered")),
               count_if(active & (NoteRow.status == "partial")),
               count_if(active & (NoteRow.status == "draft")),
               count_if(NoteRow.retired_at.is_not(None)))
        .outerjoin(NoteRow, NoteRow.deck_id == DeckRow.id)
        .group_by(DeckRow.id).order_by(DeckRow.builtin.desc(), DeckRow.name)
    ).all()
    return [DeckInfo(id=r[0], name=r[1], builtin=bool(r[2]), notes=int(r[3]),
                     answered=int(r[4]), partial=int(r[5]), drafts=int(r[6]),
                     retired=int(r[7])) for r in rows]


def list_notes(bank: Bank, *, deck: str | None = None, status: str | None = None,
               search: str | None = None, topic: str | None = None) -> list[NoteSummary]:
    """Active notes by question number, then file order; `search` matches title and answer,
    case-insensitively."""
    with bank.read() as session:
        return _list_notes(session, deck=deck, status=status, search=search, topic=topic)


def _list_notes(session: Session, *, deck: str | None, status: str | None,
                search: str | None, topic: str | None) -> list[NoteSummary]:
    if status is not None and status not in NOTE_STATUSES:
        raise InputError(f"unknown status '{status}'; use one of: {', '.join(NOTE_STATUSES)}.")
    query = (select(NoteRow.id, DeckRow.name, NoteRow.topic, NoteRow.number, NoteRow.title,
                    NoteRow.status)
             .join(DeckRow, DeckRow.id == NoteRow.deck_id)
             .where(NoteRow.retired_at.is_(None)))
    if deck is not None:
        _require_deck(session, deck)
        query = query.where(DeckRow.name == deck)
    if status is not None:
        query = query.where(NoteRow.status == status)
    if topic is not None:
        query = query.where(NoteRow.topic == topic)
    if search:
        pattern = like_pattern(search.lower())
        query = query.where(or_(func.lower(NoteRow.title).like(pattern, escape=LIKE_ESCAPE),
                                func.lower(NoteRow.answer).like(pattern, escape=LIKE_ESCAPE)))
    query = query.order_by(DeckRow.builtin.desc(), DeckRow.name, NoteRow.number.is_(None),
                           cast(NoteRow.number, Integer), NoteRow.source_path, NoteRow.position,
                           NoteRow.id)
    return [NoteSummary(id=r[0], deck=r[1], topic=r[2], number=r[3], title=r[4], status=r[5])
            for r in session.execute(query).all()]


def require_deck(bank: Bank, deck: str) -> None:
    """Refuse an unknown deck name, listing the ones there are."""
    with bank.read() as session:
        _require_deck(session, deck)


def _require_deck(session: Session, deck: str) -> None:
    if session.scalar(select(DeckRow.id).where(DeckRow.name == deck)) is None:
        names = ", ".join(session.scalars(select(DeckRow.name).order_by(DeckRow.name))) or "none"
        raise InputError(f"no deck named '{deck}'; decks in this bank: {names}.")


def builtin_twin(bank: Bank, note_id: int) -> NoteDetail | None:
    """The built-in note asking the same question (same title key) as a note of another deck:
    the user's unanswered notes can borrow its answer."""
    with bank.read() as session:
        return _builtin_twin(session, note_id)


def _builtin_twin(session: Session, note_id: int) -> NoteDetail | None:
    row = session.execute(select(NoteRow.key, NoteRow.deck_id).where(NoteRow.id == note_id)).first()
    if row is None:
        return None
    twin_id = session.scalar(
        select(NoteRow.id).join(DeckRow, DeckRow.id == NoteRow.deck_id)
        .where(DeckRow.builtin.is_(True), NoteRow.key == row.key, NoteRow.deck_id != row.deck_id,
               NoteRow.retired_at.is_(None)).limit(1))
    return _get_note(session, twin_id) if twin_id is not None else None


def get_note(bank: Bank, note_id: int) -> NoteDetail:
    with bank.read() as session:
        return _get_note(session, note_id)


def _get_note(session: Session, note_id: int) -> NoteDetail:
    if not 0 < note_id <= MAX_ID:
        raise InputError(f"no note with id {note_id}; `dlquiz cards` lists the ids.")
    row = session.execute(
        select(NoteRow, DeckRow.name).join(DeckRow, DeckRow.id == NoteRow.deck_id)
        .where(NoteRow.id == note_id)
    ).first()
    if row is None:
        raise InputError(f"no note with id {note_id}; `dlquiz cards` lists the ids.")
    note, deck = row
    return NoteDetail(
        id=note.id, deck=deck, topic=note.topic, number=note.number, title=note.title,
        status=note.status, answer=note.answer,
        references=tuple(ReferenceInfo(title=t, url=u)
                         for t, u in json.loads(note.references_json)),
        tags=tuple(json.loads(note.tags_json)), practice=tuple(json.loads(note.practice_json)),
        source_path=note.source_path, source_line=note.source_line,
        retired=note.retired_at is not None)


def get_followup(bank: Bank, followup_id: int) -> FollowUpDetail:
    with bank.read() as session:
        return _get_followup(session, followup_id)


def _get_followup(session: Session, followup_id: int) -> FollowUpDetail:
    row = session.get(FollowUpRow, followup_id)
    if row is None:
        raise InputError(f"no follow-up with id {followup_id}.")
    return FollowUpDetail(id=row.id, note_id=row.note_id, question=row.question,
                          answer=row.answer, retired=row.retired_at is not None)


@dataclass(frozen=True)
class CardContent:
    """What the study screen shows with a note card: the note (a follow-up's parent), the
    follow-up, and the built-in answer to a draft or partial question (never to a
    follow-up)."""

    note: NoteDetail
    followup: FollowUpDetail | None
    twin: NoteDetail | None


def card_content(bank: Bank, note_id: int, followup_id: int | None) -> CardContent:
    with bank.read() as session:
        return read_card_content(session, note_id, followup_id)


def read_card_content(session: Session, note_id: int,
                      followup_id: int | None) -> CardContent:
    """The content in the caller's transaction: a pick reads it with the card it chose
    (on PostgreSQL each transaction of its own cost a BEGIN and a ROLLBACK round trip)."""
    note = _get_note(session, note_id)
    followup = _get_followup(session, followup_id) if followup_id else None
    twin = (_builtin_twin(session, note.id)
            if note.status != "answered" and followup is None else None)
    return CardContent(note=note, followup=followup, twin=twin)


def followups_of(bank: Bank, note_id: int) -> list[tuple[int, FollowUpDetail]]:
    """(card id, follow-up) of a note's active follow-ups, in the note's order."""
    with bank.read() as session:
        rows = session.execute(
            select(CardRow.id, FollowUpRow).join(FollowUpRow, FollowUpRow.id == CardRow.followup_id)
            .where(FollowUpRow.note_id == note_id, FollowUpRow.retired_at.is_(None))
            .order_by(FollowUpRow.position)).all()
        return [(card_id, FollowUpDetail(id=f.id, note_id=f.note_id, question=f.question,
                                         answer=f.answer, retired=False))
                for card_id, f in rows]
