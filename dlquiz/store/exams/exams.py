"""Practice exams in the bank. Each change is one write transaction that first checks the
exam is still open (not submitted, not past its deadline at `now`), so an answer can never
land after the exam ended, whichever process submitted it."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.records import MAX_ID
from dlquiz.store.exams.records import (
    ExamItemRecord,
    ExamRecord,
    ExamSummary,
    ItemGrade,
    NewItem,
    dump_points,
)
from dlquiz.store.schema.errors import InputError
from dlquiz.store.schema.models import ExamItemRow, ExamRow


def _item_record(row: ExamItemRow) -> ExamItemRecord:
    return ExamItemRecord(
        n=row.n, type=row.type, topic=row.topic, prompt=row.prompt,  # type: ignore[arg-type]
        question_id=row.question_id, kind=row.kind, note_id=row.note_id,
        note_key=row.note_key, parent_n=row.parent_n, reference=row.reference,
        key_points=tuple(json.loads(row.key_points_json)), answer=row.answer,
        answered_at=row.answered_at, seconds=row.seconds or 0.0, flagged=bool(row.flagged),
        points=tuple(json.loads(row.points_json)) if row.points_json else None,
        score=row.score, correct=row.correct, expected=row.expected, diagnosis=row.diagnosis,
        readable=row.readable)


def _record(session: Session, row: ExamRow) -> ExamRecord:
    items = session.scalars(select(ExamItemRow).where(ExamItemRow.exam_id == row.id)
                            .order_by(ExamItemRow.n)).all()
    return ExamRecord(
        id=row.id, name=row.name, spec=json.loads(row.spec_json), seed=row.seed,
        dlquiz_version=row.dlquiz_version, lang=row.lang, feedback=row.feedback,
        minutes=row.minutes, started_at=row.started_at, deadline=row.deadline,
        submitted_at=row.submitted_at, timed_out=bool(row.timed_out), score=row.score,
        max_score=row.max_score, parent_id=row.parent_id,
        items=tuple(_item_record(item) for item in items))


def _exam_row(session: Session, exam_id: int, *, lock: bool = False) -> ExamRow:
    if not 0 < exam_id <= MAX_ID:
        raise InputError(f"no exam with id {exam_id}; `dlquiz exam list` shows them.")
    query = select(ExamRow).where(ExamRow.id == exam_id)
    row = session.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        raise InputError(f"no exam with id {exam_id}; `dlquiz exam list` shows them.")
    return row


def create_exam(bank: Bank, *, name: str | None, spec: Mapping[str, object], seed: int,
                version: str, lang: str, feedback: str, minutes: int, started_at: datetime,
                deadline: datetime, parent_id: int | None,
                items: Sequence[NewItem]) -> ExamRecord:
    with bank.write() as session:
        exam = ExamRow(name=name, spec_json=json.dumps(spec, ensure_ascii=False), seed=seed,
                       dlquiz_version=version, lang=lang, feedback=feedback, minutes=minutes,
                       started_at=started_at, deadline=deadline, parent_id=parent_id,
                       timed_out=False)
        session.add(exam)
        session.flush()
        for item in items:
            values = asdict(item)
            values["key_points_json"] = json.dumps(list(values.pop("key_points")),
                                                   ensure_ascii=False)
            session.add(ExamItemRow(exam_id=exam.id, seconds=0.0, flagged=False, **values))
        session.flush()
        return _record(session, exam)


def get_exam(bank: Bank, exam_id: int) -> ExamRecord:
    with bank.read() as session:
        return _record(session, _exam_row(session, exam_id))


def open_exams(bank: Bank) -> list[int]:
    """Ids of the exams not submitted yet, newest first."""
    with bank.read() as session:
        return list(session.scalars(select(ExamRow.id).where(ExamRow.submitted_at.is_(None))
                                    .order_by(ExamRow.id.desc())))


def list_exams(bank: Bank) -> list[ExamSummary]:
    with bank.read() as session:
        counts = dict(session.execute(select(ExamItemRow.exam_id, func.count())
                                      .group_by(ExamItemRow.exam_id)).all())
        rows = session.scalars(select(ExamRow).order_by(ExamRow.id)).all()
        summaries = []
        for row in rows:
            percent = (round(100.0 * row.score / row.max_score, 1)
                       if row.score is not None and row.max_score else None)
            duration = ((min(row.submitted_at, row.deadline) - row.started_at).total_seconds()
                        if row.submitted_at is not None else None)
            summaries.append(ExamSummary(
                id=row.id, started_at=row.started_at, name=row.name,
                items=int(counts.get(row.id, 0)), percent=percent,
                duration_seconds=duration, timed_out=bool(row.timed_out),
                submitted=row.submitted_at is not None))
        return summaries


def _open_for_answers(session: Session, exam_id: int, now: datetime) -> ExamRow:
    exam = _exam_row(session, exam_id, lock=True)
    if exam.submitted_at is not None:
        raise InputError(f"exam {exam_id} was submitted at "
                         f"{exam.submitted_at.astimezone():%Y-%m-%d %H:%M}; its answers can "
                         "no longer change (`dlquiz exam show` has the debrief).")
    if now > exam.deadline:
        raise InputError(f"exam {exam_id} ran out of time at "
                         f"{exam.deadline.astimezone():%H:%M} ({exam.minutes} min); submit it "
                         f"with `dlquiz exam submit {exam_id}` to see the result.")
    return exam


def _item_row(session: Session, exam_id: int, n: int) -> ExamItemRow:
    row = session.scalars(select(ExamItemRow).where(ExamItemRow.exam_id == exam_id,
                                                    ExamItemRow.n == n)).first()
    if row is None:
        count = session.scalar(select(func.count()).where(ExamItemRow.exam_id == exam_id))
        raise InputError(f"exam {exam_id} has no item {n}; its items are 1 to {count}.")
    return row


def save_answer(bank: Bank, exam_id: int, n: int, answer: str, now: datetime, *,
                seconds: float = 0.0, grade: ItemGrade | None = None) -> ExamItemRecord:
    """Keep the answer typed so far for item n (and, with immediate feedback, its grade)."""
    with bank.write() as session:
        _open_for_answers(session, exam_id, now)
        row = _item_row(session, exam_id, n)
        if grade is not None and row.score is not None and row.type == "computational":
            raise InputError(f"item {n} of exam {exam_id} was already answered and checked; "
                             "its answer is final.")
        row.answer = answer
        row.answered_at = now
        row.seconds = (row.seconds or 0.0) + max(seconds, 0.0)
        if grade is not None:
            _write_grade(row, grade)
        return _item_record(row)


def add_seconds(bank: Bank, exam_id: int, n: int, seconds: float, now: datetime) -> None:
    with bank.write() as session:
        _open_for_answers(session, exam_id, now)
        row = _item_row(session, exam_id, n)
        row.seconds = (row.seconds or 0.0) + max(seconds, 0.0)


def set_flag(bank: Bank, exam_id: int, n: int, flagged: bool, now: datetime) -> None:
    with bank.write() as session:
        _open_for_answers(session, exam_id, now)
        _item_row(session, exam_id, n).flagged = flagged


def _write_grade(row: ExamItemRow, grade: ItemGrade) -> None:
    row.score = grade.score
    row.correct = grade.correct
    row.expected = grade.expected
    row.diagnosis = grade.diagnosis
    row.readable = grade.readable


def submit_exam(bank: Bank, exam_id: int, grades: Mapping[int, ItemGrade], *,
                submitted_at: datetime, timed_out: bool, score: float, max_score: float,
                answers: Mapping[int, str] | None = None,
                seconds: Mapping[int, float] | None = None) -> ExamRecord:
    """Close the exam with the answers as they stood at submission and their grades
    (refused if it was submitted meanwhile)."""
    with bank.write() as session:
        exam = _exam_row(session, exam_id, lock=True)
        if exam.submitted_at is not None:
            raise InputError(f"exam {exam_id} was already submitted at "
                             f"{exam.submitted_at.astimezone():%Y-%m-%d %H:%M}.")
        for n, text in (answers or {}).items():
            row = _item_row(session, exam_id, n)
            row.answer = text
            row.answered_at = submitted_at
        for n, spent in (seconds or {}).items():
            row = _item_row(session, exam_id, n)
            row.seconds = (row.seconds or 0.0) + max(spent, 0.0)
        for n, grade in grades.items():
            _write_grade(_item_row(session, exam_id, n), grade)
        exam.submitted_at = submitted_at
        exam.timed_out = timed_out
        exam.score = score
        exam.max_score = max_score
        session.flush()
        return _record(session, exam)


def set_points(bank: Bank, exam_id: int, n: int, points: tuple[int, ...], grade: ItemGrade,
               score: float, max_score: float) -> ExamRecord:
    """Self-grading of a recall item after submission, with the exam's new total."""
    with bank.write() as session:
        exam = _exam_row(session, exam_id, lock=True)
        row = _item_row(session, exam_id, n)
        row.points_json = dump_points(points)
        _write_grade(row, grade)
        exam.score = score
        exam.max_score = max_score
        session.flush()
        return _record(session, exam)
