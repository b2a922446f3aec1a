"""What to study next: due learning cards, then due reviews (least likely to be recalled
first), then new cards up to the daily limit, note and skill cards interleaved.

The study day arrives as a QueueWindow of instants (srs computes it from the settings and
the time zone), so these queries need to know nothing about either.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from dlquiz.store.database import Bank
from dlquiz.store.models import CardRow, DeckRow, NoteRow, ReviewLogRow
from dlquiz.store.records import (
    DueForecast,
    QueueCard,
    QueueCounts,
    QueueFilter,
    QueueName,
    QueueWindow,
)
from dlquiz.store.states import LEARNING_STATES, NEW, REVIEW

SKILL_EVERY = 3  # one new skill card after every two new note cards


AnySelect = Select[*tuple[Any, ...]]


def _eligible(query: AnySelect, now: datetime, filters: QueueFilter,
              skill_topics: Mapping[str, str], *, with_deck: bool = False) -> AnySelect:
    """Join notes/decks and drop what must not be studied now."""
    query = query.outerjoin(NoteRow, NoteRow.id == CardRow.note_id)
    if with_deck or filters.deck is not None:
        query = query.outerjoin(DeckRow, DeckRow.id == NoteRow.deck_id)
    query = (query.where(CardRow.suspended.is_(False),
                    or_(CardRow.buried_until.is_(None), CardRow.buried_until <= now),
                    or_(CardRow.note_id.is_(None), NoteRow.retired_at.is_(None))))
    if not filters.include_drafts:
        query = query.where(or_(CardRow.note_id.is_(None), NoteRow.status != "draft"))
    if filters.notes_only:
        query = query.where(CardRow.note_id.is_not(None))
    if filters.skills_only:
        query = query.where(CardRow.skill_kind.is_not(None))
    if filters.deck is not None:
        query = query.where(DeckRow.name == filters.deck)
    if filters.topic is not None:
        kinds = [k for k, topic in skill_topics.items() if topic == filters.topic]
        skill_match: ColumnElement[bool] = (CardRow.skill_kind.in_(kinds) if kinds else false())
        query = query.where(or_(NoteRow.topic == filters.topic, skill_match))
    return query


def _overdue_ratio(session: Session, now: datetime) -> ColumnElement[Any]:
    """Elapsed days over stability: FSRS retrievability falls as this grows, so ordering by
    it descending puts the least-remembered card first (computed in SQL, no Python scan)."""
    if session.get_bind().dialect.name == "sqlite":
        stamp = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        elapsed = func.julianday(literal(stamp)) - func.julianday(CardRow.last_review)
        return elapsed / func.coalesce(CardRow.stability, 1.0)
    return -func.coalesce(CardRow.stability, 1.0)  # other backends: least stable first


def new_introduced_today(session: Session, window: QueueWindow) -> int:
    return int(session.scalar(
        select(func.count(func.distinct(ReviewLogRow.card_id)))
        .where(ReviewLogRow.reviewed_at >= window.day_start,
               ReviewLogRow.state_before == NEW)) or 0)


def _to_queue_card(row: CardRow, queue: QueueName) -> QueueCard:
    return QueueCard(card_id=row.id, type="note" if row.note_id is not None else "skill",
                     state=row.state, due=row.due, note_id=row.note_id,
                     skill_kind=row.skill_kind, queue=queue,
                     pending_question=row.pending_question, version=row.version or 0)


def next_card(bank: Bank, window: QueueWindow, filters: QueueFilter = QueueFilter(),
              skill_topics: Mapping[str, str] | None = None,
              exclude: frozenset[int] = frozenset()) -> QueueCard | None:
    """The next card to show, or None when nothing is due and no new card is left today."""
    with bank.read() as session:
        return _next_card(session, window, filters, skill_topics or {}, exclude)


def _next_card(session: Session, window: QueueWindow, filters: QueueFilter,
               topics: Mapping[str, str], exclude: frozenset[int]) -> QueueCard | None:
    now = window.now
    base = _eligible(select(CardRow), now, filters, topics, with_deck=True)
    if exclude:
        base = base.where(CardRow.id.not_in(exclude))
    learning = session.scalars(base.where(CardRow.state.in_(LEARNING_STATES), CardRow.due <= now)
                               .order_by(CardRow.due).limit(1)).first()
    if learning is not None:
        return _to_queue_card(learning, "learning")
    review_row = session.scalars(base.where(CardRow.state == REVIEW,
                                            CardRow.due < window.day_end)
                                 .order_by(_overdue_ratio(session, now).desc(), CardRow.id)
                                 .limit(1)).first()
    if review_row is not None:
        return _to_queue_card(review_row, "review")
    done_new = new_introduced_today(session, window)
    if done_new < window.new_per_day:
        fresh = _next_new(session, base, done_new)
        if fresh is not None:
            return _to_queue_card(fresh, "new")
    soon = session.scalars(base.where(CardRow.state.in_(LEARNING_STATES),
                                      CardRow.due <= window.learn_ahead_until)
                           .order_by(CardRow.due).limit(1)).first()
    return _to_queue_card(soon, "ahead") if soon is not None else None


def _next_new(session: Session, base: AnySelect, done_new: int) -> CardRow | None:
    """New cards by question number (then file order), a skill card taking every third slot."""
    new = base.where(CardRow.state == NEW)
    note = new.where(CardRow.note_id.is_not(None)).order_by(
        DeckRow.builtin, DeckRow.name, NoteRow.number.is_(None),
        cast(NoteRow.number, Integer), NoteRow.source_path, NoteRow.position, CardRow.id)
    skill = new.where(CardRow.skill_kind.is_not(None)).order_by(CardRow.id)
    order = [skill, note] if done_new % SKILL_EVERY == SKILL_EVERY - 1 else [note, skill]
    for query in order:
        row: CardRow | None = session.scalars(query.limit(1)).first()
        if row is not None:
            return row
    return None


def _tally(session: Session, window: QueueWindow, filters: QueueFilter,
           skill_topics: Mapping[str, str]) -> dict[str, Any]:
    """Every count the queue and `dlquiz due` report. Only cards due before tomorrow ends
    are scanned (through the due index), and new cards are counted no further than the
    day's remaining limit, so a bank of 100,000 cards costs milliseconds, not a full scan."""
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
    tally = dict(session.execute(_eligible(soon, now, filters, skill_topics)).one()._mapping)
    new_cap = max(0, window.new_per_day - new_introduced_today(session, window))
    fresh = _eligible(select(CardRow.id), now, filters, skill_topics).where(state == NEW)
    tally["new"] = session.scalar(select(func.count()).select_from(
        fresh.limit(new_cap).subquery())) or 0
    firsts = [session.scalar(_eligible(select(CardRow.due), now, filters, skill_topics)
                             .where(state == scheduled_state, due > now)
                             .order_by(due).limit(1))  # one (suspended, state, due) index walk
              for scheduled_state in (*LEARNING_STATES, REVIEW)]
    tally["next_due"] = min((d for d in firsts if d is not None), default=None)
    return tally


def queue_counts(bank: Bank, window: QueueWindow, filters: QueueFilter = QueueFilter(),
                 skill_topics: Mapping[str, str] | None = None) -> QueueCounts:
    """Cards left today: new (within the limit), learning due today, reviews due today."""
    with bank.read() as session:
        tally = _tally(session, window, filters, skill_topics or {})
    return QueueCounts(new=int(tally["new"]), learning=int(tally["learning"]),
                       review=int(tally["review"]))


def forecast(bank: Bank, window: QueueWindow, filters: QueueFilter = QueueFilter()) -> DueForecast:
    """`dlquiz due`: what is due now, later today and tomorrow, and when the next card is."""
    with bank.read() as session:
        tally = _tally(session, window, filters, {})
    return DueForecast(now=int(tally["due_now"]), later_today=int(tally["later_today"]),
                       tomorrow=int(tally["tomorrow"]), new_available=int(tally["new"]),
                       next_due=tally["next_due"])
