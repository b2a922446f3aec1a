"""The cards an interview plan covers, with what the forecast needs of each: its scheduling
state, deck, topic and question kind. The same cards the study queue would give today (its
eligibility): a follow-up joins once its question has been reviewed on an earlier day."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.eligibility import eligible
from dlquiz.store.schema.models import CardRow, DeckRow, NoteRow
from dlquiz.store.schema.records import QueueFilter, QueueWindow


@dataclass(frozen=True)
class PlanCard:
    id: int
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    deck: str | None
    topic: str | None
    skill_kind: str | None


def plan_cards(bank: Bank, window: QueueWindow, filters: QueueFilter,
               skill_topics: Mapping[str, str]) -> list[PlanCard]:
    query = select(CardRow.id, CardRow.state, CardRow.step, CardRow.stability,
                   CardRow.difficulty, CardRow.due, CardRow.last_review, DeckRow.name,
                   NoteRow.topic, CardRow.skill_kind)
    query = eligible(query, window, filters, skill_topics).order_by(CardRow.due, CardRow.id)
    with bank.read() as session:
        rows = session.execute(query).all()
    # a skill card's topic is its kind's
    return [PlanCard(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                     r[8] if r[8] is not None else skill_topics.get(r[9] or ""), r[9])
            for r in rows]


def count_new(bank: Bank, window: QueueWindow, filters: QueueFilter,
              skill_topics: Mapping[str, str]) -> int:
    """The new cards in the plan's scope (what the new-card rate has to reach)."""
    from sqlalchemy import func

    from dlquiz.store.schema.states import NEW

    query = eligible(select(func.count(CardRow.id)), window, filters, skill_topics)
    with bank.read() as session:
        return int(session.scalar(query.where(CardRow.state == NEW)) or 0)
