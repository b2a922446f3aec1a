"""Which cards may be studied now, as SQL conditions every queue query shares:

- not suspended, not buried past now, its note (or follow-up) not retired;
- one question, one card: a built-in note whose question the user's own deck also asks is
  studied through the user's card (see twins.py), so the built-in card is left out;
- drafts are left out unless asked for, except a draft whose question has a built-in answer
  (the study screen shows that answer beneath the user's);
- a follow-up waits until its question has been reviewed once, on an earlier study day (as
  Anki buries siblings: right after the answer that contains it, it would test nothing),
  and rests while its question is suspended;
- the session's filters: deck, topic (a note topic or a skill topic), notes or skills only.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, not_, or_, select
from sqlalchemy.orm import InstrumentedAttribute, aliased

from dlquiz.store.schema.models import CardRow, DeckRow, FollowUpRow, NoteRow
from dlquiz.store.schema.records import QueueFilter, QueueWindow

AnySelect = Select[*tuple[Any, ...]]

_TWIN = aliased(NoteRow, name="twin")
_TWIN_DECK = aliased(DeckRow, name="twin_deck")
_PARENT = aliased(NoteRow, name="parent")
_PARENT_CARD = aliased(CardRow, name="parent_card")


def _twin_exists(*, builtin: bool, answered_only: bool = False) -> ColumnElement[bool]:
    """An active note of a deck that is (or is not) built in, asking this note's question."""
    conditions = [_TWIN.key == NoteRow.key, _TWIN.retired_at.is_(None),
                  _TWIN.id != NoteRow.id, _TWIN_DECK.builtin.is_(builtin)]
    if answered_only:
        conditions.append(_TWIN.status != "draft")
    return exists(select(_TWIN.id).join(_TWIN_DECK, _TWIN_DECK.id == _TWIN.deck_id)
                  .where(*conditions))


def _question_reviewed_before(day_start: datetime) -> ColumnElement[bool]:
    """The follow-up's question (its note, or the user's twin of it) has been reviewed, not
    today (its last review is before the study day began), and is not suspended.

    Its own note's question card is probed first, by note: that is the usual parent, one
    index probe instead of two (notes by key, then their cards). Only when it fails are the
    other notes asking the question found by key, and then their cards by note. Written as
    nested EXISTS because, as one join, SQLite walked every unsuspended card for each
    follow-up card it tested (0.1 s on the built-in bank alone, growing with cards ×
    follow-ups). The OFFSET 0 keeps PostgreSQL probing per card: without it, PostgreSQL
    hashed the keys of every note with a reviewed card once per query, 50-90 ms on 100,000
    cards as soon as one follow-up card was in learning. (The card's note is active: the
    rest of `eligible` asks for it, so leaving it out of the search by key changes
    nothing.)"""
    def reviewed(note_id: InstrumentedAttribute[int]) -> Select[int]:
        return select(_PARENT_CARD.id).where(
            _PARENT_CARD.note_id == note_id, _PARENT_CARD.followup_id.is_(None),
            _PARENT_CARD.reps > 0, _PARENT_CARD.suspended.is_(False),
            _PARENT_CARD.last_review < day_start)

    twin = exists(select(_PARENT.id).where(_PARENT.key == NoteRow.key, _PARENT.id != NoteRow.id,
                                           _PARENT.retired_at.is_(None),
                                           exists(reviewed(_PARENT.id))).offset(0))
    return or_(exists(reviewed(NoteRow.id).offset(0)), twin)


def eligible(query: AnySelect, window: QueueWindow, filters: QueueFilter,
             skill_topics: Mapping[str, str]) -> AnySelect:
    """`query` (over cards) joined to notes, decks and follow-ups, with every condition of
    the module docstring."""
    now = window.now
    query = (query.outerjoin(NoteRow, NoteRow.id == CardRow.note_id)
             .outerjoin(DeckRow, DeckRow.id == NoteRow.deck_id)
             .outerjoin(FollowUpRow, FollowUpRow.id == CardRow.followup_id))
    is_question = and_(CardRow.note_id.is_not(None), CardRow.followup_id.is_(None))
    query = query.where(
        CardRow.suspended.is_(False),
        or_(CardRow.buried_until.is_(None), CardRow.buried_until <= now),
        or_(CardRow.note_id.is_(None), NoteRow.retired_at.is_(None)),
        or_(CardRow.followup_id.is_(None),
            and_(FollowUpRow.retired_at.is_(None),
                 _question_reviewed_before(window.day_start))),
        not_(and_(is_question, DeckRow.builtin.is_(True), _twin_exists(builtin=False))))
    if not filters.include_drafts:
        query = query.where(or_(not_(is_question), NoteRow.status != "draft",
                                _twin_exists(builtin=True, answered_only=True)))
    if filters.notes_only:
        query = query.where(CardRow.note_id.is_not(None))
    if filters.skills_only:
        query = query.where(CardRow.skill_kind.is_not(None))
    if filters.deck is not None:
        query = query.where(DeckRow.name == filters.deck)
    if filters.topic is not None:
        kinds = [k for k, topic in skill_topics.items() if topic == filters.topic]
        skill_match: ColumnElement[bool] = (CardRow.skill_kind.in_(kinds) if kinds else false())
        query = query.where(or_(NoteRow.topic == filters.topic, skill_match))
    return query
