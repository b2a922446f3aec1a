"""A PostgreSQL database per test, on the server .ci/run starts (DLQUIZ_TEST_POSTGRES holds
its URL without a database, e.g. postgresql://postgres@127.0.0.1:55432).

Without that variable the PostgreSQL variants of the bank tests are skipped on a developer's
machine, and fail under CI (CI=true), where the server is part of the run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ENV = "DLQUIZ_TEST_POSTGRES"


def server() -> str:
    url = os.environ.get(ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{ENV} is not set: .ci/run starts a PostgreSQL server for these tests")
        pytest.skip(f"needs a PostgreSQL server: set {ENV}=postgresql://user@host:port")
    return url.rstrip("/")


@contextmanager
def fresh_database() -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards (connections and all)."""
    from sqlalchemy import create_engine

    from dlquiz.store.bank.database import driver_url

    base = server()
    name = f"dlquiz_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(driver_url(f"{base}/postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield f"{base}/{name}"
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
