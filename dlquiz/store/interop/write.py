"""Notes and review history from another program (an Anki package, a CSV file) written
into the bank, all in one write transaction.

Imported notes are matched by their key, which the importer derives from the other
program's identity (`anki:<guid>` for Anki notes), so importing the same file again
updates notes instead of adding them twice; a note is never retired by an import (a
package may hold part of a collection). Reviews are appended to a card only when they are
newer than its last review, so a re-import adds only what was reviewed since. Each
appended review is written as if it had been rated in dlquiz: a review-log row holding the
card's state before it, and its undo-journal entry, in time order across all cards; the
import as a whole is the newest entry (row_journal.py), so `dlquiz undo` takes it back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from dlquiz.notes.identity import content_hash
from dlquiz.store.bank.database import Bank, serialize
from dlquiz.store.cards.cards import lock_journal
from dlquiz.store.cards.records import CardRecord
from dlquiz.store.decks.sync import get_or_create_deck
from dlquiz.store.interop.incoming import ForeignImportCounts, IncomingNote, IncomingReview, Replay
from dlquiz.store.journal.row_journal import high_water, journal_rows, merge, read_image
from dlquiz.store.journal.row_scopes import import_scope
from dlquiz.store.schema.models import ActionRow, CardRow, NoteRow, ReviewLogRow
from dlquiz.store.schema.types import sqlite_utc

CHUNK = 500  # keys per IN (...) query, well under SQLite's bound-parameter limit


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
            steps = replay(card, new, item.study_days)
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
    """Review-log rows and their undo entries, ids in time order (each review is journaled
    as a rating; the import's own entry, newer than all of them, takes them back at once)."""
    next_log = (session.scalar(select(func.max(ReviewLogRow.id))) or 0) + 1
    next_action = (session.scalar(select(func.max(ActionRow.id))) or 0) + 1
    logs: list[tuple[Any, ...]] = []
    actions: list[tuple[Any, ...]] = []
    for offset, (at, card_id, before, review) in enumerate(rated):
        state = snapshot_json(before)
        logs.append((next_log + offset, card_id, review.rating, at, review.duration_ms, state,
                     before.state))
        # what card_records.dumps writes for [(card_id, snapshot)], without encoding twice
        actions.append((next_action + offset, "rate", at, next_log + offset,
                        f"[[{card_id}, {state}]]"))
    _insert_rows(session, ReviewLogRow.__table__, ("id", "card_id", "rating", "reviewed_at",
                                                   "duration_ms", "before_json",
                                                   "state_before"), logs, times=(3,))
    _insert_rows(session, ActionRow.__table__, ("id", "kind", "created_at", "review_log_id",
                                                "before_json"), actions, times=(2,))
    if actions and session.get_bind().dialect.name == "postgresql":
        # explicit ids do not move PostgreSQL's sequences: the next rating (or this import's
        # own undo entry) would be given an id that is taken
        for table in ("review_logs", "actions"):
            session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                 f"(SELECT max(id) FROM {table}))"))


def _json_time(value: datetime | None) -> str:
    return "null" if value is None else f'"{value.isoformat()}"'


def _json_number(value: float | int | None) -> str:
    return "null" if value is None else json.dumps(value)


def snapshot_json(card: CardRecord) -> str:
    """`json.dumps(snapshot(card), ensure_ascii=False)`, written out directly (the import
    encodes one per review; tests check the two agree)."""
    question = "null" if card.pending_question is None else json.dumps(
        card.pending_question, ensure_ascii=False)
    return (f'{{"state": {card.state}, "step": {_json_number(card.step)}, '
            f'"stability": {_json_number(card.stability)}, '
            f'"difficulty": {_json_number(card.difficulty)}, "due": {_json_time(card.due)}, '
            f'"last_review": {_json_time(card.last_review)}, "reps": {card.reps}, '
            f'"lapses": {card.lapses}, "suspended": {"true" if card.suspended else "false"}, '
            f'"leech": {"true" if card.leech else "false"}, '
            f'"buried_until": {_json_time(card.buried_until)}, '
            f'"pending_question": {question}}}')


def _insert_rows(session: Session, table: Any, columns: tuple[str, ...],
                 rows: list[tuple[Any, ...]], times: tuple[int, ...]) -> None:
    """Insert many rows in the session's transaction. On SQLite the driver's executemany
    is used directly, with datetimes written the way the UTCDateTime column stores them
    (naive UTC text): 400,000 rows then take seconds instead of half a minute."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        session.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    raw = connection.connection.driver_connection
    assert raw is not None
    stored = [tuple(sqlite_utc(value) if i in times else value for i, value in enumerate(row))
              for row in rows]
    marks = ", ".join("?" for _ in columns)
    raw.executemany(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", stored)


def import_foreign_notes(bank: Bank, items: Sequence[IncomingNote], replay: Replay,
                         now: datetime, *, dry_run: bool = False) -> ForeignImportCounts:
    """Write `items` (notes, their cards and history) in one transaction; nothing is written
    on a dry run or if anything fails."""
    names = sorted({item.deck for item in items})
    keys = {item.key for item in items}  # the same scope before and after (row_scopes)
    with bank.write(dry_run=dry_run) as session:
        if not dry_run:  # the import becomes one entry of the undo journal
            for name in names:
                serialize(session, f"deck:{name}")
            lock_journal(session)
            scope = import_scope(session, names, keys)
            before, fresh_above = read_image(session, scope), high_water(session)
        note_ids, counts = _upsert_notes(session, items, now)
        reviews, known = _history(session, items, note_ids, replay)
        if not dry_run and (counts.added or counts.updated or reviews):
            session.flush()
            after = read_image(session, merge(scope, import_scope(session, names, keys)))
            journal_rows(session, "import", f"import into deck{'s' if len(names) > 1 else ''} "
                         + ", ".join(f"'{n}'" for n in names), now, before, after,
                         fresh_above=fresh_above)
    return ForeignImportCounts(added=counts.added, updated=counts.updated,
                               unchanged=counts.unchanged, reviews=reviews,
                               reviews_known=known, decks=counts.decks)
