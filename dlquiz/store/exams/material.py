"""What an exam can be made of: the notes that have an answer (the user's and the built-in
one of each question), and the kinds and notes the user got wrong recently (for the
`missed` preset)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select

from dlquiz.store.bank.database import Bank
from dlquiz.store.exams.records import NoteMaterial
from dlquiz.store.schema.models import (
    AttemptRow,
    CardRow,
    DeckRow,
    ExamItemRow,
    ExamRow,
    NoteRow,
    ReviewLogRow,
)
from dlquiz.store.schema.states import AGAIN

PASSING_SHARE = 0.5  # a recall item below half its key points counts as missed


def recall_material(bank: Bank) -> list[NoteMaterial]:
    """Active notes with an answer, at most one per question (title key) and side: the
    user's note (the first deck by name when several ask it; a draft borrows the built-in
    answer, whose key points it is graded on) and the built-in one. Which of the two an exam
    asks is the exam's choice (ExamSpec.source). Sorted by key, the user's note first."""
    studied = (select(CardRow.id).where(CardRow.note_id == NoteRow.id,
                                        CardRow.followup_id.is_(None), CardRow.reps > 0)
               .exists())
    with bank.read() as session:
        rows = session.execute(
            select(NoteRow.id, DeckRow.name, DeckRow.builtin, NoteRow.key, NoteRow.topic,
                   NoteRow.tags_json, NoteRow.number, NoteRow.title, NoteRow.answer,
                   NoteRow.status, studied.label("studied"))
            .join(DeckRow, DeckRow.id == NoteRow.deck_id)
            .where(NoteRow.retired_at.is_(None))
            .order_by(NoteRow.key, DeckRow.builtin, DeckRow.name, NoteRow.id)).all()
    builtin_answers = {r.key: r.answer for r in rows if r.builtin and r.status != "draft"}
    chosen: dict[tuple[str, bool], NoteMaterial] = {}
    for r in rows:
        side = (r.key, bool(r.builtin))
        if side in chosen:
            continue
        answer = r.answer if r.status != "draft" else builtin_answers.get(r.key, "")
        if not answer.strip():
            continue
        chosen[side] = NoteMaterial(note_id=r.id, deck=r.name, key=r.key, topic=r.topic,
                                    tags=tuple(json.loads(r.tags_json)), number=r.number,
                                    title=r.title, answer=answer, own=not r.builtin,
                                    studied=bool(r.studied))
    return [chosen[side] for side in sorted(chosen)]


def missed_since(bank: Bank, since: datetime) -> tuple[set[str], set[int]]:
    """(question kinds, note ids) the user got wrong since `since`: Again on a note card or a
    wrong skill-card answer in study, a wrong practice attempt, a wrong or weak exam item."""
    with bank.read() as session:
        kinds = set(session.scalars(
            select(CardRow.skill_kind).join(ReviewLogRow, ReviewLogRow.card_id == CardRow.id)
            .where(CardRow.skill_kind.is_not(None), ReviewLogRow.correct.is_(False),
                   ReviewLogRow.reviewed_at >= since)))
        kinds |= set(session.scalars(select(AttemptRow.kind).where(
            AttemptRow.correct.is_(False), AttemptRow.answered_at >= since)))
        kinds |= {k for k in session.scalars(
            select(ExamItemRow.kind).join(ExamRow, ExamRow.id == ExamItemRow.exam_id)
            .where(ExamItemRow.type == "computational", ExamItemRow.correct.is_(False),
                   ExamRow.started_at >= since)) if k}
        notes = set(session.scalars(
            select(CardRow.note_id).join(ReviewLogRow, ReviewLogRow.card_id == CardRow.id)
            .where(CardRow.note_id.is_not(None), ReviewLogRow.rating == AGAIN,
                   ReviewLogRow.reviewed_at >= since)))
        notes |= {n for n in session.scalars(
            select(ExamItemRow.note_id).join(ExamRow, ExamRow.id == ExamItemRow.exam_id)
            .where(ExamItemRow.type == "recall", ExamItemRow.score < PASSING_SHARE,
                   ExamRow.started_at >= since)) if n}
    return {k for k in kinds if k}, {n for n in notes if n}
