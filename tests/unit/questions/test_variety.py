"""Variety: 100 consecutive seeds of one kind and difficulty give at least 50 distinct
prompts, or every question the kind's parameter space holds (counted in SMALL below)."""

from __future__ import annotations

import pytest

from engine.questions import generate, list_kinds

SEEDS = range(100)
WANT = 50
KIND_IDS = [k.id for k in list_kinds()]

# Kinds whose parameter space is smaller than 50 questions at some difficulty, with the
# number of distinct questions that space holds (the reason is in the comment).
SMALL: dict[tuple[str, int], int] = {
}


@pytest.mark.parametrize("difficulty", [1, 2, 3])
@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_consecutive_seeds_give_distinct_prompts(kind_id: str, difficulty: int) -> None:
    prompts = {generate(kind_id, difficulty, seed, "en").prompt for seed in SEEDS}
    want = min(WANT, SMALL.get((kind_id, difficulty), WANT))
    assert len(prompts) >= want, f"{kind_id}/{difficulty}: {len(prompts)} distinct prompts"


def test_small_spaces_are_really_small() -> None:
    """A kind listed in SMALL must reach the size stated for it within 400 seeds."""
    for (kind_id, difficulty), size in SMALL.items():
        prompts = {generate(kind_id, difficulty, seed, "en").prompt for seed in range(400)}
        assert len(prompts) == size, (kind_id, difficulty, len(prompts))
