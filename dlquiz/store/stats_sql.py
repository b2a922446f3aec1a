"""Pieces the statistics queries share: instants as the bank stores them, spans of time as
a VALUES table to join against, and the scope (deck, topic) as SQL conditions.

The statistics are SQLite's: they lean on its covering indexes and on julianday(), pow()
and ln() (see database.py). Spans are joined with CROSS JOIN so that SQLite walks the spans
and range-scans the index for each, never the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from dlquiz.store.stats_records import Span, StatsScope


def stamp(moment: datetime) -> str:
    """An instant in the bank's own text form (what SQLAlchemy writes for SQLite), so a
    plain string comparison orders it against the stored columns."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def parse_stamp(raw: object) -> datetime:
    """A stored instant read back through a text query (a string on SQLite)."""
    moment = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def spans_table(spans: Sequence[Span]) -> str:
    """`(key, start, end), …` for `WITH s(k, a, b) AS (VALUES …)`. Only numbers and
    instants we formatted ourselves go in, never text from the user."""
    return ", ".join(f"({int(s.key)}, '{stamp(s.start)}', '{stamp(s.end)}')" for s in spans)


def card_filters(scope: StatsScope, params: dict[str, Any]) -> list[str]:
    """Conditions on `c` (cards), `n` (notes) and `d` (decks) for the scope's deck and topic."""
    found = []
    if scope.deck is not None:
        params["deck"] = scope.deck
        found.append("d.name = :deck")
    if scope.topic is not None:
        params["topic"] = scope.topic
        kinds = names_list(scope.kinds, "kind", params)
        skill = f"c.skill_kind IN ({kinds})" if kinds else "0"
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
# cards a study session could show: not of a retired note, not of a draft
STUDYABLE = "(c.note_id IS NULL OR (n.retired_at IS NULL AND n.status != 'draft'))"


def log_scope(scope: StatsScope, params: dict[str, Any], alias: str = "r") -> str:
    """` AND <alias>.card_id IN (…)` for a filtered scope (nothing for everything): the
    history of the cards in the deck or topic, whatever became of their notes since."""
    filters = card_filters(scope, params)
    if not filters:
        return ""
    return (f" AND {alias}.card_id IN (SELECT c.id FROM {CARD_JOINS} "
            f"WHERE {' AND '.join(filters)})")
