"""Follow-up questions of notes, kept in step with the notes files: each gets a card the
first time it is seen, keeps it (and its history) while its question stays the same, is
retired when it disappears, and comes back with its history if it reappears."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from dlquiz.notes.model import FollowUp
from dlquiz.store.schema.models import CardRow, FollowUpRow


def sync_followups(session: Session, by_note: Mapping[int, Sequence[FollowUp]],
                   now: datetime) -> None:
    """Make the follow-ups of these notes (note id -> what the file now says) match."""
    if not by_note:
        return
    # an import passes thousands of note ids, mostly consecutive: read their id range and
    # keep the rows of these notes here, rather than bind every id in an IN list
    rows = session.scalars(select(FollowUpRow).where(
        FollowUpRow.note_id.between(min(by_note), max(by_note))).order_by(FollowUpRow.id))
    known: dict[tuple[int, str], FollowUpRow] = {}
    for row in rows:
        if row.note_id not in by_note:
            continue
        held = known.get((row.note_id, row.key))
        if held is None or held.retired_at is not None:  # prefer the active one
            known[(row.note_id, row.key)] = row
    fresh: list[dict[str, Any]] = []
    wanted: set[tuple[int, str]] = set()
    for note_id, followups in by_note.items():
        for position, followup in enumerate(followups):
            wanted.add((note_id, followup.key))
            stored = known.get((note_id, followup.key))
            values = {"question": followup.question, "answer": followup.answer,
                      "line": followup.line, "position": position}
            if stored is None:
                fresh.append({"note_id": note_id, "key": followup.key, "created_at": now,
                              "updated_at": now, **values})
            elif stored.retired_at is not None or any(getattr(stored, k) != v
                                                      for k, v in values.items()):
                for name, value in values.items():
                    setattr(stored, name, value)
                stored.retired_at = None
                stored.updated_at = now
    gone = [row.id for key, row in known.items() if key not in wanted and row.retired_at is None]
    if gone:
        session.execute(update(FollowUpRow).where(FollowUpRow.id.in_(gone))
                        .values(retired_at=now, updated_at=now))
    if fresh:
        ids = session.execute(insert(FollowUpRow).returning(FollowUpRow.id, FollowUpRow.note_id),
                              fresh).all()
        session.execute(insert(CardRow), [
            {"note_id": note_id, "followup_id": followup_id, "state": 0, "due": now,
             "reps": 0, "lapses": 0, "suspended": False, "leech": False, "created_at": now,
             "version": 0}
            for followup_id, note_id in ids])


def retire_followups(session: Session, note_ids: Sequence[int], now: datetime) -> None:
    """Retire with their parent notes."""
    if note_ids:
        session.execute(update(FollowUpRow).where(FollowUpRow.note_id.in_(list(note_ids)),
                                                  FollowUpRow.retired_at.is_(None))
                        .values(retired_at=now, updated_at=now))
