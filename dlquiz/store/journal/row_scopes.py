"""Which rows an import, a deck change or a note deletion may touch (row_journal's scopes):
a deck's sources and notes, the notes' follow-ups and cards, the cards' ratings and their
journal entries, and the exam items that name the notes.

A deck's rows are found with subqueries, not with lists of ids sent back to the database: an
import's scope holds tens of thousands of rows, and binding their ids as literal IN lists
cost more than reading the rows."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from dlquiz.store.journal.row_journal import Scope, merge
from dlquiz.store.schema.models import (
    ActionRow,
    CardRow,
    DeckRow,
    ExamItemRow,
    FollowUpRow,
    NoteRow,
    ReviewLogRow,
    SourceRow,
)


def _ids(session: Session, column: object, where: object) -> set[int]:
    return set(session.scalars(select(column).where(where)))  # type: ignore[call-overload]


def notes_scope(session: Session, note_ids: Collection[int]) -> Scope:
    """The notes and everything that hangs off them."""
    notes = set(note_ids)
    if not notes:
        return {"notes": set(), "followups": set(), "cards": set(), "review_logs": set(),
                "actions": set(), "exam_items": set()}
    return _hanging(session, notes, select(NoteRow.id).where(NoteRow.id.in_(notes)))


def _hanging(session: Session, notes: set[int], chosen: Select[int]) -> Scope:
    """The notes (`chosen` selects the same ids) and the rows that hang off them."""
    cards = select(CardRow.id).where(CardRow.note_id.in_(chosen))
    logs = select(ReviewLogRow.id).where(ReviewLogRow.card_id.in_(cards))
    return {"notes": notes,
            "followups": _ids(session, FollowUpRow.id, FollowUpRow.note_id.in_(chosen)),
            "cards": set(session.scalars(cards)), "review_logs": set(session.scalars(logs)),
            "actions": _ids(session, ActionRow.id, ActionRow.review_log_id.in_(logs)),
            "exam_items": _ids(session, ExamItemRow.id, ExamItemRow.note_id.in_(chosen))}


def decks_scope(session: Session, deck_ids: Collection[int]) -> Scope:
    decks = set(deck_ids)
    chosen = select(NoteRow.id).where(NoteRow.deck_id.in_(decks))
    return merge({"decks": decks,
                  "sources": _ids(session, SourceRow.id, SourceRow.deck_id.in_(decks))},
                 _hanging(session, set(session.scalars(chosen)), chosen))


def import_scope(session: Session, deck_names: Collection[str],
                 incoming_keys: Collection[str]) -> Scope:
    """An import of these decks: the decks (every deck row: one may be created), their
    rows, and the built-in twins of the notes they hold or are given (`incoming_keys`),
    whose history an import may move (the card journal entries that name a moved card
    are rewritten too, so all of those)."""
    decks = _ids(session, DeckRow.id, DeckRow.name.in_(list(deck_names)))
    scope = decks_scope(session, decks)
    keys = set(session.scalars(select(NoteRow.key).where(NoteRow.deck_id.in_(decks))))
    keys.update(incoming_keys)
    # the built-in deck holds a few hundred notes: matched here, not with a 10,000-key IN
    twins = {note_id for note_id, key in session.execute(
        select(NoteRow.id, NoteRow.key)
        .where(NoteRow.deck_id.in_(select(DeckRow.id).where(DeckRow.builtin.is_(True)))))
        if key in keys}
    card_actions = _ids(session, ActionRow.id, ActionRow.review_log_id.is_(None)
                        & ActionRow.rows_json.is_(None))
    return merge(scope, notes_scope(session, twins),
                 {"decks": set(session.scalars(select(DeckRow.id))), "actions": card_actions})
