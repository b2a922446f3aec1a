"""Compare a parsed answer with an expected one: tolerance, partial credit, display.

Integers and shapes are exact (unless the kind states a relative tolerance). A real is
right when the answer, rounded to the stated decimals, is a valid rounding of the
expected value, or when it is within the stated relative tolerance. Lists, shapes and
matrices earn the fraction of entries that are right; sets earn the Jaccard overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.questions.answers.parse import Parsed
from engine.questions.base import Answer
from engine.questions.text import num


@dataclass(frozen=True)
class Match:
    """Whether an answer is right, and its partial-credit score in [0, 1]."""

    correct: bool
    score: float


def close(user: float, expected: float, decimals: int | None, rel_tol: float) -> bool:
    """One entry: exact (or within rel_tol) for integers, rounding rule for reals."""
    if rel_tol > 0.0 and abs(user - expected) <= rel_tol * abs(expected):
        return True
    if decimals is None:
        return abs(user - expected) <= 1e-9 * max(1.0, abs(expected))
    half = 0.5 * 10.0 ** (-decimals)
    return abs(round(user, decimals) - expected) <= half * (1.0 + 1e-9) + 1e-12


def compare(expected: Answer, got: Parsed) -> Match:
    """Judge ``got`` against ``expected`` with the expected answer's tolerance."""
    kind = expected.type
    if kind == "choice":
        ok = got.letter == expected.letter
        return Match(ok, 1.0 if ok else 0.0)
    if kind == "set":
        want, have = set(expected.values), set(got.values)
        union = want | have
        score = len(want & have) / len(union) if union else 1.0
        return Match(want == have, score)
    if kind == "matrix" and got.cols != expected.cols:
        return Match(False, 0.0)
    if len(got.values) != len(expected.values):
        return Match(False, 0.0)
    d = expected.decimals if kind != "shape" else None
    hits = [close(u, e, d, expected.rel_tol) for u, e in zip(got.values, expected.values,
                                                              strict=True)]
    n = max(1, len(hits))
    if kind in ("integer", "real"):
        return Match(all(hits), 1.0 if all(hits) else 0.0)
    return Match(all(hits), sum(hits) / n)


def display(answer: Answer) -> str:
    """The answer as a person would type it."""
    d = answer.decimals
    vals = answer.values
    if answer.type == "choice":
        return answer.letter
    if answer.type in ("integer", "real"):
        return num(vals[0], d)
    if answer.type == "shape":
        return "(" + ", ".join(num(v) for v in vals) + ")"
    if answer.type == "set":
        return "{" + ", ".join(num(v) for v in vals) + "}"
    if answer.type == "matrix":
        c = max(1, answer.cols)
        rows = [vals[i:i + c] for i in range(0, len(vals), c)]
        return "[" + ", ".join("[" + ", ".join(num(v, d) for v in r) + "]" for r in rows) + "]"
    return "[" + ", ".join(num(v, None if _is_count(v) else d) for v in vals) + "]"


def _is_count(value: float) -> bool:
    """Large whole numbers in a mixed list (a parameter count beside a percentage) are
    written without decimals, as a person would; small ones keep the stated decimals."""
    return float(value).is_integer() and abs(value) >= 1000
