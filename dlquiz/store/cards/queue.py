"""The queries behind the study queue: due learning cards first, then due reviews (least
likely to be recalled first), then new cards up to the daily limit, note and skill cards
interleaved, then learning cards a little ahead of time.

The reviews and new cards of a day are read once, in order (srs.day_queue keeps the lists
and hands out one card at a time, checking each with `queue_card`); learning cards are
picked fresh each time, as they come due by the minute. The study day arrives as a
QueueWindow of instants, so nothing here needs to know the settings or the time zone.
"""

from __future__ import annotations

import typing
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    bindparam,
    case,
    func,
    literal,
    select,
    text,
)
from sqlalchemy.orm import Session

from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.eligibility import AnySelect, eligible
from dlquiz.store.cards.question_order import in_question_order
from dlquiz.store.cards.repository import CardContent, read_card_content
from dlquiz.store.schema.models import CardRow, ReviewLogRow
from dlquiz.store.schema.records import (
    DueForecast,
    QueueCard,
    QueueCounts,
    QueueFilter,
    QueueName,
    QueueWindow,
)
from dlquiz.store.schema.states import LEARNING_STATES, NEW, REVIEW
from dlquiz.store.schema.types import UTCDateTime

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


def _for_day_lists(session: Session) -> None:
    """PostgreSQL, for the rest of this read: no JIT compilation, and more memory to hash in.
    The day lists' queries are estimated above the server's JIT threshold (each EXISTS of
    the eligibility is costed once per card), and compiling them took 0.1-2.5 s on 100,000
    cards, ten times what running them takes; they run once per study day, so compiled code
    never pays. And on 100,000 notes the hash of the notes outgrew the default 4 MB of
    work_mem and went to temporary files in two batches (a tenth of the new list's time)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT set_config('jit', 'off', true), "
                             "set_config('work_mem', '32MB', true)"))


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


def _instant(name: str) -> datetime:
    """A bound parameter standing in for one instant of the window (typed as the instant
    so that `eligible` and `_in_queue` build the same SQL from it)."""
    return typing.cast(datetime, bindparam(name, type_=UTCDateTime()))


_ANY_WINDOW = QueueWindow(now=_instant("now"), day_start=_instant("day_start"),
                          day_end=_instant("day_end"), tomorrow_end=_instant("tomorrow_end"),
                          learn_ahead_until=_instant("learn_ahead_until"), new_per_day=0)


@lru_cache(maxsize=64)
def _per_card(kind: str, queue: QueueName, filters: QueueFilter,
              topics: tuple[tuple[str, str], ...]) -> AnySelect:
    """The statements a pick or a count runs, built once for any window (the instants are
    bound at each call): building the eligibility anew took a third of a pick's time.
    `kind`: "first" (the card due soonest; "first_excluding": ids in `exclude` left out),
    "check" (the card `card_id`, if in the queue), "count" (learning cards due before the
    day ends)."""
    window = _ANY_WINDOW
    if kind == "count":
        return eligible(select(func.count(CardRow.id)), window, filters, dict(topics)).where(
            CardRow.state.in_(LEARNING_STATES), CardRow.due < window.day_end)
    query = eligible(select(CardRow), window, filters, dict(topics)).where(
        _in_queue(queue, window))
    if kind == "check":
        return query.where(CardRow.id == bindparam("card_id", type_=Integer()))
    if kind == "first_excluding":
        query = query.where(CardRow.id.not_in(bindparam("exclude", expanding=True)))
    return query.order_by(CardRow.due, CardRow.id).limit(1)


class QueueReader:
    """The queue's reads of one moment, in one read transaction: a pick asks for the
    learning card due and then checks the next card of a list. Each in a transaction of
    its own cost PostgreSQL a BEGIN and a ROLLBACK round trip apiece, a third of a pick."""

    def __init__(self, session: Session, window: QueueWindow, filters: QueueFilter,
                 topics: Topics) -> None:
        self.session = session
        self.window = window
        self.filters = filters
        self.topics = topics

    def _eligible(self, query: AnySelect) -> AnySelect:
        return eligible(query, self.window, self.filters, self.topics)

    def _run(self, kind: str, queue: QueueName, **values: Any) -> Any:
        statement = _per_card(kind, queue, self.filters, tuple(sorted(self.topics.items())))
        w = self.window
        return self.session.execute(statement, {
            "now": w.now, "day_start": w.day_start, "day_end": w.day_end,
            "tomorrow_end": w.tomorrow_end, "learn_ahead_until": w.learn_ahead_until,
            **values})

    def _first(self, queue: QueueName, exclude: Collection[int]) -> QueueCard | None:
        result = (self._run("first_excluding", queue, exclude=list(exclude)) if exclude
                  else self._run("first", queue))
        row = result.scalars().first()
        return to_queue_card(row, queue) if row is not None else None

    def learning_card(self, exclude: Collection[int] = ()) -> QueueCard | None:
        """The learning card due soonest (already due), or None."""
        return self._first("learning", exclude)

    def ahead_card(self, exclude: Collection[int] = ()) -> QueueCard | None:
        """A learning card due within the learn-ahead limit, when nothing else is left."""
        return self._first("ahead", exclude)

    def review_order(self) -> list[int]:
        """Every review due before the day ends, least likely to be recalled first."""
        _for_day_lists(self.session)
        query = (self._eligible(select(CardRow.id)).where(_in_queue("review", self.window))
                 .order_by(_overdue_ratio(self.session, self.window.now).desc(), CardRow.id))
        return list(self.session.scalars(query))

    def new_order(self, limit: int) -> tuple[list[int], list[int]]:
        """Up to `limit` new note and follow-up cards by question number and file order (the
        user's decks first), and up to `limit` new skill cards by id."""
        _for_day_lists(self.session)
        fresh = self._eligible(select(CardRow.id)).where(_in_queue("new", self.window))
        notes = in_question_order(fresh.where(CardRow.note_id.is_not(None)),
                                  self.session.get_bind().dialect.name)
        skills = fresh.where(CardRow.skill_kind.is_not(None)).order_by(CardRow.id)
        return (list(self.session.scalars(notes.limit(limit))),
                list(self.session.scalars(skills.limit(limit))))

    def new_count(self, limit: int) -> int:
        """As many cards as `new_order` lists (both lists together), up to `limit`, without
        putting them in order."""
        _for_day_lists(self.session)
        return _new_count(self.session, self.window, self.filters, self.topics, limit)

    def queue_card(self, card_id: int, queue: QueueName) -> QueueCard | None:
        """The card, if it is still eligible and still belongs to `queue` now."""
        row = self._run("check", queue, card_id=card_id).scalars().first()
        return to_queue_card(row, queue) if row is not None else None

    def content(self, card: QueueCard) -> CardContent | None:
        """A note card's note, follow-up and twin, read in this transaction (None for a
        skill card)."""
        if card.note_id is None:
            return None
        return read_card_content(self.session, card.note_id, card.followup_id)

    def new_introduced_today(self) -> int:
        return _new_introduced_today(self.session, self.window)

    def learning_count(self) -> int:
        """Learning cards due before the day ends."""
        return int(self._run("count", "learning").scalar() or 0)


@contextmanager
def reading(bank: Bank, window: QueueWindow, filters: QueueFilter,
            topics: Topics) -> Iterator[QueueReader]:
    with bank.read() as session:
        yield QueueReader(session, window, filters, topics)


def new_order(bank: Bank, window: QueueWindow, filters: QueueFilter, topics: Topics,
              limit: int) -> tuple[list[int], list[int]]:
    with reading(bank, window, filters, topics) as reader:
        return reader.new_order(limit)


def _new_count(session: Session, window: QueueWindow, filters: QueueFilter, topics: Topics,
               limit: int) -> int:
    """New note and skill cards that may be studied now, counted no further than `limit`."""
    fresh: AnySelect = eligible(select(CardRow.id), window, filters, topics).where(
        _in_queue("new", window))
    return int(session.scalar(select(func.count()).select_from(
        fresh.limit(limit).subquery())) or 0)


def chosen_card(bank: Bank, card_id: int) -> QueueCard:
    """A card picked by id (from browsing), whatever its state."""
    from dlquiz.store.cards.cards import card_row

    with bank.read() as session:
        return to_queue_card(card_row(session, card_id), "chosen")


def _new_introduced_today(session: Session, window: QueueWindow) -> int:
    return int(session.scalar(
        select(func.count(func.distinct(ReviewLogRow.card_id)))
        .where(ReviewLogRow.reviewed_at >= window.day_start,
               ReviewLogRow.state_before == NEW)) or 0)


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
    tally["new"] = _new_count(session, window, filters, skill_topics, new_cap)
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
