"""Grading: recall items by the share of key points ticked, totals by topic (worked out by
hand below), computational items by the engine."""

from __future__ import annotations

from dataclasses import replace

from dlquiz.exams.grading import grade_computational, grade_recall, totals
from dlquiz.store.exams.records import ExamItemRecord
from engine.questions import question_from_id

BASE = ExamItemRecord(n=1, type="recall", topic="conv", prompt="q", question_id=None,
                      kind=None, note_id=1, note_key="q", parent_n=None, reference="r",
                      key_points=("a", "b", "c", "d"), answer="x", answered_at=None, seconds=0,
                      flagged=False, points=None, score=None, correct=None, expected=None,
                      diagnosis=None, readable=None)


def test_recall_score_is_the_share_ticked() -> None:
    assert grade_recall((1, 3, 4), 4).score == 0.75
    assert grade_recall((1, 1, 3), 4).score == 0.5  # a point ticked twice counts once
    assert grade_recall((), 4).score == 0.0


def test_totals_by_topic() -> None:
    items = [replace(BASE, n=1, topic="conv", score=1.0),
             replace(BASE, n=2, topic="conv", score=0.5),
             replace(BASE, n=3, topic="optim", score=0.25),
             replace(BASE, n=4, topic="optim", score=None)]  # not self-graded yet: 0
    total = totals(items)
    assert (total.score, total.max_score) == (1.75, 4.0)
    assert total.percent == 43.75
    assert total.by_topic == {"conv": 75.0, "optim": 12.5}


def test_computational_items_are_graded_by_the_engine() -> None:
    qid = "conv-params/1/7"
    expected = question_from_id(qid).expected_display
    right = grade_computational(qid, expected, "en")
    assert (right.score, right.correct) == (1.0, True)
    empty = grade_computational(qid, "  ", "en")
    assert (empty.score, empty.correct, empty.expected) == (0.0, False, expected)
    unreadable = grade_computational(qid, "no idea", "en")
    assert (unreadable.score, unreadable.readable) == (0.0, False)
