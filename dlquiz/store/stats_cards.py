"""The cards as they stand, aggregated in SQL for the statistics: how many are in each
state, the distributions of their intervals, stability, difficulty and recall now, the
daily load, per-topic memory, and when the scheduled ones come due."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import String, select, text, type_coerce

from dlquiz.store.database import Bank
from dlquiz.store.models import CardRow
from dlquiz.store.queue import _eligible
from dlquiz.store.records import QueueFilter
from dlquiz.store.states import LEARNING_STATES, REVIEW
from dlquiz.store.stats_records import MATURE_DAYS, CardCounts, Memory, StatsScope, TopicCells
from dlquiz.store.stats_sql import CARD_JOINS, STUDYABLE, card_filters, stamp

DAY_EDGES = (1, 2, 3, 5, 7, 10, 14, 21, 30, 60, 90, 180, 365, 730)  # days; buckets between
TENTHS = 10

_INTERVAL = "(julianday(c.due) - julianday(c.last_review))"
# FSRS's forgetting curve at :now with whole elapsed days, as the scheduler computes it
_RECALL = ("pow(1.0 + :factor * max(0, CAST(julianday(:now) - julianday(c.last_review) "
           "AS INTEGER)) / c.stability, -:decay)")
_RATED = "(c.stability > 0 AND c.last_review IS NOT NULL AND c.state != 0)"


def _where(scope: StatsScope, params: dict[str, Any]) -> str:
    return " AND ".join([STUDYABLE, *card_filters(scope, params)])


def _curve(now: datetime, decay: float, params: dict[str, Any]) -> None:
    params.update(now=stamp(now), decay=decay, factor=0.9 ** (-1.0 / decay) - 1.0)


def card_counts(bank: Bank, now: datetime, scope: StatsScope) -> CardCounts:
    params: dict[str, Any] = {"now": stamp(now)}
    sql = f"""
SELECT CASE WHEN c.leech THEN 'leech' WHEN c.suspended THEN 'suspended'
            WHEN c.buried_until > :now THEN 'buried'
            WHEN c.state = 0 THEN 'new' WHEN c.state = 1 THEN 'learning'
            WHEN c.state = 3 THEN 'relearning'
            WHEN {_INTERVAL} >= {MATURE_DAYS} THEN 'mature' ELSE 'young' END, count(*)
FROM {CARD_JOINS} WHERE {_where(scope, params)} GROUP BY 1"""
    with bank.read() as session:
        counts = {str(k): int(v) for k, v in session.execute(text(sql), params).all()}
    return CardCounts(**counts)


def _bucket(expr: str, edges: Sequence[float]) -> str:
    whens = " ".join(f"WHEN {expr} < {edge} THEN {i}" for i, edge in enumerate(edges))
    return f"CASE {whens} ELSE {len(edges)} END"


def _histogram(bank: Bank, expr: str, condition: str, size: int, scope: StatsScope,
               params: dict[str, Any]) -> tuple[int, ...]:
    sql = (f"SELECT {expr}, count(*) FROM {CARD_JOINS} WHERE {_where(scope, params)} "
           f"AND {condition} GROUP BY 1")
    counts = [0] * size
    with bank.read() as session:
        for bucket, count in session.execute(text(sql), params).all():
            counts[min(max(int(bucket), 0), size - 1)] += int(count)
    return tuple(counts)


def memory(bank: Bank, now: datetime, decay: float, scope: StatsScope) -> Memory:
    """Distributions over the cards rated at least once (intervals: review cards), the sum of
    their recall now (the estimated total knowledge) and the daily load."""
    params: dict[str, Any] = {}
    _curve(now, decay, params)
    edges = len(DAY_EDGES) + 1
    intervals = _histogram(bank, _bucket(_INTERVAL, DAY_EDGES), f"c.state = {REVIEW}",
                           edges, scope, params)
    stability = _histogram(bank, _bucket("c.stability", DAY_EDGES), _RATED, edges, scope,
                           params)
    difficulty = _histogram(bank, "CAST((c.difficulty - 1) / 0.9 AS INTEGER)",
                            f"{_RATED} AND c.difficulty IS NOT NULL", TENTHS, scope, params)
    recall = _histogram(bank, f"CAST({_RECALL} * {TENTHS} AS INTEGER)", _RATED, TENTHS, scope,
                        params)
    sql = f"""
SELECT sum({_RATED}), sum(CASE WHEN {_RATED} THEN {_RECALL} ELSE 0 END),
       sum(CASE WHEN c.state = {REVIEW} AND NOT c.suspended
           THEN 1.0 / max(1.0, {_INTERVAL}) ELSE 0 END)
FROM {CARD_JOINS} WHERE {_where(scope, params)}"""
    with bank.read() as session:
        reviewed, knowledge, load = session.execute(text(sql), params).one()
    return Memory(intervals=intervals, stability=stability, difficulty=difficulty,
                  retrievability=recall, reviewed=int(reviewed or 0),
                  knowledge=float(knowledge or 0.0), daily_load=float(load or 0.0))


def topic_cells(bank: Bank, now: datetime, decay: float, scope: StatsScope) -> list[TopicCells]:
    """Per note topic, and per skill kind (its topic is the engine's, named by the caller):
    cards, mature ones, rated ones, the sum of their recall now, lapses."""
    params: dict[str, Any] = {}
    _curve(now, decay, params)
    sql = f"""
SELECT c.note_id IS NULL, CASE WHEN c.note_id IS NULL THEN c.skill_kind
                              ELSE coalesce(n.topic, '') END,
       count(*), sum(c.state = {REVIEW} AND {_INTERVAL} >= {MATURE_DAYS}), sum({_RATED}),
       sum(CASE WHEN {_RATED} THEN {_RECALL} ELSE 0 END), sum(c.lapses)
FROM {CARD_JOINS} WHERE {_where(scope, params)} GROUP BY 1, 2"""
    with bank.read() as session:
        rows = session.execute(text(sql), params).all()
    return [TopicCells(topic=str(r[1] or ""), source="skill" if r[0] else "note",
                       cards=int(r[2]), mature=int(r[3] or 0), reviewed=int(r[4] or 0),
                       recall_sum=float(r[5] or 0.0), lapses=int(r[6] or 0)) for r in rows]


def scheduled_dues(bank: Bank, now: datetime, until: datetime, scope: StatsScope,
                   skill_topics: Mapping[str, str]) -> list[str]:
    """When each scheduled card that `dlquiz due` would count comes due (before `until`), in
    the bank's text form, sorted: the same filter as the study queue's."""
    filters = QueueFilter(deck=scope.deck, topic=scope.topic)
    query = _eligible(select(type_coerce(CardRow.due, String)), now, filters, skill_topics)
    query = query.where(CardRow.state.in_((*LEARNING_STATES, REVIEW)), CardRow.due < until)
    with bank.read() as session:
        return sorted(str(due) for due in session.scalars(query))
