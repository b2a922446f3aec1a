"""Notes and review history from another program (an Anki package, a CSV file) written
into the bank, all in one write transaction.

Imported notes are matched by their key, which the importer derives from the other
program's identity (`anki:<guid>` for Anki notes), so importing the same file again
updates notes instead of adding them twice; a note is never retired by an import (a
package may hold part of a collection). Reviews are appended to a card only when they are
newer than its last review, so a re-import adds only what was reviewed since. Each
appended review is written as if it had been rated in dlquiz: a review-log row holding the
card's state before it, and its undo-journal entry, in time order across all cards.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from dlquiz.notes.identity import content_hash
from dlquiz.notes.model import Note
from dlquiz.store.card_records import CardRecord, dumps, snapshot
from dlquiz.store.database import Bank
from dlquiz.store.models import ActionRow, CardRow, NoteRow, ReviewLogRow
from dlquiz.store.sync import get_or_create_deck

CHUNK = 500  # keys per IN (...) query, well under SQLite's bound-parameter limit


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


@dataclass(frozen=True)
class ForeignImportCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    reviews: int = 0
    reviews_known: int = 0
    decks: tuple[str, ...] = ()


# the card before the reviews -> (before, after) for each review, in order
Replay = Callable[[CardRecord, Sequence[IncomingReview]], list[tuple[CardRecord, CardRecord]]]


def _values(item: IncomingNote) -> dict[str, Any]:
    note = item.note
    return {"key": item.key, "topic": note.topic, "number": note.number, "title": note.title,
            "answer": note.answer,
            "references_json": json.dumps([[r.title, r.url] for r in note.references],
                                          ensure_ascii=False),
            "tags_json": json.dumps(list(note.tags), ensure_ascii=False),
            "practice_json": json.dumps(list(note.practice), ensure_ascii=False),
            "status": note.status, "content_hash": content_hash(note),
            "source_path": item.source, "source_line": note.line or None,
            "position": item.position}


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _known_notes(session: Session, keys: Sequence[str]) -> list[Any]:
    rows: list[Any] = []
    for part in _chunks(sorted(set(keys))):
        rows.extend(session.execute(
            select(NoteRow.id, NoteRow.deck_id, NoteRow.key, NoteRow.content_hash,
                   NoteRow.retired_at).where(NoteRow.key.in_(part))).all())
    return rows


def _match(rows: list[Any], deck_id: int, key: str) -> tuple[Any | None, bool]:
    """The note an incoming one updates: the active note with its key in its deck, or (for
    keys that carry the other program's identity) the active one in another deck, which
    moves; else a retired one in its deck, which is revived. Returns (row, revived)."""
    same = [r for r in rows if r.key == key and r.deck_id == deck_id]
    active = next((r for r in same if r.retired_at is None), None)
    if active is not None:
        return active, False
    if key.startswith("anki:"):
        moved = next((r for r in rows if r.key == key and r.retired_at is None), None)
        if moved is not None:
            return moved, False
    retired = max((r for r in same), key=lambda r: r.retired_at, default=None)
    return retired, retired is not None


def _card_record(row: Any) -> CardRecord:
    return CardRecord(id=row.id, note_id=row.note_id, skill_kind=None, state=row.state,
                      step=row.step, stability=row.stability, difficulty=row.difficulty,
                      due=row.due, last_review=row.last_review, reps=row.reps,
                      lapses=row.lapses, suspended=bool(row.suspended), leech=bool(row.leech),
                      buried_until=row.buried_until, pending_question=row.pending_question,
                      version=row.version or 0)


def _upsert_notes(session: Session, items: Sequence[IncomingNote],
                  now: datetime) -> tuple[dict[int, int], ForeignImportCounts]:
    """Write the notes; returns incoming index -> note id, and the counts."""
    decks = {name: get_or_create_deck(session, name, now, builtin=False)
             for name in dict.fromkeys(item.deck for item in items)}
    known: dict[str, list[Any]] = {}
    for row in _known_notes(session, [item.key for item in items]):
        known.setdefault(row.key, []).append(row)
    note_ids: dict[int, int] = {}
    fresh: list[tuple[int, dict[str, Any]]] = []
    changes: list[dict[str, Any]] = []
    unchanged = 0
    for index, item in enumerate(items):
        values = _values(item)
        deck_id = decks[item.deck]
        row, revived = _match(known.get(item.key, []), deck_id, item.key)
        if row is None:
            fresh.append((index, {**values, "deck_id": deck_id, "created_at": now,
                                  "updated_at": now}))
            continue
        note_ids[index] = row.id
        if revived or row.content_hash != values["content_hash"] or row.deck_id != deck_id:
            changes.append({**values, "id": row.id, "deck_id": deck_id, "updated_at": now,
                            "retired_at": None})
        else:
            unchanged += 1
    if changes:
        session.execute(update(NoteRow), changes)
    if fresh:
        ids = session.execute(insert(NoteRow).returning(NoteRow.id, sort_by_parameter_order=True),
                              [values for _, values in fresh]).scalars().all()
        for (index, _), note_id in zip(fresh, ids, strict=True):
            note_ids[index] = note_id
        session.execute(insert(CardRow), [
            {"note_id": note_id, "state": 0, "due": now, "reps": 0, "lapses": 0,
             "suspended": False, "leech": False, "created_at": now, "version": 0}
            for note_id in ids])
    return note_ids, ForeignImportCounts(added=len(fresh), updated=len(changes),
                                         unchanged=unchanged, decks=tuple(decks))


def _cards_of(session: Session, note_ids: Sequence[int]) -> dict[int, CardRecord]:
    cards: dict[int, CardRecord] = {}
    for part in _chunks(sorted(set(note_ids))):
        for row in session.execute(select(CardRow).where(CardRow.note_id.in_(part))).scalars():
            if row.note_id is not None:
                cards[row.note_id] = _card_record(row)
    return cards


_CARD_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps",
                "lapses", "suspended", "leech", "buried_until", "pending_question")


def _history(session: Session, items: Sequence[IncomingNote], note_ids: dict[int, int],
             replay: Replay) -> tuple[int, int]:
    """Append each card's new reviews (rated in time order, journaled); returns (reviews
    written, reviews the bank already had)."""
    cards = _cards_of(session, list(note_ids.values()))
    rated: list[tuple[datetime, int, CardRecord, IncomingReview]] = []
    card_updates: list[dict[str, Any]] = []
    known = 0
    for index, item in enumerate(items):
        card = cards[note_ids[index]]
        last = card.last_review
        new = [r for r in item.reviews if last is None or r.at > last]
        known += len(item.reviews) - len(new)
        final = card
        if new:
            steps = replay(card, new)
            rated.extend((review.at, card.id, before, review)
                         for review, (before, _) in zip(new, steps, strict=True))
            final = steps[-1][1]
        if item.suspended and not final.suspended:
            final = final.with_changes(suspended=True)
        if final != card:
            card_updates.append({"id": card.id, "version": card.version + 1,
                                 **{name: getattr(final, name) for name in _CARD_FIELDS}})
    if card_updates:
        session.execute(update(CardRow), card_updates)
    if rated:
        _journal(session, sorted(rated, key=lambda r: (r[0], r[1])))
    return len(rated), known


def _journal(session: Session,
             rated: Sequence[tuple[datetime, int, CardRecord, IncomingReview]]) -> None:
    """Review-log rows and their undo entries, ids in time order (the newest review is the
    newest action, so `dlquiz undo` after an import takes back the latest review first)."""
    next_log = (session.scalar(select(func.max(ReviewLogRow.id))) or 0) + 1
    next_action = (session.scalar(select(func.max(ActionRow.id))) or 0) + 1
    logs: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    for offset, (at, card_id, before, review) in enumerate(rated):
        state = snapshot(before)
        logs.append({"id": next_log + offset, "card_id": card_id, "rating": review.rating,
                     "reviewed_at": at, "duration_ms": review.duration_ms,
                     "before_json": json.dumps(state, ensure_ascii=False),
                     "state_before": before.state})
        actions.append({"id": next_action + offset, "kind": "rate", "created_at": at,
                        "review_log_id": next_log + offset,
                        "before_json": dumps([(card_id, state)])})
    session.execute(insert(ReviewLogRow), logs)
    session.execute(insert(ActionRow), actions)


def import_foreign_notes(bank: Bank, items: Sequence[IncomingNote], replay: Replay,
                         now: datetime, *, dry_run: bool = False) -> ForeignImportCounts:
    """Write `items` (notes, their cards and history) in one transaction; nothing is written
    on a dry run or if anything fails."""
    with bank.write(dry_run=dry_run) as session:
        note_ids, counts = _upsert_notes(session, items, now)
        reviews, known = _history(session, items, note_ids, replay)
    return ForeignImportCounts(added=counts.added, updated=counts.updated,
                               unchanged=counts.unchanged, reviews=reviews,
                               reviews_known=known, decks=counts.decks)
