"""The queries behind the study queue: due learning cards first, then due reviews (least
likely to be recalled first), then new cards up to the daily limit, note and skill cards
interleaved, then learning cards a little ahead of time.

The reviews and new cards of a day are read once, in order (srs.day_queue keeps the lists
and hands out one card at a time, checking each with `queue_card`); learning cards are
picked fresh each time, as they come due by the minute. The study day arrives as a
QueueWindow of instants, so nothing here needs to know the settings or the time zone.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, case, cast, func, literal, select
from sqlalchemy.orm import Session

from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.eligibility import AnySelect, eligible
from dlquiz.store.schema.models import CardRow, DeckRow, FollowUpRow, NoteRow, ReviewLogRow
from dlquiz.store.schema.records import (
    DueForecast,
    QueueCard,
    QueueCounts,
    QueueFilter,
    QueueName,
    QueueWindow,
)
from dlquiz.store.schema.states import LEARNING_STATES, NEW, REVIEW

Topics = Mapping[str, str]


def _card_type(row: CardRow) -> str:
    if row.skill_kind is not None:
        return "skill"
    return "followup" if row.followup_id is not None else "note"


def to_queue_card(row: CardRow, queue: QueueName) -> QueueCard:
    return QueueCard(card_id=row.id, type=_card_type(row),  # type: ignore[arg-type]
                     state=row.state, due=row.due, note_id=row.note_id,
                     skill_kind=row.skill_kind, queue=queue,
                     pending_question=row.pending_question, version=row.version or 0,
                     followup_id=row.followup_id)


def _overdue_ratio(session: Session, now: datetime) -> ColumnElement[Any]:
    """Elapsed days over stability: FSRS retrievability falls as this grows, so ordering by
    it descending puts the least-remembered card first (computed in SQL, no Python scan)."""
    stability = func.coalesce(CardRow.stability, 1.0)
    if session.get_bind().dialect.name == "sqlite":
        stamp = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        elapsed = func.julianday(literal(stamp)) - func.julianday(CardRow.last_review)
        return elapsed / stability
    naive = literal(now.astimezone(UTC).replace(tzinfo=None))  # stored as naive UTC
    seconds = func.extract("epoch", naive - CardRow.last_review)
    return seconds / 86400.0 / stability


def _in_queue(queue: QueueName, window: QueueWindow) -> ColumnElement[bool]:
    """The state and due time a card of `queue` has."""
    state, due = CardRow.state, CardRow.due
    if queue == "learning":
        return state.in_(LEARNING_STATES) & (due <= window.now)
    if queue == "ahead":
        return state.in_(LEARNING_STATES) & (due <= window.learn_ahead_until)
    if queue == "review":
        return (state == REVIEW) & (due < window.day_end)
    return state == NEW


def _first(bank: Bank, window: QueueWindow, filters: QueueFilter, topics: Topics,
           queue: QueueName, exclude: Collection[int]) -> QueueCard | None:
    with bank.read() as session:
        query = eligible(select(CardRow), window, filters, topics).where(
            _in_queue(queue, window))
        if exclude:
            query = query.where(CardRow.id.not_in(list(exclude)))
        row = session.scalars(query.order_by(CardRow.due, CardRow.id).limit(1)).first()
        return to_queue_card(row, queue) if row is not None else None


def learning_card(bank: Bank, window: QueueWindow, filters: QueueFilter, topics: Topics,
                  exclude: Collection[int] = ()) -> QueueCard | None:
    """The learning card due soonest (already due), or None."""
    return _first(bank, window, filters, topics, "learning", exclude)


def ahead_card(bank: Bank, window: QueueWindow, filters: QueueFilter, topics: Topics,
               exclude: Collection[int] = ()) -> QueueCard | None:
    """A learning card due within the learn-ahead limit, when nothing else is left."""
    return _first(bank, window, filters, topics, "ahead", exclude)


def review_order(bank: Bank, window: QueueWindow, filters: QueueFilter,
                 topics: Topics) -> list[int]:
    """Every review due before the day ends, least likely to be recalled first."""
    with bank.read() as session:
        query = (eligible(select(CardRow.id), window, filters, topics)
                 .where(_in_queue("review", window))
                 .order_by(_overdue_ratio(session, window.now).desc(), CardRow.id))
        return list(session.scalars(query))


def new_order(bank: Bank, window: QueueWindow, filters: QueueFilter, topics: Topics,
              limit: int) -> tuple[list[int], list[int]]:
    """Up to `limit` new note and follow-up cards by question number and file order (the
    user's decks first), and up to `limit` new skill cards by id."""
    with bank.read() as session:
        fresh = eligible(select(CardRow.id), window, filters, topics).where(
            _in_queue("new", window))
        notes = fresh.where(CardRow.note_id.is_not(None)).order_by(
            DeckRow.builtin, DeckRow.name, NoteRow.number.is_(None),
            cast(NoteRow.number, Integer), NoteRow.source_path, NoteRow.position,
            FollowUpRow.position.is_not(None), FollowUpRow.position, CardRow.id)
        skills = fresh.where(CardRow.skill_kind.is_not(None)).order_by(CardRow.id)
        return (list(session.scalars(notes.limit(limit))),
                list(session.scalars(skills.limit(limit))))


def queue_card(bank: Bank, card_id: int, window: QueueWindow, filters: QueueFilter,
               topics: Topics, queue: QueueName) -> QueueCard | None:
    """The card, if it is still eligible and still belongs to `queue` now."""
    with bank.read() as session:
        row = session.scalars(eligible(select(CardRow), window, filters, topics)
                              .where(CardRow.id == card_id, _in_queue(queue, window))).first()
        return to_queue_card(row, queue) if row is not None else None


def chosen_card(bank: Bank, card_id: int) -> QueueCard:
    """A card picked by id (from browsing), whatever its state."""
    from dlquiz.store.cards.cards import card_row

    with bank.read() as session:
        return to_queue_card(card_row(session, card_id), "chosen")


def new_introduced_today(bank: Bank, window: QueueWindow) -> int:
    with bank.read() as session:
        return _new_introduced_today(session, window)


def _new_introduced_today(session: Session, window: QueueWindow) -> int:
    return int(session.scalar(
        select(func.count(func.distinct(ReviewLogRow.card_id)))
        .where(ReviewLogRow.reviewed_at >= window.day_start,
               ReviewLogRow.state_before == NEW)) or 0)


def learning_count(bank: Bank, window: QueueWindow, filters: QueueFilter,
                   topics: Topics) -> int:
    """Learning cards due before the day ends."""
    with bank.read() as session:
        query = eligible(select(func.count(CardRow.id)), window, filters, topics).where(
            CardRow.state.in_(LEARNING_STATES), CardRow.due < window.day_end)
        return int(session.scalar(query) or 0)


def _tally(session: Session, window: QueueWindow, filters: QueueFilter,
           skill_topics: Topics) -> dict[str, Any]:
    """Every count `dlquiz due` reports. Only cards due before tomorrow ends are scanned
    (through the due index), and new cards are counted no further than the day's remaining
    limit."""
    now, day_end = window.now, window.day_end
    state, due = CardRow.state, CardRow.due

    def count(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    soon = select(
        count(state.in_(LEARNING_STATES) & (due < day_end)).label("learning"),
        count((state == REVIEW) & (due < day_end)).label("review"),
        count(due <= now).label("due_now"),
        count((due > now) & (due < day_end)).label("later_today"),
        count(due >= day_end).label("tomorrow"),
    ).select_from(CardRow).where(state.in_((*LEARNING_STATES, REVIEW)),
                                 due < window.tomorrow_end)
    tally = dict(session.execute(eligible(soon, window, filters, skill_topics)).one()._mapping)
    new_cap = max(0, window.new_per_day - _new_introduced_today(session, window))
    fresh: AnySelect = eligible(select(CardRow.id), window, filters, skill_topics).where(
        state == NEW)
    tally["new"] = session.scalar(select(func.count()).select_from(
        fresh.limit(new_cap).subquery())) or 0
    firsts = [session.scalar(eligible(select(CardRow.due), window, filters, skill_topics)
                             .where(state == scheduled_state, due > now)
                             .order_by(due).limit(1))  # one (suspended, state, due) index walk
              for scheduled_state in (*LEARNING_STATES, REVIEW)]
    tally["next_due"] = min((d for d in firsts if d is not None), default=None)
    return tally


def queue_counts(bank: Bank, window: QueueWindow, filters: QueueFilter = QueueFilter(),
                 skill_topics: Topics | None = None) -> QueueCounts:
    """Cards left today, counted in SQL: new (within the limit), learning and reviews due."""
    with bank.read() as session:
        tally = _tally(session, window, filters, skill_topics or {})
    return QueueCounts(new=int(tally["new"]), learning=int(tally["learning"]),
                       review=int(tally["review"]))


def forecast(bank: Bank, window: QueueWindow, filters: QueueFilter = QueueFilter()
             ) -> DueForecast:
    """`dlquiz due`: what is due now, later today and tomorrow, and when the next card is."""
    with bank.read() as session:
        tally = _tally(session, window, filters, {})
    return DueForecast(now=int(tally["due_now"]), later_today=int(tally["later_today"]),
                       tomorrow=int(tally["tomorrow"]), new_available=int(tally["new"]),
                       next_due=tally["next_due"])
