"""The SQL the statistics write differently on SQLite and on PostgreSQL, each piece once per
dialect: how an instant is bound or written, days between instants, truncation to a whole
number, SQLite's two-argument min() and max(), a condition counted as 0 or 1, the boolean
constants, and the join-order hints SQLite's plans rely on.

The SQLite pieces are the SQL the statistics were tuned with (julianday(), text instants,
CROSS JOIN and INDEXED BY to fix the plan); the PostgreSQL pieces give the same numbers:
instants are `timestamp without time zone` holding UTC, and days are whole seconds over
86,400 in double precision, as `(later - earlier).total_seconds() / 86400` in Python.
"""

from __future__ import annotations

from datetime import UTC, datetime

from dlquiz.store.bank.database import Bank


def stamp(moment: datetime) -> str:
    """An instant in the bank's own text form (what SQLAlchemy writes for SQLite), so a
    plain string comparison orders it against the stored columns."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class SQLiteStats:
    """SQLite: instants are text, days come from julianday(); min(), max(), pow() and ln()
    are SQLite's (or supplied from Python, see database.py)."""

    name = "sqlite"
    true = "1"
    false = "0"
    # CROSS JOIN makes SQLite keep the written join order: walk the left side and probe
    # the right side's index for each row, never the other way round
    ordered_join = "CROSS JOIN"
    # SQLite probes a correlated EXISTS per row already
    per_row = ""
    settings: tuple[str, ...] = ()

    def instant(self, moment: datetime) -> object:
        """An instant as a bound parameter compared with stored instants."""
        return stamp(moment)

    def instant_sql(self, moment: datetime) -> str:
        """An instant written into the SQL (only instants we made ourselves)."""
        return f"'{stamp(moment)}'"

    def days(self, instant: str) -> str:
        """An instant as a number of days, to subtract a number of days from."""
        return f"julianday({instant})"

    def days_between(self, later: str, earlier: str) -> str:
        return f"(julianday({later}) - julianday({earlier}))"

    def whole(self, number: str) -> str:
        """Truncated toward zero to an integer."""
        return f"CAST({number} AS INTEGER)"

    def smaller(self, a: str, b: str) -> str:
        """The smaller of two values, NULL if either is NULL (SQLite's scalar min())."""
        return f"min({a}, {b})"

    def larger(self, a: str, b: str) -> str:
        """The larger of two values, NULL if either is NULL (SQLite's scalar max())."""
        return f"max({a}, {b})"

    def flag(self, condition: str) -> str:
        """A condition as 1 or 0 (NULL stays NULL), for sums."""
        return f"({condition})"

    def indexed_by(self, index: str) -> str:
        return f" INDEXED BY {index}"


class PostgresStats:
    """PostgreSQL: instants are `timestamp without time zone` in UTC; no julianday(), no
    scalar min() and max() (least() and greatest() skip NULLs, so NULL is kept by hand), no
    sum of booleans, and no hint that fixes the join order (its planner chooses)."""

    name = "postgresql"
    true = "true"
    false = "false"
    ordered_join = "JOIN"
    # ends an EXISTS subquery that must be probed through an index for each outer row: an
    # OFFSET keeps PostgreSQL from turning it into a hash join over the whole review log,
    # which it does when it misjudges how many rows a range join yields
    per_row = " OFFSET 0"
    # the statistics are many short index range counts: compiling them (JIT, which the
    # planner's cost estimates of range joins set off) costs more than running them
    settings: tuple[str, ...] = ("SET LOCAL jit = off",)

    def instant(self, moment: datetime) -> object:
        return moment.astimezone(UTC).replace(tzinfo=None)

    def instant_sql(self, moment: datetime) -> str:
        return f"TIMESTAMP '{stamp(moment)}'"

    def days(self, instant: str) -> str:
        return f"(extract(epoch FROM {instant})::float8 / 86400)"

    def days_between(self, later: str, earlier: str) -> str:
        return f"(extract(epoch FROM ({later}) - ({earlier}))::float8 / 86400)"

    def whole(self, number: str) -> str:
        return f"trunc({number})::integer"

    def smaller(self, a: str, b: str) -> str:
        return f"(CASE WHEN ({a}) IS NOT NULL AND ({b}) IS NOT NULL THEN least({a}, {b}) END)"

    def larger(self, a: str, b: str) -> str:
        return (f"(CASE WHEN ({a}) IS NOT NULL AND ({b}) IS NOT NULL "
                f"THEN greatest({a}, {b}) END)")

    def flag(self, condition: str) -> str:
        return f"({condition})::integer"

    def indexed_by(self, index: str) -> str:
        return ""


StatsDialect = SQLiteStats | PostgresStats
_DIALECTS: dict[str, StatsDialect] = {"sqlite": SQLiteStats(), "postgresql": PostgresStats()}


def dialect_named(name: str) -> StatsDialect:
    return _DIALECTS[name]


def dialect_of(bank: Bank) -> StatsDialect:
    """The statistics' SQL pieces for the bank's backend."""
    return _DIALECTS[bank.engine.dialect.name]
