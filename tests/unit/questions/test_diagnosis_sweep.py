"""Diagnoses never mislead: every kind × difficulty × 200 seeds.

For each question, every mistake the kind's builder lists (before the service cleans the
list) is typed as its own answer. The verdict must name every listed mistake that produces
that answer (not only the first; a slip whose own result is accepted as right is no mistake
for these numbers), and the correct answer must never get a diagnosis. The
service prefers redrawing the numbers over naming two mistakes together, so merged names
must stay rare.
"""

from __future__ import annotations

import pytest

from engine.questions import list_kinds
from engine.questions.answers.check import UnitMismatch, compare, display, to_answer_units
from engine.questions.judge import judge, read
from engine.questions.registry import get_def
from engine.questions.seeding import rng_for
from engine.questions.service import build_problem

SEEDS = range(200)
MAX_MERGED = 0.02  # at most 2% of questions may name two mistakes together
KIND_IDS = [k.id for k in list_kinds()]


@pytest.mark.parametrize("difficulty", [1, 2, 3])
@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_no_answer_is_explained_by_an_unnamed_mistake(kind_id: str, difficulty: int) -> None:
    kind = get_def(kind_id)
    merged = 0
    for seed in SEEDS:
        problem = build_problem(kind, difficulty, seed)
        raw = kind.build(rng_for(kind.id, difficulty, seed, problem.attempt), difficulty)
        right = judge(problem, display(problem.answer), "en")
        assert right.correct and right.diagnosis is None, (kind_id, difficulty, seed)
        merged += any(m.name.en.startswith("either ") for m in problem.mistakes)
        # each slip typed once: its verdict, and whether it is accepted as right
        verdicts = [judge(problem, display(slip.answer), "en") for slip in raw.mistakes]
        wrong = [m for m, v in zip(raw.mistakes, verdicts, strict=True) if not v.correct]
        for slip, verdict in zip(raw.mistakes, verdicts, strict=True):
            typed = display(slip.answer)
            if verdict.correct:
                continue  # the slip gives the right answer for these numbers
            try:
                got = to_answer_units(problem.answer, read(problem, typed))
            except UnitMismatch:  # pragma: no cover - a displayed answer has its own unit
                raise AssertionError((kind_id, difficulty, seed, typed)) from None
            reach = {m.name.en for m in wrong if compare(m.answer, got).correct}
            where = (kind_id, difficulty, seed, typed, sorted(reach), verdict.diagnosis)
            assert verdict.diagnosis is not None, where
            assert all(name in verdict.diagnosis for name in reach), where
    assert merged <= MAX_MERGED * len(SEEDS), f"{kind_id}/{difficulty}: {merged} merged"
