"""The answer key of an exported exam next to what the candidate did: the answer, the
verdict and the named mistake for each item; every key point printed once (the reference
answer below the points leaves them out); an answer given aloud; shapes all or nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from dlquiz.exams.debrief import debrief_markdown
from dlquiz.exams.export import export_exam
from dlquiz.exams.grading import grade_computational
from dlquiz.exams.keypoints import key_points, reference_rest
from dlquiz.exams.oral import is_oral, oral_answer
from dlquiz.store.exams.records import ExamItemRecord, ExamRecord

REFERENCE = """- **Weight sharing**: one kernel $T_w$ slides over the image.
- **Locality**: each output sees a small window.
  - a 3x3 window sees 9 inputs
- **Few parameters**: $k^2 C_{in} C_{out}$ weights.

$$y = \\sum_i w_i x_i$$

**Follow-ups**
- Q: why pad? A: to keep the size.
"""
POINTS = key_points(REFERENCE)
NOW = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
SHAPE_ID = "yolo-output/1/138"  # (13, 13, 90): B=2 boxes, C=80 classes on a 13x13 grid

RECALL = ExamItemRecord(
    n=1, type="recall", topic="conv", prompt="Why convolutions?", question_id=None,
    kind=None, note_id=1, note_key="q", parent_n=None, reference=REFERENCE,
    key_points=POINTS, answer="weights are shared", answered_at=NOW, seconds=30.0,
    flagged=False, points=(1, 3), score=2 / 3, correct=True, expected=None, diagnosis=None,
    readable=None)


def computational(answer: str, lang: str) -> ExamItemRecord:
    grade = grade_computational(SHAPE_ID, answer, lang)
    return replace(RECALL, n=2, type="computational", prompt="shape?", question_id=SHAPE_ID,
                   kind="yolo-output", note_id=None, reference=None, key_points=(),
                   answer=answer, points=None, score=grade.score, correct=grade.correct,
                   expected=grade.expected, diagnosis=grade.diagnosis,
                   readable=grade.readable)


def exam(lang: str, *items: ExamItemRecord) -> ExamRecord:
    return ExamRecord(id=7, name="t", spec={}, seed=1, dlquiz_version="0", lang=lang,
                      feedback="deferred", minutes=10, started_at=NOW, deadline=NOW,
                      submitted_at=NOW, timed_out=False, score=None, max_score=None,
                      parent_id=None, items=items)


def test_reference_rest_leaves_out_the_points_and_keeps_details_and_follow_ups() -> None:
    assert POINTS == ("Weight sharing: one kernel $T_w$ slides over the image.",
                      "Locality: each output sees a small window.",
                      "Few parameters: $k^2 C_{in} C_{out}$ weights.")
    rest = reference_rest(REFERENCE, POINTS, "(point {n})")
    assert "Weight sharing" not in rest and "Few parameters" not in rest
    assert "Locality" not in rest
    assert "- (point 2)\n  - a 3x3 window sees 9 inputs" in rest  # its detail stays
    assert "$$y = \\sum_i w_i x_i$$" in rest and "Q: why pad?" in rest


def test_reference_rest_of_prose_keeps_formulas_and_code() -> None:
    prose = "Softmax turns logits into probabilities. It is shift invariant.\n\n$$s=e^x$$\n"
    points = key_points(prose)
    assert points == ("Softmax turns logits into probabilities.", "It is shift invariant.")
    assert reference_rest(prose, points) == "$$s=e^x$$"
    assert reference_rest(prose, ()) == prose  # no points: the whole reference


def test_shape_with_one_wrong_dimension_scores_nothing_and_says_which() -> None:
    wrong = computational("(13, 13, 170)", "en")
    assert wrong.score == 0.0 and not wrong.correct
    assert wrong.diagnosis is not None and "dimension 3 should be 90, not 170" in \
        wrong.diagnosis
    assert computational("(13, 13, 90)", "en").score == 1.0
    assert "第 3 维应为 90，写的是 170" in (computational("13x13x170", "zh").diagnosis or "")


def test_markdown_key_shows_answer_verdict_mistake_and_each_point_once() -> None:
    wrong = computational("(13, 13, 170)", "en")
    text = export_exam(exam("en", RECALL, wrong), "md", answers=True)
    key = text[text.index("# Answer key"):]
    assert "> weights are shared" in key and "> (13, 13, 170)" in key
    assert "**Self-graded score 0.67**" in key and "**✗ Wrong**" in key
    assert f"**Mistake**: {wrong.diagnosis}" in key
    assert "1. ☑ Weight sharing: one kernel T" in key
    assert "2. ☐ Locality" in key and "3. ☑ Few parameters" in key
    for needle in ("Weight sharing", "Locality", "Few parameters"):
        assert text.count(needle) == 1, needle
    assert "Reference answer (beyond the key points)" in key and "Q: why pad?" in key


def test_html_key_shows_answer_verdict_mistake_and_each_point_once() -> None:
    wrong = computational("(13, 13, 170)", "zh")
    page = export_exam(exam("zh", RECALL, wrong), "html", answers=True)
    assert page.count("weights are shared") == 1 and "(13, 13, 170)" in page
    assert "自评得分 0.67" in page and "✗ 错误" in page and "第 3 维应为 90" in page
    for needle in ("Weight sharing", "Locality", "Few parameters"):
        assert page.count(needle) == 1, needle
    assert "<li>☑ <strong>" not in page  # emphasis markers were dropped from the point
    assert "<li>☑ Weight sharing: one kernel <span class=\"math inline\"><math" in page


def test_not_submitted_and_unanswered_items_say_so() -> None:
    running = replace(exam("zh", replace(RECALL, answer=None, points=None, score=None)),
                      submitted_at=None)
    key = export_exam(running, "md", answers=True)
    assert "> （未作答）" in key and "未交卷，尚未评分" in key
    assert "1. Weight sharing" in key  # no tick marks before self-grading


def test_an_oral_answer_counts_as_answered_and_shows_in_the_debrief() -> None:
    spoken = replace(RECALL, answer=oral_answer("zh"))
    assert spoken.answered and is_oral(spoken.answer) and not is_oral("我写了")
    assert "（口头作答）" in debrief_markdown(exam("zh", spoken), "zh")
    wrong = computational("(13, 13, 170)", "en")
    assert "dimension 3 should be 90, not 170" in debrief_markdown(exam("en", wrong), "en")
    debrief = debrief_markdown(exam("en", RECALL), "en")
    for needle in ("Weight sharing", "Locality", "Few parameters"):
        assert debrief.count(needle) == 1, needle


def test_a_prose_paragraph_past_the_point_limit_keeps_only_its_other_sentences() -> None:
    sentences = [f"Sentence number {i} says one thing." for i in range(1, 11)]
    prose = " ".join(sentences) + "\n\n$$x$$\n"
    points = key_points(prose)
    assert len(points) == 8 and points[0] == sentences[0]
    assert reference_rest(prose, points) == f"{sentences[8]} {sentences[9]}\n\n$$x$$"
