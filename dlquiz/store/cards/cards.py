"""Every write to a card's state, each one transaction that holds the write lock from its
first read (see Bank.write) and journals what it changed so undo can put it back.

Writers pass the version of the card they based their decision on: if the card has been
written since (another process rated, undid or suspended it), the write is refused with a
StaleCardError and nothing changes. That is what keeps `reps` equal to the number of review
log rows whatever the interleaving of processes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dlquiz.store.bank.database import Bank, serialize
from dlquiz.store.cards.records import (
    MAX_ID,
    CardRecord,
    dumps,
    from_snapshot,
    loads,
    snapshot,
    to_record,
    write_record,
)
from dlquiz.store.journal import row_journal
from dlquiz.store.schema.errors import InputError, StaleCardError
from dlquiz.store.schema.models import ActionRow, CardRow, ReviewLogRow

CardChange = Callable[[CardRecord], CardRecord]


@dataclass(frozen=True)
class ReviewEntry:
    """What the review log keeps about one rating besides the card's state."""

    rating: int
    reviewed_at: datetime
    duration_ms: int | None = None
    answer: str | None = None
    correct: bool | None = None
    question_id: str | None = None
    retrievability: float | None = None  # FSRS's predicted recall when it was rated
    diagnosis: str | None = None  # the named mistake of a wrong skill answer


@dataclass(frozen=True)
class ActionInfo:
    """An entry of the undo journal."""

    id: int
    kind: str
    created_at: datetime
    card_ids: tuple[int, ...]
    rating: int | None
    label: str | None = None  # what an import or a deck/note change did, in words


def lock_journal(session: Session) -> None:
    """The undo journal is a stack: a push (a rating, a suspension) and a pop (an undo) must
    not interleave, or an undo could restore a card from before a rating it never saw. On
    SQLite every write transaction is serial anyway; PostgreSQL takes an advisory lock."""
    serialize(session, "journal")


def require_card_id(card_id: int) -> None:
    if not 0 < card_id <= MAX_ID:
        raise InputError(f"no card with id {card_id}; `dlquiz cards` lists the ids.")


def card_row(session: Session, card_id: int, *, lock: bool = False) -> CardRow:
    """The row of a card (locked for update on databases with row locks)."""
    require_card_id(card_id)
    query = select(CardRow).where(CardRow.id == card_id)
    row = session.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        raise InputError(f"no card with id {card_id}; `dlquiz cards` lists the ids.")
    return row


def read_card(bank: Bank, card_id: int) -> CardRecord:
    with bank.read() as session:
        return to_record(card_row(session, card_id))


def _check_version(current: CardRecord, expected: int | None) -> None:
    if expected is not None and current.version != expected:
        raise StaleCardError(f"card {current.id} was changed by another dlquiz process since "
                             "it was shown (rated, undone or suspended there); nothing was "
                             "recorded: show it again and rate it afresh.")


def record_rating(bank: Bank, card_id: int, entry: ReviewEntry, compute: CardChange, *,
                  expected_version: int | None) -> tuple[CardRecord, CardRecord]:
    """Apply `compute` (the scheduler's verdict) to the card, log the rating and journal it;
    returns the card before and after."""
    with bank.write() as session:
        lock_journal(session)
        row = card_row(session, card_id, lock=True)
        before = to_record(row)
        _check_version(before, expected_version)
        write_record(row, compute(before))
        state = json.dumps(snapshot(before), ensure_ascii=False)
        log = ReviewLogRow(card_id=card_id, rating=entry.rating, reviewed_at=entry.reviewed_at,
                           duration_ms=entry.duration_ms, answer=entry.answer,
                           correct=entry.correct, question_id=entry.question_id,
                           before_json=state, state_before=before.state,
                           last_interval=_days(before.due, before.last_review),
                           elapsed=_days(entry.reviewed_at, before.last_review),
                           retrievability=entry.retrievability, diagnosis=entry.diagnosis)
        session.add(log)
        session.flush()
        session.add(ActionRow(kind="rate", created_at=entry.reviewed_at, review_log_id=log.id,
                              before_json=dumps([(card_id, snapshot(before))])))
        session.flush()
        return before, to_record(row)


def _days(later: datetime, earlier: datetime | None) -> float | None:
    """`later - earlier` in days (None for a card never rated before)."""
    if earlier is None:
        return None
    return (later - earlier).total_seconds() / 86400


def change_cards(bank: Bank, kind: str, card_ids: Sequence[int], change: CardChange,
                 now: datetime, *,
                 expected: Mapping[int, int] | None = None) -> list[CardRecord]:
    """Apply `change` to each card (journaled as one undoable action named `kind`); returns
    the cards that actually changed, after the change."""
    changed: list[CardRecord] = []
    journal = []
    with bank.write() as session:
        lock_journal(session)
        for card_id in dict.fromkeys(card_ids):
            row = card_row(session, card_id, lock=True)
            before = to_record(row)
            _check_version(before, (expected or {}).get(card_id))
            after = change(before)
            if after == before:
                continue
            write_record(row, after)
            journal.append((card_id, snapshot(before)))
            changed.append(to_record(row))
        if journal:
            session.add(ActionRow(kind=kind, created_at=now, before_json=dumps(journal)))
    return changed


def set_pending_question(bank: Bank, card_id: int, question_id: str | None,
                         expected_version: int | None = None) -> CardRecord:
    """Remember the question a skill card is showing (not journaled: it is not an action)."""
    with bank.write() as session:
        row = card_row(session, card_id, lock=True)
        current = to_record(row)
        _check_version(current, expected_version)
        write_record(row, current.with_changes(pending_question=question_id))
        return to_record(row)


def _info(session: Session, action: ActionRow) -> ActionInfo:
    rating = None
    if action.review_log_id is not None:
        rating = session.scalar(select(ReviewLogRow.rating)
                                .where(ReviewLogRow.id == action.review_log_id))
    card_ids = tuple(card_id for card_id, _ in loads(action.before_json))
    return ActionInfo(id=action.id, kind=action.kind, created_at=action.created_at,
                      card_ids=card_ids or row_journal.card_ids_of(action), rating=rating,
                      label=row_journal.label_of(action))


def last_action(bank: Bank) -> ActionInfo | None:
    with bank.read() as session:
        action = session.scalars(select(ActionRow).order_by(ActionRow.id.desc())
                                 .limit(1)).first()
        return _info(session, action) if action is not None else None


def undo_action(bank: Bank, action_id: int | None = None) -> ActionInfo | None:
    """Undo the newest action (refused if it is no longer `action_id`, i.e. another process
    acted or undid meanwhile); every card it touched is restored exactly."""
    with bank.write() as session:
        lock_journal(session)
        action = session.scalars(select(ActionRow).order_by(ActionRow.id.desc())
                                 .limit(1).with_for_update()).first()
        if action is None:
            if action_id is not None:
                raise StaleCardError("the action to undo was already undone by another dlquiz "
                                     "process; nothing was changed.")
            return None
        if action_id is not None and action.id != action_id:
            raise StaleCardError("another dlquiz process acted on the bank since you asked to "
                                 "undo; nothing was changed: undo again if you still want to.")
        info = _info(session, action)
        if action.rows_json is not None:
            # gone first: SQLite may have given it the id of a row it deleted
            session.delete(action)
            session.flush()
            row_journal.undo_rows(session, action)
            return info
        for card_id, snap in loads(action.before_json):
            row = session.get(CardRow, card_id)
            if row is not None:
                write_record(row, from_snapshot(to_record(row), snap))
        log_id = action.review_log_id
        session.delete(action)
        if log_id is not None:
            log = session.get(ReviewLogRow, log_id)
            if log is not None:
                session.delete(log)
        return info
