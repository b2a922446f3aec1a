"""Column types: datetimes go in as UTC and come back timezone-aware, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Dialect
from sqlalchemy.types import DateTime, TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """SQLite keeps no timezone, so values are normalised to naive UTC on the way in and
    marked UTC on the way out; a naive datetime from a caller is a bug, not a guess."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the bank; pass a timezone-aware UTC value")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


SQLITE_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy's SQLite DateTime stores a value


def sqlite_utc(value: datetime) -> str:
    """A datetime as UTCDateTime stores it on SQLite (SQLITE_FORMAT, always with the
    microseconds), for bulk writes that bypass SQLAlchemy."""
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    text = value.replace(tzinfo=None).isoformat(" ")
    return text if value.microsecond else text + ".000000"
