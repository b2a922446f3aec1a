"""Skill cards: one per computational question kind. A review shows a freshly generated
question whose difficulty follows the card's progress; the answer is checked by the engine."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dlquiz.store.models import CardRow


def ensure_skill_cards(session: Session, kind_ids: Iterable[str], now: datetime) -> int:
    """Create the missing skill cards (one per kind) and suspend those of kinds that are gone;
    returns how many were added."""
    wanted = list(kind_ids)
    present = set(session.scalars(select(CardRow.skill_kind).where(CardRow.skill_kind.in_(wanted))))
    missing = [k for k in wanted if k not in present]
    for kind in missing:
        session.add(CardRow(skill_kind=kind, state=0, due=now, reps=0, lapses=0,
                            suspended=False, leech=False, created_at=now))
    # a kind a newer dlquiz no longer has cannot generate questions: park its card
    session.execute(
        update(CardRow).where(CardRow.skill_kind.is_not(None), CardRow.skill_kind.not_in(wanted),
                              CardRow.suspended.is_(False)).values(suspended=True))
    session.commit()
    return len(missing)


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
