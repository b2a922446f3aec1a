"""Pieces the statistics queries share: instants as the bank stores them, spans of time as
a VALUES table to join against, and the scope (deck, topic) as SQL conditions.

The queries lean on covering indexes (migration 0006). Spans are joined with CROSS JOIN so
that SQLite walks the spans and range-scans the index for each, never the other way round;
what SQLite and PostgreSQL write differently is in stats_dialect.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Executable, Row, text

from dlquiz.store.bank.database import Bank
from dlquiz.store.stats.dialect import StatsDialect, dialect_of, stamp
from dlquiz.store.stats.records import Span, StatsScope

__all__ = ["CARD_JOINS", "OUTSIDE", "card_filters", "fetch", "log_scope", "names_list",
           "parse_stamp", "spans_table", "stamp"]


def fetch(bank: Bank, query: str | Executable,
          params: Mapping[str, Any] | None = None) -> Sequence[Row[*tuple[Any, ...]]]:
    """The rows of one statistics query, in a read transaction with the dialect's settings."""
    with bank.read() as session:
        for setting in dialect_of(bank).settings:
            session.execute(text(setting))
        statement = text(query) if isinstance(query, str) else query
        return session.execute(statement, dict(params or {})).all()


def parse_stamp(raw: object) -> datetime:
    """A stored instant read back through a text query (a string on SQLite, a naive UTC
    datetime on PostgreSQL)."""
    moment = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def spans_table(q: StatsDialect, spans: Sequence[Span]) -> str:
    """`(key, start, end), …` for `WITH s(k, a, b) AS (VALUES …)`. Only numbers and
    instants we formatted ourselves go in, never text from the user."""
    return ", ".join(f"({int(s.key)}, {q.instant_sql(s.start)}, {q.instant_sql(s.end)})"
                     for s in spans)


def card_filters(q: StatsDialect, scope: StatsScope, params: dict[str, Any]) -> list[str]:
    """Conditions on `c` (cards), `n` (notes) and `d` (decks) for the scope's deck and topic."""
    found = []
    if scope.deck is not None:
        params["deck"] = scope.deck
        found.append("d.name = :deck")
    if scope.topic is not None:
        params["topic"] = scope.topic
        kinds = names_list(scope.kinds, "kind", params)
        skill = f"c.skill_kind IN ({kinds})" if kinds else q.false
        found.append(f"(n.topic = :topic OR {skill})")
    return found


def names_list(values: Iterable[str], prefix: str, params: dict[str, Any]) -> str:
    """`:k0, :k1, …` bound to `values` (for an IN list)."""
    names = []
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return ", ".join(names)


CARD_JOINS = ("cards c LEFT JOIN notes n ON n.id = c.note_id "
              "LEFT JOIN decks d ON d.id = n.deck_id")
# why a card is left out of the card statistics (stats_records.EXCLUDED), over CARD_JOINS:
# 1 retired (its note or follow-up), 2 a built-in question card another deck asks too, 0
# counted. Draft and partial notes' cards are counted like any other. The subqueries run
# only for the few cards they concern (follow-ups, built-in questions).
OUTSIDE = """CASE WHEN c.note_id IS NULL THEN 0
     WHEN n.retired_at IS NOT NULL THEN 1
     WHEN c.followup_id IS NOT NULL THEN CASE WHEN EXISTS (
          SELECT 1 FROM followups f WHERE f.id = c.followup_id
                AND f.retired_at IS NOT NULL) THEN 1 ELSE 0 END
     WHEN d.builtin = {true} AND EXISTS (
          SELECT 1 FROM notes t JOIN decks td ON td.id = t.deck_id
          WHERE t.key = n.key AND t.retired_at IS NULL AND t.id != n.id
                AND td.builtin = {false}) THEN 2
     ELSE 0 END"""


def log_scope(q: StatsDialect, scope: StatsScope, params: dict[str, Any],
              alias: str = "r") -> str:
    """` AND <alias>.card_id IN (…)` for a filtered scope (nothing for everything): the
    history of the cards in the deck or topic, whatever became of their notes since."""
    filters = card_filters(q, scope, params)
    if not filters:
        return ""
    return (f" AND {alias}.card_id IN (SELECT c.id FROM {CARD_JOINS} "
            f"WHERE {' AND '.join(filters)})")
