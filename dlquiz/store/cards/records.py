"""Card rows <-> frozen CardRecords, and the JSON snapshot undo restores.

The snapshot format is the one review logs have always stored in `before_json`, so the
history written by earlier versions stays undoable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from dlquiz.store.schema.models import CardRow
from dlquiz.store.schema.states import STATE_NAMES

MAX_ID = 2**63 - 1  # SQLite's INTEGER PRIMARY KEY range; larger numbers cannot be ids


@dataclass(frozen=True)
class CardRecord:
    """One card's scheduling state as stored."""

    id: int
    note_id: int | None
    skill_kind: str | None
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int
    lapses: int
    suspended: bool
    leech: bool
    buried_until: datetime | None
    pending_question: str | None
    version: int
    followup_id: int | None = None

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]

    def with_changes(self, **changes: Any) -> CardRecord:
        return replace(self, **changes)


_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses",
           "suspended", "leech", "buried_until", "pending_question")


def to_record(row: CardRow) -> CardRecord:
    return CardRecord(
        id=row.id, note_id=row.note_id, skill_kind=row.skill_kind, state=row.state,
        step=row.step, stability=row.stability, difficulty=row.difficulty, due=row.due,
        last_review=row.last_review, reps=row.reps, lapses=row.lapses,
        suspended=bool(row.suspended), leech=bool(row.leech), buried_until=row.buried_until,
        pending_question=row.pending_question, version=row.version or 0,
        followup_id=row.followup_id)


def write_record(row: CardRow, record: CardRecord) -> None:
    """Copy every mutable field onto the row and bump its version."""
    for name in _FIELDS:
        setattr(row, name, getattr(record, name))
    row.version = (row.version or 0) + 1


def snapshot(record: CardRecord) -> dict[str, Any]:
    """Everything an action can change, as JSON-able values."""
    data: dict[str, Any] = {name: getattr(record, name) for name in _FIELDS}
    for name in ("due", "last_review", "buried_until"):
        value = data[name]
        data[name] = value.isoformat() if value is not None else None
    return data


def from_snapshot(record: CardRecord, data: dict[str, Any]) -> CardRecord:
    """`record` put back as `snapshot` saw it (the version is not restored: it only grows)."""
    values = {name: data[name] for name in _FIELDS if name in data}
    for name in ("due", "last_review", "buried_until"):
        raw = values.get(name)
        values[name] = datetime.fromisoformat(raw) if raw else None
    if values.get("due") is None:
        values["due"] = record.due
    return replace(record, **values)


def dumps(pairs: list[tuple[int, dict[str, Any]]]) -> str:
    return json.dumps([[card_id, snap] for card_id, snap in pairs], ensure_ascii=False)


def loads(raw: str) -> list[tuple[int, dict[str, Any]]]:
    return [(int(card_id), snap) for card_id, snap in json.loads(raw)]
