"""The review log aggregated in SQL for the statistics, shaped so that a million ratings
cost index range counts rather than sorts: ratings per day (and, over the period, by kind
and button), true retention's counts, ratings by hour of day, predicted recall against
the outcome, notes added, the first rating and which days have any."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from dlquiz.store.bank.database import Bank
from dlquiz.store.stats.dialect import dialect_of
from dlquiz.store.stats.records import (
    MATURE_DAYS,
    CalibrationCell,
    DayCell,
    HourCell,
    Span,
    StatsScope,
)
from dlquiz.store.stats.sql import fetch, log_scope, parse_stamp, spans_table

SAME_DAY_MAX = 1.05  # days: a study day is at most 25 hours long (a DST change)
CALIBRATION_BINS = 20

# 0 new, 1 learning, 2 relearning, 3 young, 4 mature (stats_records.REVIEW_KINDS)
_KIND = (f"CASE r.state_before WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 3 THEN 2 "
         f"ELSE CASE WHEN r.last_interval >= {MATURE_DAYS} THEN 4 ELSE 3 END END")

def day_cells(bank: Bank, days: Sequence[Span], scope: StatsScope, *,
              max_answer_ms: int | None = None) -> list[DayCell]:
    """Every (study day, kind, button) of the period with ratings: count and time, each
    answer's time capped at `max_answer_ms` (histories written before the cap existed, or
    imported, may hold an answer left open for an hour)."""
    if not days:
        return []
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    took = "r.duration_ms"
    if max_answer_ms is not None:
        cap = int(max_answer_ms)
        took = f"CASE WHEN r.duration_ms > {cap} THEN {cap} ELSE r.duration_ms END"
    sql = f"""
WITH s(k, a, b) AS (VALUES {spans_table(q, days)})
SELECT s.k, {_KIND}, r.rating, count(*), coalesce(sum({took}), 0)
FROM s CROSS JOIN review_logs r
WHERE r.reviewed_at >= s.a AND r.reviewed_at < s.b{log_scope(q, scope, params)}
GROUP BY 1, 2, 3"""
    rows = fetch(bank, sql, params)
    return [DayCell(int(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows]


def day_counts(bank: Bank, days: Sequence[Span], scope: StatsScope) -> dict[int, int]:
    """Ratings on each day: one index range count per day (no sort of the rows)."""
    if not days:
        return {}
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    sql = f"""
WITH s(k, a, b) AS (VALUES {spans_table(q, days)})
SELECT s.k, (SELECT count(*) FROM review_logs r
             WHERE r.reviewed_at >= s.a AND r.reviewed_at < s.b{log_scope(q, scope, params)})
FROM s"""
    return {int(k): int(n) for k, n in fetch(bank, sql, params) if n}


# What true retention counts: ratings of cards whose interval was at least a day, passed
# (Hard, Good, Easy) or not, young (< 21 days) or mature. The index on exactly these
# expressions (migration 0006) turns each count into an index range count.
_PASSED = "(r.rating > 1)"
_MATURE = f"(r.last_interval >= {MATURE_DAYS})"


def retention_counts(bank: Bank, segments: Sequence[Span],
                     scope: StatsScope) -> dict[tuple[int, bool, bool], int]:
    """(segment, mature, passed) -> ratings whose interval was a day or more."""
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    no, yes = q.false, q.true
    sql = f"""
WITH s(k, a, b) AS (VALUES {spans_table(q, segments)}),
     f(m, p) AS (VALUES ({no}, {no}), ({no}, {yes}), ({yes}, {no}), ({yes}, {yes}))
SELECT s.k, f.m, f.p, (SELECT count(*) FROM review_logs r
  WHERE {_PASSED} = f.p AND {_MATURE} = f.m AND r.reviewed_at >= s.a AND r.reviewed_at < s.b
        AND r.last_interval >= 1{log_scope(q, scope, params)})
FROM s, f"""
    rows = fetch(bank, sql, params)
    return {(int(k), bool(m), bool(p)): int(n) for k, m, p, n in rows}


def retention_repeats(bank: Bank, days: Sequence[Span],
                      scope: StatsScope) -> list[tuple[int, bool, bool]]:
    """(day, mature, passed) of every counted-kind rating that is not the card's first of
    its study day. Only a rating whose previous rating (of any kind) fell on the same day
    can be one; those few are in a partial index, and the (card_id, reviewed_at) index
    answers whether an earlier rating that day counted."""
    if not days:
        return []
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    sql = f"""
WITH s(k, a, b) AS (VALUES {spans_table(q, days)})
SELECT s.k, {_MATURE}, {_PASSED}
FROM s CROSS JOIN review_logs r{q.indexed_by("ix_review_logs_repeats")}
WHERE r.reviewed_at >= s.a AND r.reviewed_at < s.b
  AND r.last_interval >= 1 AND r.elapsed < {SAME_DAY_MAX}
  AND {q.days("r.reviewed_at")} - r.elapsed >= {q.days("s.a")} - 0.001
  AND EXISTS (SELECT 1 FROM review_logs p WHERE p.card_id = r.card_id
              AND p.reviewed_at >= s.a AND p.reviewed_at <= r.reviewed_at
              AND p.last_interval >= 1
              AND (p.reviewed_at < r.reviewed_at
                   OR (p.reviewed_at = r.reviewed_at AND p.id < r.id)){q.per_row})
  {log_scope(q, scope, params)}"""
    rows = fetch(bank, sql, params)
    return [(int(k), bool(m), bool(p)) for k, m, p in rows]


def hour_cells(bank: Bank, hours: Sequence[Span], scope: StatsScope) -> list[HourCell]:
    """Ratings and passes (Hard, Good or Easy) by local hour of the day."""
    if not hours:
        return []
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    sql = f"""
WITH s(k, a, b) AS (VALUES {spans_table(q, hours)})
SELECT s.k, count(*), sum({q.flag(_PASSED)}) FROM s CROSS JOIN review_logs r
WHERE r.reviewed_at >= s.a AND r.reviewed_at < s.b{log_scope(q, scope, params)}
GROUP BY s.k"""
    rows = fetch(bank, sql, params)
    return [HourCell(int(r[0]), int(r[1]), int(r[2] or 0)) for r in rows]


def studied_days(bank: Bank, days: Sequence[Span], scope: StatsScope) -> set[int]:
    """The days with at least one rating: one index probe per day, not a scan."""
    if not days:
        return set()
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    sql = f"""
WITH s(k, a, b) AS (VALUES {spans_table(q, days)})
SELECT s.k FROM s WHERE EXISTS (SELECT 1 FROM review_logs r
  WHERE r.reviewed_at >= s.a AND r.reviewed_at < s.b{log_scope(q, scope, params)})"""
    return {int(row[0]) for row in fetch(bank, sql, params)}


def first_review(bank: Bank, scope: StatsScope) -> datetime | None:
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    sql = (f"SELECT min(r.reviewed_at) FROM review_logs r "
           f"WHERE {q.true}{log_scope(q, scope, params)}")
    raw = fetch(bank, sql, params)[0][0]
    return parse_stamp(raw) if raw else None


def calibration_cells(bank: Bank, period: Span, scope: StatsScope) -> list[CalibrationCell]:
    """FSRS's predicted recall at each rating of the period a day or more after the previous
    one, in bins of 5 %, against the outcome (pass: Hard, Good or Easy), with the
    log-likelihood sum."""
    q = dialect_of(bank)
    params: dict[str, Any] = {"a": q.instant(period.start), "b": q.instant(period.end)}
    recall = "r.retrievability"
    sql = f"""
SELECT {q.smaller(str(CALIBRATION_BINS - 1), q.whole(f"{recall} * {CALIBRATION_BINS}"))},
       count(*), sum({q.flag(_PASSED)}), sum({recall}),
       sum(CASE WHEN r.rating > 1 THEN ln({q.larger(recall, "1e-6")})
                ELSE ln({q.larger(f"1.0 - {recall}", "1e-6")}) END)
FROM review_logs r
WHERE r.reviewed_at >= :a AND r.reviewed_at < :b AND r.retrievability IS NOT NULL
  AND r.elapsed >= 1{log_scope(q, scope, params)}
GROUP BY 1"""
    rows = fetch(bank, sql, params)
    return [CalibrationCell(int(r[0]), int(r[1]), int(r[2] or 0), float(r[3] or 0.0),
                            float(r[4] or 0.0)) for r in rows]


def notes_added(bank: Bank, days: Sequence[Span], scope: StatsScope) -> dict[int, int]:
    """Notes created on each day (whatever became of them since)."""
    if not days:
        return {}
    q = dialect_of(bank)
    params: dict[str, Any] = {}
    where = ""
    if scope.deck is not None:
        params["deck"] = scope.deck
        where += " AND d.name = :deck"
    if scope.topic is not None:
        params["topic"] = scope.topic
        where += " AND n.topic = :topic"
    sql = f"""
WITH s(k, a, b) AS (VALUES {spans_table(q, days)})
SELECT s.k, count(*) FROM s CROSS JOIN notes n LEFT JOIN decks d ON d.id = n.deck_id
WHERE n.created_at >= s.a AND n.created_at < s.b{where} GROUP BY s.k"""
    return {int(k): int(v) for k, v in fetch(bank, sql, params)}



def rated_cards(bank: Bank, day: Span, scope: StatsScope) -> int:
    """Distinct cards rated during `day`."""
    q = dialect_of(bank)
    params: dict[str, Any] = {"a": q.instant(day.start), "b": q.instant(day.end)}
    sql = (f"SELECT count(DISTINCT r.card_id) FROM review_logs r WHERE r.reviewed_at >= :a "
           f"AND r.reviewed_at < :b{log_scope(q, scope, params)}")
    return int(fetch(bank, sql, params)[0][0] or 0)


def review_count(bank: Bank) -> int:
    """Every study rating in the bank (what `dlquiz optimize` can learn from)."""
    return int(fetch(bank, "SELECT count(*) FROM review_logs")[0][0] or 0)


def note_topics(bank: Bank) -> list[str]:
    """The topics of the notes in the bank (not retired), sorted."""
    sql = ("SELECT DISTINCT topic FROM notes WHERE topic IS NOT NULL AND retired_at IS NULL "
           "ORDER BY topic")
    return [str(row[0]) for row in fetch(bank, sql)]
