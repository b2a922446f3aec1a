"""Card states and ratings: the one definition every package uses.

The values are fsrs's own `State` and `Rating`, plus state 0, "new" (never reviewed), which
is dlquiz's: fsrs starts a card in Learning, which is what a new card becomes when first
rated. Machine names (for JSON and arguments) live here; the words shown to people, in
both languages, live in dlquiz/ui/labels.py.
"""

from __future__ import annotations

from fsrs.rating import Rating
from fsrs.state import State

from dlquiz.store.schema.errors import InputError

NEW = 0
LEARNING = int(State.Learning)
REVIEW = int(State.Review)
RELEARNING = int(State.Relearning)
LEARNING_STATES = (LEARNING, RELEARNING)
STATE_NAMES = {NEW: "new", LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}

AGAIN, HARD, GOOD, EASY = (int(r) for r in (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy))
RATINGS = (AGAIN, HARD, GOOD, EASY)
RATING_NAMES = {int(r): r.name.lower() for r in Rating}


def parse_rating(text: str) -> int:
    """`good`, `Good` or `3` -> 3."""
    word = text.strip().lower()
    for value, name in RATING_NAMES.items():
        if word in {name, str(value)}:
            return value
    raise InputError(f"'{text}' is not a rating; use again, hard, good or easy (or 1-4).")
