"""Pooled PostgreSQL connections the server dropped while the bank sat idle (a restart, an
idle timeout, an administrator) are noticed before use and replaced, without a ping before
every one of the short transactions that showing a card takes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text

from dlquiz.store.bank import database
from dlquiz.store.bank.database import Bank, driver_url, open_bank
from dlquiz.store.schema.errors import BankError

from ...postgres import fresh_database


@pytest.fixture
def server_bank() -> Iterator[Bank]:
    with fresh_database() as url:
        bank = open_bank(url)
        try:
            yield bank
        finally:
            bank.engine.dispose()


def drop_connections(bank: Bank) -> int:
    """What a server restart does to the bank's pooled connections: ends their sessions."""
    target = bank.engine.url
    admin = create_engine(driver_url(target.set(database="postgres")
                                     .render_as_string(hide_password=False)),
                          isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            ended = conn.execute(text("SELECT count(pg_terminate_backend(pid)) "
                                      "FROM pg_stat_activity WHERE datname = :name"),
                                 {"name": target.database}).scalar_one()
    finally:
        admin.dispose()
    return int(ended)


def one(bank: Bank) -> int:
    with bank.read() as session:
        return int(session.execute(text("SELECT 1")).scalar_one())


def test_a_connection_dropped_while_idle_is_replaced(
        server_bank: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    assert one(server_bank) == 1
    assert drop_connections(server_bank) >= 1
    monkeypatch.setattr(database, "IDLE_PING_SECONDS", 0.0)  # every connection counts as idle
    assert one(server_bank) == 1


def test_without_the_idle_ping_the_dropped_connection_fails(
        server_bank: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    # the counterpart: the ping above is what found the dead connection
    assert one(server_bank) == 1
    assert drop_connections(server_bank) >= 1
    monkeypatch.setattr(database, "IDLE_PING_SECONDS", 1e9)
    with pytest.raises(BankError):
        one(server_bank)
    assert one(server_bank) == 1  # and the pool recovers on the next call


def test_back_to_back_transactions_are_not_pinged(
        server_bank: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "IDLE_PING_SECONDS", 60.0)  # however slow the machine
    statements: list[str] = []
    event.listen(server_bank.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_rest: statements.append(statement))
    pings: list[Any] = []
    dialect = server_bank.engine.dialect
    real_ping = dialect.do_ping

    def counted_ping(dbapi_connection: Any) -> bool:
        pings.append(dbapi_connection)
        return bool(real_ping(dbapi_connection))

    monkeypatch.setattr(dialect, "do_ping", counted_ping)
    for _ in range(5):
        assert one(server_bank) == 1
    assert len(statements) == 5 and pings == []
