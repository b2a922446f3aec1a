"""Skill cards in the bank: one card per computational question kind."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import insert, select, update

from dlquiz.store.bank.database import Bank, serialize
from dlquiz.store.schema.models import CardRow


def ensure_skill_cards(bank: Bank, kind_ids: Iterable[str], now: datetime) -> int:
    """Create the missing skill cards (one per kind) and suspend those of kinds that are gone;
    returns how many were added. Costs one read when nothing is missing."""
    wanted = list(kind_ids)
    with bank.read() as session:
        rows = session.execute(select(CardRow.skill_kind, CardRow.suspended)
                               .where(CardRow.skill_kind.is_not(None))).all()
    present = {kind for kind, _ in rows}
    missing = [k for k in wanted if k not in present]
    gone = [kind for kind, suspended in rows if kind not in wanted and not suspended]
    if not missing and not gone:
        return 0
    with bank.write() as session:
        serialize(session, "skill-cards")
        present = set(session.scalars(select(CardRow.skill_kind)
                                      .where(CardRow.skill_kind.in_(wanted))))
        fresh = [{"skill_kind": kind, "state": 0, "due": now, "reps": 0, "lapses": 0,
                  "suspended": False, "leech": False, "created_at": now, "version": 0}
                 for kind in wanted if kind not in present]
        if fresh:
            session.execute(insert(CardRow), fresh)
        # a kind a newer dlquiz no longer has cannot generate questions: park its card
        session.execute(
            update(CardRow).where(CardRow.skill_kind.is_not(None),
                                  CardRow.skill_kind.not_in(wanted),
                                  CardRow.suspended.is_(False))
            .values(suspended=True, version=CardRow.version + 1))
    return len(missing)
