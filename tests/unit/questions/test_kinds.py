"""Every kind, every difficulty, many seeds: the right answer passes, each mistake is named."""

from __future__ import annotations

import pytest

from engine.questions import generate, list_kinds, question_from_id
from engine.questions.answers.check import display
from engine.questions.base import Answer
from engine.questions.registry import get_def
from engine.questions.service import build_problem, judge

SEEDS = range(100)


def other_notation(answer: Answer) -> str:
    """The same answer written another way a person might: 8x64, 1,234, 1 2; 3 4, (b)..."""
    vals = answer.values
    if answer.type == "integer":
        return f"{int(vals[0]):,}"
    if answer.type == "real":
        return f"≈ {vals[0]!r}"
    if answer.type == "shape":
        return "×".join(str(int(v)) for v in vals)
    if answer.type == "list":
        return "（" + "，".join(repr(v) for v in vals) + "）"
    if answer.type == "set":
        return " and ".join(str(int(v)) for v in reversed(vals)) if vals else "none"
    if answer.type == "matrix":
        c = answer.cols
        return "\n".join(" ".join(repr(v) for v in vals[i:i + c]) for i in range(0, len(vals), c))
    return f"({answer.letter.lower()})"
KIND_IDS = [k.id for k in list_kinds()]


@pytest.mark.parametrize("difficulty", [1, 2, 3])
@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_expected_correct_and_mistakes_diagnosed(kind_id: str, difficulty: int) -> None:
    kind = get_def(kind_id)
    with_mistakes = 0
    for seed in SEEDS:
        problem = build_problem(kind, difficulty, seed)
        assert problem.answer.type == kind.answer_type
        typed = display(problem.answer)
        verdict = judge(problem, typed, "en")
        assert verdict.correct, (kind_id, difficulty, seed, typed)
        assert verdict.score == 1.0
        assert verdict.diagnosis is None
        assert judge(problem, other_notation(problem.answer), "zh").correct, (kind_id, seed)
        with_mistakes += bool(problem.mistakes)
        for m in problem.mistakes:
            wrong = display(m.answer)
            for lang in ("en", "zh"):
                v = judge(problem, wrong, lang)
                assert not v.correct, (kind_id, difficulty, seed, m.name.en, wrong)
                named = m.name.get(lang)
                if problem.answer.type == "shape":  # the wrong dimensions follow the name
                    assert v.diagnosis is not None and v.diagnosis.startswith(named + (
                        "（第 " if lang == "zh" else " (dimension")), (kind_id, seed, wrong)
                else:
                    assert v.diagnosis == named, (kind_id, difficulty, seed, wrong)
                assert v.score < 1.0
    assert with_mistakes >= len(SEEDS) * 0.9, f"{kind_id}/{difficulty}: too few mistakes listed"


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_generation_is_deterministic_and_bilingual(kind_id: str) -> None:
    for difficulty in (1, 2, 3):
        for seed in (0, 1, 987654321):
            qid = f"{kind_id}/{difficulty}/{seed}"
            en = generate(kind_id, difficulty, seed, "en")
            assert en == question_from_id(qid, "en")
            assert en.id == qid
            zh = generate(kind_id, difficulty, seed, "zh")
            for q in (en, zh):
                assert q.prompt.strip() and q.solution.strip() and q.answer_format.strip()
                assert q.expected_display
            assert zh.prompt != en.prompt
            assert zh.expected_display == en.expected_display


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_difficulty_changes_the_question(kind_id: str) -> None:
    prompts = {generate(kind_id, d, 7, "en").prompt for d in (1, 2, 3)}
    assert len(prompts) == 3
