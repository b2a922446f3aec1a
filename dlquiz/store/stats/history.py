"""What the statistics read about computational questions and exams: every answer to a
question (in study, practice or an exam) with its kind and difficulty, every named mistake,
and every submitted exam's score, overall and by topic. Study answers are found from the
skill cards (a few dozen) through the (card_id, reviewed_at) index, never by scanning the
review log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dlquiz.store.bank.database import Bank
from dlquiz.store.stats.dialect import StatsDialect, dialect_of
from dlquiz.store.stats.records import ExamScore, ExamTopicCells, MistakeSeen, SkillAnswer
from dlquiz.store.stats.sql import fetch, names_list, parse_stamp


def _difficulty(question_id: str | None) -> int:
    """`kind/difficulty/seed` -> difficulty (1 when the id is not of that form)."""
    parts = (question_id or "").split("/")
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else 1


def _kind_filter(q: StatsDialect, column: str, kinds: Sequence[str] | None,
                 params: dict[str, Any]) -> str:
    if kinds is None:
        return ""
    names = names_list(kinds, "kind", params)
    return f" AND {column} IN ({names})" if names else f" AND {q.false}"


def skill_answers(bank: Bank, kinds: Sequence[str] | None = None) -> list[SkillAnswer]:
    """Every checked answer, oldest first (answers at the same instant by source and id);
    `kinds` limits them to those kinds."""
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    sql = f"""
SELECT c.skill_kind, 'study', r.reviewed_at, r.correct, r.question_id, r.id
  FROM cards c {q.ordered_join} review_logs r ON r.card_id = c.id
  WHERE c.skill_kind IS NOT NULL AND r.correct IS NOT NULL
        {_kind_filter(q, 'c.skill_kind', kinds, params)}
UNION ALL
SELECT a.kind, 'practice', a.answered_at, a.correct, a.question_id, a.id
  FROM attempts a WHERE {q.true}{_kind_filter(q, 'a.kind', kinds, params)}
UNION ALL
SELECT i.kind, 'exam', coalesce(i.answered_at, e.submitted_at), i.correct, i.question_id, i.id
  FROM exam_items i JOIN exams e ON e.id = i.exam_id
  WHERE i.kind IS NOT NULL AND i.correct IS NOT NULL AND e.submitted_at IS NOT NULL
        {_kind_filter(q, 'i.kind', kinds, params)}
ORDER BY 3, 2, 6"""
    rows = fetch(bank, sql, params)
    return [SkillAnswer(kind=str(r[0]), source=str(r[1]), at=parse_stamp(r[2]), correct=bool(r[3]),
                        difficulty=_difficulty(r[4])) for r in rows]


def mistakes_seen(bank: Bank, kinds: Sequence[str] | None = None) -> list[MistakeSeen]:
    """Every named mistake made, oldest first (at the same instant by source and id): in
    study, practice and exams."""
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    sql = f"""
SELECT r.diagnosis, c.skill_kind, 'study', r.reviewed_at, r.id
  FROM cards c {q.ordered_join} review_logs r ON r.card_id = c.id
  WHERE c.skill_kind IS NOT NULL AND r.diagnosis IS NOT NULL
        {_kind_filter(q, 'c.skill_kind', kinds, params)}
UNION ALL
SELECT a.diagnosis, a.kind, 'practice', a.answered_at, a.id FROM attempts a
  WHERE a.diagnosis IS NOT NULL AND a.correct = {q.false}{_kind_filter(q, 'a.kind', kinds, params)}
UNION ALL
SELECT i.diagnosis, i.kind, 'exam', coalesce(i.answered_at, e.submitted_at), i.id
  FROM exam_items i JOIN exams e ON e.id = i.exam_id
  WHERE i.diagnosis IS NOT NULL AND i.correct = {q.false} AND e.submitted_at IS NOT NULL
        {_kind_filter(q, 'i.kind', kinds, params)}
ORDER BY 4, 3, 5"""
    rows = fetch(bank, sql, params)
    return [MistakeSeen(name=str(r[0]), kind=str(r[1] or ""), source=str(r[2]),
                        at=parse_stamp(r[3])) for r in rows]


def exam_scores(bank: Bank) -> list[ExamScore]:
    """Every submitted exam with a score, oldest first."""
    sql = """
SELECT id, name, started_at, 100.0 * score / max_score, timed_out FROM exams
WHERE submitted_at IS NOT NULL AND score IS NOT NULL AND max_score > 0 ORDER BY started_at, id"""
    rows = fetch(bank, sql)
    return [ExamScore(id=int(r[0]), name=r[1], started_at=parse_stamp(r[2]), percent=float(r[3]),
                      timed_out=bool(r[4])) for r in rows]


def exam_topics(bank: Bank, topic: str | None = None) -> list[ExamTopicCells]:
    """Graded exam items by topic: how many, and the sum of their scores (0..1 each)."""
    params: dict[str, Any] = {}
    where = ""
    if topic is not None:
        params["topic"] = topic
        where = " AND i.topic = :topic"
    sql = f"""
SELECT i.topic, count(*), sum(i.score) FROM exam_items i JOIN exams e ON e.id = i.exam_id
WHERE e.submitted_at IS NOT NULL AND i.score IS NOT NULL{where} GROUP BY i.topic"""
    rows = fetch(bank, sql, params)
    return [ExamTopicCells(topic=str(r[0]), items=int(r[1]), score=float(r[2] or 0.0))
            for r in rows]
