"""`dlquiz bank copy SRC DST`: a whole bank from one database to another (SQLite or
PostgreSQL, either way), every table row for row with its ids and timestamps, in one write
transaction on the destination; PostgreSQL's id sequences are moved past the copied ids."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from dlquiz.store.bank.database import Bank, make_engine, open_bank
from dlquiz.store.bank.explain import explain_db_error, server_of
from dlquiz.store.bank.location import sqlite_path
from dlquiz.store.bank.migrate import current_revision
from dlquiz.store.schema.errors import BankError
from dlquiz.store.schema.models import Base

BATCH = 2000


@dataclass(frozen=True)
class CopyReport:
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _tables() -> list[Table]:
    """Every table of the bank, parents before the tables that point at them."""
    return list(Base.metadata.sorted_tables)


def _where(url: str) -> str:
    return str(sqlite_path(url) or server_of(url))


def _is_empty(session: Session) -> bool:
    return all(not session.scalar(select(func.count()).select_from(table))
               for table in _tables())


def _batches(session: Session, table: Table) -> Iterator[list[dict[str, object]]]:
    order = list(table.primary_key.columns)
    result = session.execute(select(table).order_by(*order)).mappings()
    while rows := result.fetchmany(BATCH):
        yield [dict(row) for row in rows]


def copy_bank_between(source_url: str, target_url: str, *, force: bool) -> CopyReport:
    """Copy the bank at `source_url` into `target_url` (created or upgraded to the current
    schema first). A target that already holds data is refused unless `force`, which
    replaces its contents."""
    if source_url == target_url:
        raise BankError(f"{_where(source_url)}: the source and the destination are the same.")
    _require_bank(source_url)
    source = open_bank(source_url)
    target = open_bank(target_url)
    try:
        return _copy(source, target, force=force)
    finally:
        source.engine.dispose()
        target.engine.dispose()


def _require_bank(url: str) -> None:
    """The source must already be a bank: opening it would otherwise create one (an empty
    file for a mistyped path, a schema in somebody's empty database)."""
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise BankError(f"{path}: there is no bank here to copy; check the path.")
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except DBAPIError as exc:
        raise explain_db_error(url, exc) from None
    finally:
        engine.dispose()
    if revision is None:
        raise BankError(f"{_where(url)}: holds no dlquiz bank to copy; check the URL.")


def _copy(source: Bank, target: Bank, *, force: bool) -> CopyReport:
    copied: dict[str, int] = {}
    with source.read() as reading, target.write() as writing:
        if not _is_empty(writing):
            if not force:
                raise BankError(f"{_where(target.url)}: already holds a bank; give --force to "
                                "replace everything in it with the copy.")
            for table in reversed(_tables()):
                writing.execute(delete(table))
        for table in _tables():
            count = 0
            for rows in _batches(reading, table):
                writing.execute(insert(table), rows)
                count += len(rows)
            copied[table.name] = count
        if writing.get_bind().dialect.name == "postgresql":
            _advance_sequences(writing)
            # the planner's statistics, now rather than whenever autovacuum gets to them: a
            # freshly filled table without them can get plans a hundred times slower
            writing.execute(text("ANALYZE"))
    return CopyReport(rows=copied)


def _advance_sequences(session: Session) -> None:
    """Serial ids continue after the copied ones (PostgreSQL keeps them in sequences)."""
    for table in _tables():
        columns = [c for c in table.primary_key.columns if c.autoincrement is True
                   or (c.autoincrement == "auto" and c.type.python_type is int)]
        if len(columns) != 1:
            continue
        name = columns[0].name
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{name}'), "
            f"COALESCE((SELECT max({name}) FROM {table.name}), 0) + 1, false)"))
