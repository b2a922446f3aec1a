"""The study cards behind an exam's items: note cards for its notes, skill cards for its
question kinds (to bring what an exam missed into today's study)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import or_, select

from dlquiz.store.bank.database import Bank
from dlquiz.store.schema.models import CardRow


def cards_for(bank: Bank, kinds: Collection[str], note_ids: Collection[int]) -> list[int]:
    """Ids of the unsuspended cards of these kinds and notes, in id order."""
    if not kinds and not note_ids:
        return []
    with bank.read() as session:
        return list(session.scalars(
            select(CardRow.id).where(or_(CardRow.skill_kind.in_(list(kinds)),
                                         CardRow.note_id.in_(list(note_ids))),
                                     CardRow.suspended.is_(False))
            .order_by(CardRow.id)))
