"""Practice attempts (`dlquiz practice`) kept in the bank for progress tracking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dlquiz.store.models import AttemptRow


@dataclass(frozen=True)
class AttemptStats:
    attempts: int
    correct: int


def record_attempt(session: Session, *, question_id: str, kind: str, difficulty: int,
                   answer: str, correct: bool, score: float, diagnosis: str | None,
                   answered_at: datetime, duration_ms: int | None) -> None:
    session.add(AttemptRow(question_id=question_id, kind=kind, difficulty=difficulty,
                           answer=answer, correct=correct, score=score, diagnosis=diagnosis,
                           answered_at=answered_at, duration_ms=duration_ms))
    session.commit()


def attempt_stats(session: Session, kind: str | None = None) -> AttemptStats:
    query = select(func.count(AttemptRow.id), func.sum(AttemptRow.correct.cast(int)))
    if kind is not None:
        query = query.where(AttemptRow.kind == kind)
    total, right = session.execute(query).one()
    return AttemptStats(attempts=int(total or 0), correct=int(right or 0))
