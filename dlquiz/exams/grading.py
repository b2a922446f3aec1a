"""Grading an exam: computational items by the question engine (partial credit where the
kind defines it, the named mistake, the expected answer), recall items by the share of key
points the user ticked when self-grading; totals overall and by topic."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dlquiz.store.exams import ExamItemRecord, ItemGrade


def grade_computational(question_id: str, answer: str | None, lang: str) -> ItemGrade:
    """The engine's verdict; an empty or unreadable answer scores 0 (said so, not
    diagnosed)."""
    from engine.questions import check  # deferred: numpy

    if not (answer or "").strip():
        from engine.questions import question_from_id

        expected = question_from_id(question_id, lang).expected_display
        return ItemGrade(score=0.0, correct=False, expected=expected, readable=True)
    verdict = check(question_id, answer or "", lang)
    return ItemGrade(score=float(verdict.score), correct=bool(verdict.correct),
                     expected=verdict.expected, diagnosis=verdict.diagnosis,
                     readable=bool(verdict.readable))


def grade_recall(ticked: Sequence[int], total: int) -> ItemGrade:
    """Self-grading: the share of the key points covered (numbers are 1-based)."""
    if total == 0:
        return ItemGrade(score=1.0 if ticked else 0.0, correct=bool(ticked))
    share = len(set(ticked)) / total
    return ItemGrade(score=share, correct=share >= 0.5)


@dataclass(frozen=True)
class Totals:
    score: float
    max_score: float
    by_topic: dict[str, float]  # topic -> percent

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0


def totals(items: Iterable[ExamItemRecord]) -> Totals:
    """Every item is worth 1 point; an item not graded yet counts 0 for now."""
    score = 0.0
    count = 0
    topic_score: dict[str, float] = {}
    topic_count: dict[str, int] = {}
    for item in items:
        value = item.score or 0.0
        score += value
        count += 1
        topic_score[item.topic] = topic_score.get(item.topic, 0.0) + value
        topic_count[item.topic] = topic_count.get(item.topic, 0) + 1
    by_topic = {topic: round(100.0 * topic_score[topic] / topic_count[topic], 1)
                for topic in sorted(topic_count)}
    return Totals(score=score, max_score=float(count), by_topic=by_topic)
