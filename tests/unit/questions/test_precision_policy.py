"""The stated precision accepts both roundings of a tie and nothing else, for every kind.

For each kind × difficulty, the answer of a few seeds is moved onto a tie at its stated
decimals (…5 in the next place): both neighbours are right, the values one unit further
out are wrong. An exact-integer answer accepts itself and refuses ±1.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from engine.questions import list_kinds
from engine.questions.answers.check import display
from engine.questions.judge import judge
from engine.questions.registry import get_def
from engine.questions.service import build_problem
from engine.questions.text import num

KIND_IDS = [k.id for k in list_kinds()]


def _typed(answer_values: list[float], i: int, value: float, decimals: int | None) -> str:
    vals = list(answer_values)
    vals[i] = value
    return "[" + ", ".join(num(v, decimals) for v in vals) + "]"


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_a_tie_accepts_both_roundings_and_nothing_else(kind_id: str) -> None:
    kind = get_def(kind_id)
    checked = 0
    for difficulty in (1, 2, 3):
        for seed in range(3):
            problem = build_problem(kind, difficulty, seed)
            a = problem.answer
            if a.type not in ("real", "list", "integer") or a.rel_tol or a.approx:
                continue
            d = a.decimals
            values = list(a.values)
            if d is None:  # exact integers
                if not all(float(v).is_integer() for v in values):
                    continue
                for delta, ok in ((0, True), (1, False), (-1, False)):
                    text = _typed(values, 0, values[0] + delta, None)
                    v = judge(problem, text if a.type == "list" else text.strip("[]"), "en")
                    assert v.correct is ok, (kind_id, difficulty, seed, text)
                checked += 1
                continue
            unit = 10.0 ** -d
            low = math.floor(values[0] / unit) * unit
            tie = values.copy()
            tie[0] = low + unit / 2
            moved = replace(problem, answer=a.like(tie))
            for value, ok in ((low, True), (low + unit, True), (low - unit, False),
                              (low + 2 * unit, False)):
                text = _typed(tie, 0, value, d)
                typed = text if a.type == "list" else text.strip("[]")
                others = [num(v, d) for v in tie[1:]]
                if a.type == "list" and others:  # the other entries typed at their rounding
                    typed = "[" + ", ".join([num(value, d), *others]) + "]"
                v = judge(moved, typed, "en")
                assert v.correct is ok, (kind_id, difficulty, seed, typed, display(moved.answer))
            checked += 1
    if kind.answer_type in ("real", "list", "integer"):
        assert checked or kind_id in _ALL_TOLERANT, kind_id


# kinds whose every answer is judged by a relative tolerance or the large-count policy
_ALL_TOLERANT = {"training-flops", "chinchilla-optimal", "attention-flops", "arch-params",
                 "conv-macs", "mobilenet-multiplier", "moe-params", "lr-schedule",
                 "kv-cache-size", "gqa-kv-cache", "attention-memory", "lora-params"}
