"""Reading and writing a card row's scheduling columns as a CardState snapshot."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from dlquiz.srs.scheduler import CardState
from dlquiz.store.models import CardRow


def snapshot(row: CardRow) -> dict[str, Any]:
    """Everything a rating changes, as JSON-able values (the review log's `before_json`)."""
    return {
        "state": row.state, "step": row.step, "stability": row.stability,
        "difficulty": row.difficulty, "due": row.due.isoformat(),
        "last_review": row.last_review.isoformat() if row.last_review else None,
        "reps": row.reps, "lapses": row.lapses, "suspended": row.suspended,
        "leech": row.leech,
        "buried_until": row.buried_until.isoformat() if row.buried_until else None,
        "pending_question": row.pending_question,
    }


def restore(row: CardRow, before_json: str) -> None:
    """Put a card back exactly as `snapshot` recorded it."""
    data = json.loads(before_json)
    row.state = data["state"]
    row.step = data["step"]
    row.stability = data["stability"]
    row.difficulty = data["difficulty"]
    row.due = datetime.fromisoformat(data["due"])
    row.last_review = datetime.fromisoformat(data["last_review"]) if data["last_review"] else None
    row.reps = data["reps"]
    row.lapses = data["lapses"]
    row.suspended = data["suspended"]
    row.leech = data["leech"]
    row.buried_until = (datetime.fromisoformat(data["buried_until"])
                        if data["buried_until"] else None)
    row.pending_question = data["pending_question"]


def state_of(row: CardRow) -> CardState:
    return CardState(state=row.state, step=row.step, stability=row.stability,
                     difficulty=row.difficulty, due=row.due, last_review=row.last_review)


def apply_state(row: CardRow, state: CardState) -> None:
    row.state = state.state
    row.step = state.step
    row.stability = state.stability
    row.difficulty = state.difficulty
    row.due = state.due
    row.last_review = state.last_review
