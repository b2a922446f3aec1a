"""Bring one deck of the bank in line with freshly parsed notes files.

A note is matched by its title key, so editing an answer updates it in place (its card and
review history stay), renumbering keeps it, and a changed question retires the old note
and adds a new one. Files whose bytes did not change are not parsed or touched at all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.orm import Session

from dlquiz.notes.identity import content_hash, title_key
from dlquiz.notes.model import FollowUp, Note, ParsedNotes
from dlquiz.store.cards.followups import retire_followups, sync_followups
from dlquiz.store.schema.models import Base, DeckRow, NoteRow, SourceRow


@dataclass(frozen=True)
class SourceFile:
    """One file to import: its absolute path, the digest of its bytes, and its parse (None
    when the digest matches what the bank already holds)."""

    path: str
    digest: str
    parsed: ParsedNotes | None
    empty_reason: str | None = None  # why a file that was read yields no notes
    known: bool = False  # the deck imported this file before


@dataclass(frozen=True)
class DeckChanges:
    added: int
    updated: int
    unchanged: int
    retired: int
    drafts: int
    appeared: tuple[tuple[str, int], ...] = ()  # (key, note id) of notes added or revived
    went: tuple[tuple[str, int], ...] = ()  # (key, note id) of notes retired


_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False), built once


def _json_list(items: list[Any]) -> str:
    """`items` as JSON; most notes have no tags or practice lists: no encoder call for those."""
    return _JSON.encode(items) if items else "[]"


def _note_values(note: Note, key: str, path: str, position: int) -> dict[str, Any]:
    return {
        "key": key,
        "topic": note.topic,
        "number": note.number,
        "title": note.title,
        "answer": note.answer,
        "references_json": _json_list([[r.title, r.url] for r in note.references]),
        "tags_json": _json_list(list(note.tags)),
        "practice_json": _json_list(list(note.practice)),
        "status": note.status,
        "content_hash": content_hash(note),
        "source_path": path,
        "source_line": note.line,
        "position": position,
    }


class _KeyAssigner:
    """Title keys for one deck: a question asked again (in the same file or in another file
    of the deck) gets `key#2`, `key#3`… in reading order, skipping keys held by notes of
    files that are not being re-read."""

    def __init__(self, reserved: set[str]) -> None:
        self.reserved = reserved
        self.count: dict[str, int] = {}

    def key(self, note: Note) -> str:
        base = title_key(note.title)
        while True:
            n = self.count.get(base, 0) + 1
            self.count[base] = n
            key = base if n == 1 else f"{base}#{n}"
            if key not in self.reserved:
                return key


def get_or_create_deck(session: Session, name: str, now: datetime, *, builtin: bool) -> int:
    deck_id = session.scalar(select(DeckRow.id).where(DeckRow.name == name))
    if deck_id is not None:
        return deck_id
    deck = DeckRow(name=name, builtin=builtin, created_at=now)
    session.add(deck)
    session.flush()
    return deck.id


def unchanged_counts(session: Session, deck_id: int, paths: list[str]) -> tuple[int, int]:
    """(notes, drafts) the deck holds from these files, which are not read again."""
    if not paths:
        return 0, 0
    notes, drafts = session.execute(  # counted by the database: one row comes back
        select(func.count(), func.coalesce(func.sum(case((NoteRow.status == "draft", 1),
                                                         else_=0)), 0))
        .where(NoteRow.deck_id == deck_id, NoteRow.retired_at.is_(None),
               NoteRow.source_path.in_(paths))
    ).one()
    return int(notes), int(drafts)


def sync_deck(session: Session, deck_id: int, files: Sequence[SourceFile],
              now: datetime) -> DeckChanges:
    """Apply the parsed files to the deck inside the caller's transaction."""
    still = [f.path for f in files if f.parsed is None]
    unchanged, drafts = unchanged_counts(session, deck_id, still)
    changed = [f for f in files if f.parsed is not None]
    if not changed:
        return DeckChanges(0, 0, unchanged, 0, drafts)

    existing = {
        row.key: row
        for row in session.execute(
            select(NoteRow.id, NoteRow.key, NoteRow.content_hash, NoteRow.source_path,
                   NoteRow.source_line, NoteRow.position)
            .where(NoteRow.deck_id == deck_id, NoteRow.retired_at.is_(None))
        ).all()
    }
    unchanged_paths = set(still)
    keys = _KeyAssigner({key for key, row in existing.items()
                         if row.source_path in unchanged_paths})
    incoming: list[dict[str, Any]] = []
    followups: dict[str, tuple[FollowUp, ...]] = {}
    for source in changed:
        assert source.parsed is not None
        for position, note in enumerate(source.parsed.notes):
            incoming.append(_note_values(note, keys.key(note), source.path, position))
            followups[incoming[-1]["key"]] = note.followups
    drafts += sum(1 for v in incoming if v["status"] == "draft")

    added_rows: list[dict[str, Any]] = []
    updated = 0
    seen: set[str] = set()
    for values in incoming:
        seen.add(values["key"])
        row = existing.get(values["key"])
        if row is None:
            added_rows.append(values)
        elif row.content_hash != values["content_hash"]:
            session.execute(update(NoteRow).where(NoteRow.id == row.id)
                            .values(**values, updated_at=now))
            updated += 1
        else:
            unchanged += 1
            location = (values["source_path"], values["source_line"], values["position"])
            if (row.source_path, row.source_line, row.position) != location:
                session.execute(update(NoteRow).where(NoteRow.id == row.id).values(
                    source_path=location[0], source_line=location[1], position=location[2]))

    changed_paths = {f.path for f in changed}
    gone = [(key, row.id) for key, row in existing.items()
            if key not in seen and row.source_path in changed_paths]
    if gone:
        gone_ids = [note_id for _, note_id in gone]
        session.execute(update(NoteRow).where(NoteRow.id.in_(gone_ids)).values(retired_at=now))
        retire_followups(session, gone_ids, now)

    added = _add_notes(session, deck_id, added_rows, now)
    ids = {key: note_id for key, note_id in session.execute(  # keys matched here: no IN list
        select(NoteRow.key, NoteRow.id).where(NoteRow.deck_id == deck_id,
                                              NoteRow.retired_at.is_(None)))
        if key in followups}
    sync_followups(session, {ids[key]: items for key, items in followups.items()
                             if key in ids}, now)
    appeared = tuple((v["key"], ids[v["key"]]) for v in added_rows if v["key"] in ids)
    return DeckChanges(added, updated, unchanged, len(gone), drafts, appeared=appeared,
                       went=tuple(gone))


def _add_notes(session: Session, deck_id: int, rows: list[dict[str, Any]], now: datetime) -> int:
    """Insert new notes (reviving a retired note with the same key, history and all)."""
    if not rows:
        return 0
    retired = {
        key: note_id
        for note_id, key in session.execute(
            select(NoteRow.id, NoteRow.key).where(
                NoteRow.deck_id == deck_id, NoteRow.retired_at.is_not(None),
                NoteRow.key.in_([r["key"] for r in rows]))
            .order_by(NoteRow.retired_at)
        ).all()
    }
    fresh: list[dict[str, Any]] = []
    for values in rows:
        note_id = retired.get(values["key"])
        if note_id is not None:
            session.execute(update(NoteRow).where(NoteRow.id == note_id)
                            .values(**values, updated_at=now, retired_at=None))
        else:
            fresh.append({**values, "deck_id": deck_id, "created_at": now, "updated_at": now})
    if fresh:  # Core inserts (one multi-row INSERT per batch), not ORM bulk objects
        notes, cards = Base.metadata.tables["notes"], Base.metadata.tables["cards"]
        ids = session.execute(insert(notes).returning(notes.c.id), fresh).scalars().all()
        session.execute(insert(cards), [
            {"note_id": note_id, "state": 0, "due": now, "reps": 0, "lapses": 0,
             "suspended": False, "leech": False, "created_at": now}
            for note_id in ids
        ])
    return len(rows)


def record_sources(session: Session, deck_id: int, files: Sequence[SourceFile],
                   now: datetime) -> None:
    """Remember each changed file's digest so the next unchanged import can skip it (one
    query for the known files, one batch insert for the new ones)."""
    changed = [source for source in files if source.parsed is not None]
    if not changed:
        return
    known = {row.path: row for row in session.scalars(
        select(SourceRow).where(SourceRow.deck_id == deck_id,
                                SourceRow.path.in_([s.path for s in changed])))}
    fresh = []
    for source in changed:
        row = known.get(source.path)
        if row is None:
            fresh.append({"deck_id": deck_id, "path": source.path, "digest": source.digest,
                          "imported_at": now})
        else:
            row.digest = source.digest
            row.imported_at = now
    if fresh:
        session.execute(insert(SourceRow), fresh)
