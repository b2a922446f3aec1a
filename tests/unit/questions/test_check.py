"""Checking: tolerances, partial credit, diagnosis, feedback, and never raising."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.questions import check, generate, list_kinds
from engine.questions.answers.check import close, compare, display
from engine.questions.answers.parse import Parsed
from engine.questions.base import (
    Answer,
    Mistake,
    Problem,
    choice,
    index_set,
    integer,
    matrix,
    numbers,
    real,
    shape,
)
from engine.questions.service import judge
from engine.questions.text import Bi


def test_integer_is_exact_unless_a_tolerance_is_stated() -> None:
    assert compare(integer(23296), Parsed((23296.0,))).correct
    assert not compare(integer(23296), Parsed((23297.0,))).correct
    assert not compare(integer(25_557_032), Parsed((25.6e6,))).correct
    assert compare(integer(25_557_032, rel_tol=0.01), Parsed((25.6e6,))).correct


def test_real_accepts_anything_that_rounds_the_same() -> None:
    want = real(0.123449, 4)
    for typed in (0.1234, 0.123449, 0.12344, 0.12335):
        assert compare(want, Parsed((typed,))).correct, typed
    for typed in (0.1235, 0.12345, 0.123, 0.1233, 0.12):
        assert not compare(want, Parsed((typed,))).correct, typed


def test_real_relative_tolerance() -> None:
    assert compare(real(100.0, 4, rel_tol=0.01), Parsed((100.9,))).correct
    assert not compare(real(100.0, 4, rel_tol=0.01), Parsed((101.5,))).correct
    assert close(-0.0, 0.0, 4, 0.0)


def test_partial_credit_for_lists_and_matrices_never_for_one_shape() -> None:
    assert compare(shape((8, 64, 28, 28)), Parsed((8.0, 64.0, 27.0, 27.0))).score == 0.0
    assert compare(shape((13, 13, 90)), Parsed((13.0, 13.0, 170.0))).score == 0.0
    assert compare(shape((8, 64, 28, 28)), Parsed((8.0, 64.0, 28.0))).score == 0.0
    assert compare(shape((13, 13, 90)), Parsed((13.0, 13.0, 90.0))).score == 1.0
    m = compare(matrix([[1, 2], [3, 4]]), Parsed((1.0, 2.0, 3.0, 5.0), 2))
    assert (m.correct, m.score) == (False, 0.75)
    assert compare(matrix([[1, 2], [3, 4]]), Parsed((1.0, 2.0, 3.0, 4.0), 4)).score == 0.0
    assert compare(numbers([0.5, 0.25], 2), Parsed((0.5, 0.3))).score == 0.5


def test_set_score_is_jaccard_overlap() -> None:
    want = index_set([0, 2, 3])
    assert compare(want, Parsed((0.0, 2.0, 3.0))).correct
    assert compare(want, Parsed((0.0, 2.0))).score == pytest.approx(2 / 3)
    assert compare(want, Parsed((0.0, 1.0, 2.0, 3.0))).score == pytest.approx(3 / 4)
    assert compare(want, Parsed(())).score == 0.0


def test_choice() -> None:
    want = choice("C", ("A", "B", "C", "D"))
    assert compare(want, Parsed(letter="C")).correct
    assert not compare(want, Parsed(letter="A")).correct


def test_display_is_what_a_person_types() -> None:
    assert display(shape((8, 64, 56, 56))) == "(8, 64, 56, 56)"
    assert display(integer(138357544)) == "138357544"
    assert display(real(0.5, 4)) == "0.5000"
    assert display(index_set([3, 0])) == "{0, 3}"
    assert display(matrix([[1, 2], [3, 4]])) == "[[1, 2], [3, 4]]"
    assert display(numbers([1.0, -0.25], 2)) == "[1.00, -0.25]"


def _toy() -> Problem:
    answer = shape((8, 64, 28, 28))
    padding = Mistake(Bi("忘了 padding", "forgot the padding"), answer.like((8, 64, 27, 27)))
    return Problem(Bi("题", "question"), answer, Bi("解", "solution"), (padding,))


def test_judge_feedback_and_diagnosis() -> None:
    problem = _toy()
    right = judge(problem, "8×64×28×28", "en")
    assert right.correct and right.score == 1.0 and right.diagnosis is None
    wrong = judge(problem, "(8, 64, 27, 27)", "en")
    assert not wrong.correct and wrong.score == 0.0
    assert wrong.diagnosis == ("forgot the padding (dimension 3 should be 28, not 27; "
                               "dimension 4 should be 28, not 27)")
    assert "forgot the padding" in wrong.feedback and "(8, 64, 28, 28)" in wrong.feedback
    assert judge(problem, "8x64x27x27", "zh").diagnosis == (
        "忘了 padding（第 3 维应为 28，写的是 27；第 4 维应为 28，写的是 27）")
    other = judge(problem, "1 2 3 4", "en")
    assert other.score == 0.0
    assert other.diagnosis == ("dimension 1 should be 8, not 1; dimension 2 should be 64, "
                               "not 2; dimension 3 should be 28, not 3; dimension 4 should "
                               "be 28, not 4")
    assert "common mistake" not in other.feedback
    assert judge(problem, "8 64 28 28 1", "en").diagnosis == (
        "wrong number of dimensions: 5 written, 4 expected")
    one_off = judge(problem, "(8, 64, 28, 14)", "zh")
    assert one_off.score == 0.0 and one_off.diagnosis == "第 4 维应为 28，写的是 14"
    assert "第 4 维应为 28" in one_off.feedback
    assert set(other.to_dict()) == {"correct", "score", "expected", "feedback", "diagnosis",
                                    "solution"}
    assert other.readability() == {"readable": True, "reason": None}


def test_unparseable_answer_says_the_format() -> None:
    v = judge(_toy(), "no idea", "en")
    assert v.parse_error and not v.correct and v.score == 0.0
    assert "shape" in v.feedback
    assert "形状" in judge(_toy(), "不知道", "zh").feedback


def test_check_by_id_matches_generate() -> None:
    q = generate("conv-output-shape", 2, 12345, "en")
    v = check(q.id, q.expected_display, "en")
    assert v.correct and v.expected == q.expected_display and v.solution == q.solution


SAMPLE_IDS = [f"{k.id}/{d}/{s}" for k in list_kinds() for d, s in ((1, 3), (3, 11))]


@settings(max_examples=300, deadline=None)
@given(qid=st.sampled_from(SAMPLE_IDS), text=st.text(max_size=60))
def test_check_never_raises_on_any_string(qid: str, text: str) -> None:
    v = check(qid, text, "en")
    assert 0.0 <= v.score <= 1.0
    assert v.feedback


@settings(max_examples=200, deadline=None)
@given(qid=st.sampled_from(SAMPLE_IDS),
       text=st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(str),
                               st.sampled_from(["x", "×", ",", ";", "\n", "[", "]", "(", ")",
                                                "万", "亿", "M", "e", "/", "^", "-", " "])),
                     max_size=12).map("".join))
def test_check_never_raises_on_number_like_strings(qid: str, text: str) -> None:
    v = check(qid, text, "zh")
    assert 0.0 <= v.score <= 1.0


def test_answer_like_keeps_type_and_tolerance() -> None:
    a = Answer("real", (1.0,), decimals=3, rel_tol=0.1)
    b = a.like([2.0])
    assert (b.type, b.decimals, b.rel_tol, b.values) == ("real", 3, 0.1, (2.0,))
