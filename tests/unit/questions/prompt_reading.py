"""Reading numbers back out of generated prompts and displayed answers, for the tests that
redo a question's arithmetic independently of the kind's code."""

from __future__ import annotations

import re

from engine.questions import generate
from engine.questions.answers.parse import read_numbers


def grab(pattern: str, text: str, group: int = 1) -> str:
    """The group of the first match; fails the test when the prompt lacks the pattern."""
    m = re.search(pattern, text)
    assert m is not None, (pattern, text)
    return m.group(group)


def num(pattern: str, text: str) -> float:
    """A number captured by ``pattern`` (group 1)."""
    return float(grab(pattern, text))


def values(text: str) -> tuple[float, ...]:
    """The numbers of a displayed answer without their units (``12.50 GiB`` → 12.5)."""
    return tuple(n.value for n in read_numbers(text))


def find(kind: str, difficulty: int, needle: str, seeds: int = 2000) -> str:
    """The id of the first question whose English prompt contains ``needle``."""
    for seed in range(seeds):
        q = generate(kind, difficulty, seed, "en")
        if needle in q.prompt:
            return q.id
    raise AssertionError(f"no {kind}/{difficulty} question mentions {needle!r}")
