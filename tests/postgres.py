"""A PostgreSQL database per test, on the server .ci/run starts (DLQUIZ_TEST_POSTGRES holds
its URL without a database, e.g. postgresql://postgres@127.0.0.1:55432).

Without that variable the PostgreSQL variants of the bank tests are skipped on a developer's
machine, and fail under CI (CI=true), where the server is part of the run."""

from __future__ import annotations

import atexit
import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sqlalchemy import Engine

ENV = "DLQUIZ_TEST_POSTGRES"


def server() -> str:
    url = os.environ.get(ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{ENV} is not set: .ci/run starts a PostgreSQL server for these tests")
        pytest.skip(f"needs a PostgreSQL server: set {ENV}=postgresql://user@host:port")
    return url.rstrip("/")


# Creating a database copies template1 (0.3-0.6 s on a 2-core machine), and a run creates
# hundreds. So a database, once made, is kept for this process: when a test is done with it,
# every connection to it is closed and its schema emptied (tens of milliseconds), and the next
# test gets it as new. The databases are dropped when the process exits.
_FREE: list[str] = []
_MADE: list[str] = []


@functools.cache
def _admin() -> Engine:
    """One engine on the server's `postgres` database for this process (disposed at exit)."""
    from sqlalchemy import create_engine

    from dlquiz.store.bank.database import driver_url

    return create_engine(driver_url(f"{server()}/postgres"), isolation_level="AUTOCOMMIT")


def _empty(name: str) -> None:
    """Leave database `name` as CREATE DATABASE makes it: nobody connected, nothing in it."""
    from sqlalchemy import create_engine

    from dlquiz.store.bank.database import driver_url

    with _admin().connect() as conn:
        conn.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
    engine = create_engine(driver_url(f"{server()}/{name}"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public AUTHORIZATION pg_database_owner")
            conn.exec_driver_sql("GRANT USAGE ON SCHEMA public TO PUBLIC")
    finally:
        engine.dispose()


@atexit.register
def _drop_made() -> None:
    if not _MADE:
        return
    admin = _admin()
    try:
        with admin.connect() as conn:
            for name in _MADE:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
        _admin.cache_clear()


@contextmanager
def fresh_database() -> Iterator[str]:
    """A new, empty database on the test server (one emptied after an earlier test of this
    process, or created), handed back emptied when the test is done."""
    base = server()
    if _FREE:
        name = _FREE.pop()
    else:
        name = f"dlquiz_test_{uuid.uuid4().hex[:12]}"
        with _admin().connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        _MADE.append(name)
    try:
        yield f"{base}/{name}"
    finally:
        _empty(name)
        _FREE.append(name)


@contextmanager
def second_database(bank_url: str, folder: Path) -> Iterator[Engine]:
    """An engine on a second empty database of the bank's backend: a SQLite file in
    `folder`, or another fresh database on the test server."""
    from dlquiz.store.bank.database import make_engine

    if bank_url.startswith("sqlite"):
        engine = make_engine(f"sqlite:///{folder / 'second.db'}")
        yield engine
        engine.dispose()
        return
    with fresh_database() as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()
