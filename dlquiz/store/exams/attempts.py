"""Practice attempts (`dlquiz practice`, and questions opened from a note's links) kept in
the bank for progress tracking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dlquiz.store.bank.database import Bank
from dlquiz.store.schema.models import AttemptRow


@dataclass(frozen=True)
class AttemptEntry:
    question_id: str
    kind: str
    difficulty: int
    answer: str
    correct: bool
    score: float
    diagnosis: str | None
    answered_at: datetime
    duration_ms: int | None


def record_attempt(bank: Bank, entry: AttemptEntry) -> None:
    with bank.write() as session:
        session.add(AttemptRow(question_id=entry.question_id, kind=entry.kind,
                               difficulty=entry.difficulty, answer=entry.answer,
                               correct=entry.correct, score=entry.score,
                               diagnosis=entry.diagnosis, answered_at=entry.answered_at,
                               duration_ms=entry.duration_ms))
