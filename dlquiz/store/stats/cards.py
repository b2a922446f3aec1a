"""The cards as they stand, aggregated in SQL for the statistics: how many are in each
state, the distributions of their intervals, stability, difficulty and recall now, the
daily load, per-topic memory, and when the scheduled ones come due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, func, literal, select, union_all

from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.eligibility import eligible
from dlquiz.store.schema.models import CardRow
from dlquiz.store.schema.records import QueueFilter, QueueWindow
from dlquiz.store.schema.states import LEARNING_STATES, REVIEW
from dlquiz.store.schema.types import UTCDateTime
from dlquiz.store.stats.dialect import StatsDialect, dialect_of
from dlquiz.store.stats.records import (
    EXCLUDED,
    MATURE_DAYS,
    CardCounts,
    Memory,
    Span,
    StatsScope,
    TopicCells,
)
from dlquiz.store.stats.sql import CARD_JOINS, OUTSIDE, card_filters, fetch

DAY_EDGES = (1, 2, 3, 5, 7, 10, 14, 21, 30, 60, 90, 180, 365, 730)  # days; buckets between
TENTHS = 10
CATEGORIES = ("new", "learning", "relearning", "young", "mature", "suspended", "buried",
              "leech", "retired", "shadowed")  # the last two: outside the counts
_NONE = len(DAY_EDGES) + 1  # the day buckets, and the "not applicable" value after them
_DAYS = _NONE + 1
_TENTHS = TENTHS + 1

_RATED = "(c.stability > 0 AND c.last_review IS NOT NULL AND c.state != 0)"


def _where(q: StatsDialect, scope: StatsScope, params: dict[str, Any]) -> str:
    return " AND ".join(card_filters(q, scope, params)) or q.true


def _recall(q: StatsDialect) -> str:
    """FSRS's forgetting curve at :now with whole elapsed days, as the scheduler computes it
    (NULL for a card never rated)."""
    days = q.larger("0", q.whole(q.days_between(":now", "c.last_review")))
    return f"CASE WHEN {_RATED} THEN pow(1.0 + :factor * {days} / c.stability, -:decay) END"


def _curve(q: StatsDialect, now: datetime, decay: float, params: dict[str, Any]) -> None:
    params.update(now=q.instant(now), decay=decay, factor=0.9 ** (-1.0 / decay) - 1.0)


def _bucket(expr: str, edges: Sequence[float]) -> str:
    whens = " ".join(f"WHEN {expr} < {edge} THEN {i}" for i, edge in enumerate(edges))
    return f"CASE {whens} ELSE {len(edges)} END"


@dataclass(frozen=True)
class CardSummary:
    counts: CardCounts
    memory: Memory
    topics: list[TopicCells]


def card_summary(bank: Bank, now: datetime, decay: float, scope: StatsScope) -> CardSummary:
    """One pass over the cards in scope: every card's state, its interval, stability,
    difficulty and recall-now buckets, per topic, grouped in SQL; the counts, the
    distributions, the total knowledge, the daily load and per-topic memory are sums of
    those groups. The cards outside the statistics (stats_sql.OUTSIDE) are only counted,
    by reason."""
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    _curve(q, now, decay, params)
    # every card's state and four buckets packed into one integer (see _unpack), so that
    # grouping sorts narrow rows; the interval and recall are computed once per card. A card
    # outside the counts (stats_sql.OUTSIDE) gets the category of its reason.
    category = " ".join(f"WHEN {test} THEN {CATEGORIES.index(name)}" for name, test in (
        ("retired", "outside = 1"), ("shadowed", "outside = 2"), ("leech", "leech"),
        ("suspended", "suspended"), ("buried", "buried_until > :now"),
        ("new", "state = 0"), ("learning", "state = 1"), ("relearning", "state = 3"),
        ("mature", f"ivl >= {MATURE_DAYS}")))
    difficulty = q.smaller(str(TENTHS - 1), q.larger("0", q.whole("(difficulty - 1) / 0.9")))
    recall = q.smaller(str(TENTHS - 1), q.whole(f"recall * {TENTHS}"))
    code = (f"((((CASE {category} ELSE {CATEGORIES.index('young')} END) * {_DAYS}"
            f" + CASE WHEN state = {REVIEW} THEN {_bucket('ivl', DAY_EDGES)} ELSE {_NONE}"
            f" END) * {_DAYS} + CASE WHEN recall IS NOT NULL THEN"
            f" {_bucket('stability', DAY_EDGES)} ELSE {_NONE} END) * {_TENTHS}"
            f" + CASE WHEN recall IS NOT NULL AND difficulty IS NOT NULL THEN"
            f" {difficulty} ELSE {TENTHS}"
            f" END) * {_TENTHS} + coalesce({recall}, {TENTHS})")
    sql = f"""
WITH x AS MATERIALIZED (
  SELECT {OUTSIDE.format(true=q.true, false=q.false)} AS outside,
         c.note_id IS NULL AS skill,
         CASE WHEN c.note_id IS NULL THEN c.skill_kind ELSE coalesce(n.topic, '') END AS topic,
         c.state AS state, c.stability AS stability, c.difficulty AS difficulty,
         c.lapses AS lapses, c.suspended AS suspended, c.leech AS leech,
         c.buried_until AS buried_until, {q.days_between("c.due", "c.last_review")} AS ivl,
         {_recall(q)} AS recall
  FROM {CARD_JOINS}
  WHERE {_where(q, scope, params)})
SELECT skill, topic, {code}, count(*), count(recall), sum(coalesce(recall, 0)),
       sum(lapses),
       sum(CASE WHEN state = {REVIEW} AND NOT suspended THEN 1.0 / {q.larger("1.0", "ivl")}
           ELSE 0 END),
       sum({q.flag(f"state = {REVIEW} AND ivl >= {MATURE_DAYS}")})
FROM x GROUP BY 1, 2, 3"""
    return _summarise(fetch(bank, sql, params))


def _unpack(code: int) -> tuple[str, int, int, int, int]:
    """The packed integer back into (category, interval, stability, difficulty and recall
    buckets); a bucket equal to its size means "not applicable"."""
    code, recall = divmod(code, _TENTHS)
    code, difficulty = divmod(code, _TENTHS)
    code, stability = divmod(code, _DAYS)
    category, interval = divmod(code, _DAYS)
    return CATEGORIES[category], interval, stability, difficulty, recall


def _summarise(rows: Sequence[Any]) -> CardSummary:
    counts: dict[str, int] = {}
    hist = [[0] * _NONE, [0] * _NONE, [0] * TENTHS, [0] * TENTHS]
    topics: dict[tuple[bool, str], list[float]] = {}
    reviewed, knowledge, load = 0, 0.0, 0.0
    for skill, topic, code, n, rated, recall, lapses, day_load, mature in rows:
        category, *buckets = _unpack(int(code))
        counts[category] = counts.get(category, 0) + int(n)
        if category in EXCLUDED:  # counted apart, in nothing else
            continue
        for histogram, bucket in zip(hist, buckets, strict=True):
            if bucket < len(histogram):
                histogram[bucket] += int(n)
        reviewed += int(rated or 0)
        knowledge += float(recall or 0.0)
        load += float(day_load or 0.0)
        sums = topics.setdefault((bool(skill), str(topic or "")), [0, 0, 0, 0.0, 0])
        for k, value in enumerate((n, mature, rated, recall, lapses)):
            sums[k] += value or 0
    memory = Memory(intervals=tuple(hist[0]), stability=tuple(hist[1]),
                    difficulty=tuple(hist[2]), retrievability=tuple(hist[3]),
                    reviewed=reviewed, knowledge=knowledge, daily_load=load)
    cells = [TopicCells(topic=topic, source="skill" if skill else "note", cards=int(v[0]),
                        mature=int(v[1]), reviewed=int(v[2]), recall_sum=float(v[3]),
                        lapses=int(v[4])) for (skill, topic), v in topics.items()]
    return CardSummary(counts=CardCounts(**counts), memory=memory, topics=cells)


def due_counts(bank: Bank, window: QueueWindow, days: Sequence[Span],
               scope: StatsScope) -> dict[int, int]:
    """Scheduled cards coming due in each span (a span from the epoch takes in everything
    overdue), counted with exactly the study queue's filter (eligibility.eligible: not
    suspended, not buried now, not of a retired note or a draft without a built-in answer,
    not a shadowed built-in twin, a follow-up only once its question was studied on an
    earlier day; deck and topic): one index range count per day, so `dlquiz due` and the
    forecast agree by construction."""
    if not days:
        return {}
    filters = QueueFilter(deck=scope.deck, topic=scope.topic)
    # the spans as a CTE of bound instants (at most a year and a day of them, well under
    # SQLite's 500-term compound limit)
    span = union_all(*(select(literal(d.key, Integer).label("k"),
                              literal(d.start, UTCDateTime()).label("a"),
                              literal(d.end, UTCDateTime()).label("b")) for d in days)
                     ).cte("s") if len(days) > 1 else select(
        literal(days[0].key, Integer).label("k"), literal(days[0].start, UTCDateTime()).label("a"),
        literal(days[0].end, UTCDateTime()).label("b")).cte("s")
    kinds = dict.fromkeys(scope.kinds, scope.topic or "")
    count = eligible(select(func.count()).select_from(CardRow), window, filters, kinds).where(
        CardRow.state.in_((*LEARNING_STATES, REVIEW)), CardRow.due >= span.c.a,
        CardRow.due < span.c.b).scalar_subquery()
    return {int(k): int(n) for k, n in fetch(bank, select(span.c.k, count)) if n}
