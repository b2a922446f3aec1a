"""Skill cards: one per computational question kind. A review shows a freshly generated
question whose difficulty follows the card's progress; the answer is checked by the engine."""

from __future__ import annotations

import secrets


def skill_difficulty(reps: int, stability: float | None) -> int:
    """1 while the skill is being learned, 2 once it holds for a few days, 3 past three weeks."""
    if reps < 2 or stability is None:
        return 1
    return 2 if stability < 21 else 3


def random_seed() -> int:
    return secrets.randbelow(1_000_000)


def fresh_question_id(kind: str, difficulty: int, seed: int) -> str:
    """A new `kind/difficulty/seed` id: new numbers every time the card comes due."""
    return f"{kind}/{difficulty}/{seed}"
