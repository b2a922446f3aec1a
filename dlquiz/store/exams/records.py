"""Frozen records of practice exams as the store hands them out."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

ItemType = Literal["computational", "recall"]


@dataclass(frozen=True)
class ItemGrade:
    """What grading decided for one item (None score: a recall item not self-graded yet)."""

    score: float | None
    correct: bool | None
    expected: str | None = None
    diagnosis: str | None = None
    readable: bool | None = None


@dataclass(frozen=True)
class NewItem:
    """An item as the assembly planned it, with what it shows frozen in."""

    n: int
    type: ItemType
    topic: str
    prompt: str
    question_id: str | None = None
    kind: str | None = None
    note_id: int | None = None
    note_key: str | None = None
    parent_n: int | None = None
    reference: str | None = None
    key_points: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExamItemRecord:
    n: int
    type: ItemType
    topic: str
    prompt: str
    question_id: str | None
    kind: str | None
    note_id: int | None
    note_key: str | None
    parent_n: int | None
    reference: str | None
    key_points: tuple[str, ...]
    answer: str | None
    answered_at: datetime | None
    seconds: float
    flagged: bool
    points: tuple[int, ...] | None
    score: float | None
    correct: bool | None
    expected: str | None
    diagnosis: str | None
    readable: bool | None

    @property
    def answered(self) -> bool:
        return bool((self.answer or "").strip())

    @property
    def graded(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class ExamRecord:
    id: int
    name: str | None
    spec: dict[str, Any]
    seed: int
    dlquiz_version: str
    lang: str
    feedback: str
    minutes: int
    started_at: datetime
    deadline: datetime
    submitted_at: datetime | None
    timed_out: bool
    score: float | None
    max_score: float | None
    parent_id: int | None
    items: tuple[ExamItemRecord, ...] = field(default=())

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    def item(self, n: int) -> ExamItemRecord:
        for item in self.items:
            if item.n == n:
                return item
        raise KeyError(n)

    @property
    def duration_seconds(self) -> float | None:
        if self.submitted_at is None:
            return None
        return (min(self.submitted_at, self.deadline) - self.started_at).total_seconds()


@dataclass(frozen=True)
class ExamSummary:
    id: int
    started_at: datetime
    name: str | None
    items: int
    percent: float | None
    duration_seconds: float | None
    timed_out: bool
    submitted: bool

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.started_at.isoformat(), "spec": self.name,
                "items": self.items, "percent": self.percent,
                "duration_seconds": self.duration_seconds, "timed_out": self.timed_out,
                "submitted": self.submitted}


@dataclass(frozen=True)
class NoteMaterial:
    """A note an exam can ask: its answer (the user's, or the built-in twin's for a draft)
    and its follow-ups as (question, answer) pairs; whether it is one of the user's own
    notes (not the built-in deck's) and whether its card was ever reviewed."""

    note_id: int
    deck: str
    key: str
    topic: str | None
    tags: tuple[str, ...]
    number: str | None
    title: str
    answer: str
    followups: tuple[tuple[str, str], ...] = ()
    own: bool = False
    studied: bool = False


def dump_points(points: tuple[int, ...] | None) -> str | None:
    return None if points is None else json.dumps(list(points))
