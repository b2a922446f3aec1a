"""Cards as `dlquiz cards` and the browse screen list them: one row per card (a note, a
follow-up under its note, a question kind), with its scheduling state and flags, filtered
by deck, topic, tag, status, state, type and text. The id shown is the card id, which every
command that acts on a card takes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, and_, cast, exists, func, or_, select
from sqlalchemy.orm import aliased

from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.repository import LIKE_ESCAPE, NOTE_STATUSES, _require_deck, like_pattern
from dlquiz.store.schema.errors import InputError
from dlquiz.store.schema.models import CardRow, DeckRow, FollowUpRow, NoteRow
from dlquiz.store.schema.states import LEARNING_STATES, NEW, REVIEW, STATE_NAMES

CARD_STATES = ("new", "learning", "review", "suspended", "buried", "leech", "due")
CARD_TYPES = ("note", "followup", "skill")
LIST_LIMIT = 5000  # a listing that long is read with --search or filters, not scrolled


@dataclass(frozen=True)
class CardFilter:
    deck: str | None = None
    status: str | None = None
    search: str | None = None
    topic: str | None = None
    state: str | None = None
    tag: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class CardSummary:
    id: int
    type: str
    note_id: int | None
    deck: str | None
    topic: str | None
    number: str | None
    title: str
    parent_title: str | None
    status: str | None
    state: str
    due: datetime
    interval_days: float | None
    reps: int
    lapses: int
    flags: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "note_id": self.note_id, "deck": self.deck,
                "topic": self.topic, "number": self.number, "title": self.title,
                "parent": self.parent_title, "status": self.status, "state": self.state,
                "due": self.due.isoformat(), "interval_days": self.interval_days,
                "reps": self.reps, "lapses": self.lapses, "flags": list(self.flags)}


def _validate(filters: CardFilter) -> None:
    for name, allowed in (("status", NOTE_STATUSES), ("state", CARD_STATES),
                          ("type", CARD_TYPES)):
        value = getattr(filters, name)
        if value is not None and value not in allowed:
            raise InputError(f"unknown {name} '{value}'; use one of: {', '.join(allowed)}.")


def list_cards(bank: Bank, filters: CardFilter, now: datetime) -> list[CardSummary]:
    """Active cards by deck (the built-in deck first, as in `decks`), question number and
    file order, each follow-up right under its note, question kinds last."""
    _validate(filters)
    twin, twin_deck = aliased(NoteRow), aliased(DeckRow)
    shadowed = and_(DeckRow.builtin.is_(True), CardRow.followup_id.is_(None), exists(
        select(twin.id).join(twin_deck, twin_deck.id == twin.deck_id)
        .where(twin.key == NoteRow.key, twin.retired_at.is_(None), twin.id != NoteRow.id,
               twin_deck.builtin.is_(False))))
    query = (select(CardRow, DeckRow.name, NoteRow.topic, NoteRow.number, NoteRow.title,
                    NoteRow.status, FollowUpRow.question, shadowed.label("shadowed"))
             .outerjoin(NoteRow, NoteRow.id == CardRow.note_id)
             .outerjoin(DeckRow, DeckRow.id == NoteRow.deck_id)
             .outerjoin(FollowUpRow, FollowUpRow.id == CardRow.followup_id)
             .where(or_(CardRow.note_id.is_(None), NoteRow.retired_at.is_(None)),
                    or_(CardRow.followup_id.is_(None), FollowUpRow.retired_at.is_(None))))
    with bank.read() as session:
        if filters.deck is not None:
            _require_deck(session, filters.deck)
            query = query.where(DeckRow.name == filters.deck)
        query = _narrow(query, filters, now)
        query = query.order_by(
            CardRow.skill_kind.is_not(None), DeckRow.builtin.desc(), DeckRow.name,
            NoteRow.number.is_(None), cast(NoteRow.number, Integer), NoteRow.source_path,
            NoteRow.position, FollowUpRow.position.is_not(None), FollowUpRow.position,
            CardRow.skill_kind, CardRow.id).limit(LIST_LIMIT)
        return [_summary(row, now) for row in session.execute(query).all()]


def _narrow(query: Any, filters: CardFilter, now: datetime) -> Any:
    if filters.status is not None:
        query = query.where(NoteRow.status == filters.status, CardRow.followup_id.is_(None))
    if filters.topic is not None:
        query = query.where(NoteRow.topic == filters.topic)
    if filters.tag is not None:
        pattern = like_pattern(f'"{filters.tag}"')
        query = query.where(NoteRow.tags_json.like(pattern, escape=LIKE_ESCAPE))
    if filters.type == "note":
        query = query.where(CardRow.note_id.is_not(None), CardRow.followup_id.is_(None))
    elif filters.type == "followup":
        query = query.where(CardRow.followup_id.is_not(None))
    elif filters.type == "skill":
        query = query.where(CardRow.skill_kind.is_not(None))
    if filters.search:
        pattern = like_pattern(filters.search.lower())
        fields = (NoteRow.title, NoteRow.answer, FollowUpRow.question, FollowUpRow.answer,
                  CardRow.skill_kind)
        query = query.where(or_(*(func.lower(f).like(pattern, escape=LIKE_ESCAPE)
                                  for f in fields)))
    state = filters.state
    conditions = {
        "new": CardRow.state == NEW, "learning": CardRow.state.in_(LEARNING_STATES),
        "review": CardRow.state == REVIEW, "suspended": CardRow.suspended.is_(True),
        "buried": and_(CardRow.buried_until.is_not(None), CardRow.buried_until > now),
        "leech": CardRow.leech.is_(True),
        "due": and_(CardRow.state != NEW, CardRow.due <= now, CardRow.suspended.is_(False)),
    }
    if state is not None:
        query = query.where(conditions[state])
    return query


def _summary(row: Any, now: datetime) -> CardSummary:
    card, deck, topic, number, title, status, question, shadowed = row
    kind = "skill" if card.skill_kind else ("followup" if card.followup_id else "note")
    flags = [name for name, on in (
        ("suspended", card.suspended), ("leech", card.leech),
        ("buried", card.buried_until is not None and card.buried_until > now),
        ("shadowed", bool(shadowed))) if on]
    interval = ((card.due - card.last_review).total_seconds() / 86400
                if card.last_review is not None and card.state != NEW else None)
    return CardSummary(
        id=card.id, type=kind, note_id=card.note_id, deck=deck, topic=topic, number=number,
        title=card.skill_kind if kind == "skill" else (question if kind == "followup"
                                                        else title),
        parent_title=title if kind == "followup" else None,
        status=status if kind == "note" else None, state=STATE_NAMES[card.state],
        due=card.due, interval_days=round(interval, 5) if interval is not None else None,
        reps=card.reps, lapses=card.lapses, flags=tuple(flags))



def facets(bank: Bank) -> tuple[list[str], list[str]]:
    """The topics and tags the active notes use, for the browse screen's filters."""
    import json

    with bank.read() as session:
        rows = session.execute(select(NoteRow.topic, NoteRow.tags_json)
                               .where(NoteRow.retired_at.is_(None))).all()
    topics = sorted({topic for topic, _ in rows if topic})
    tags = sorted({tag for _, raw in rows for tag in json.loads(raw)})
    return topics, tags
