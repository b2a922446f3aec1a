"""Open a bank and hand out transactions.

SQLite runs with the driver's own transaction handling switched off and an explicit
`BEGIN` issued by SQLAlchemy (the pysqlite recipe in SQLAlchemy's SQLite dialect docs), so
that DDL is transactional (an interrupted migration rolls back) and a write transaction can
take the write lock up front with `BEGIN IMMEDIATE`: a read-modify-write of a card can then
never interleave with another process's. Driver errors become one-sentence BankErrors here,
at the boundary, so no caller needs to know SQLAlchemy's exception types.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from dlquiz.store.bank import backups
from dlquiz.store.bank.explain import explain_db_error
from dlquiz.store.bank.location import default_path, sqlite_path
from dlquiz.store.bank.redaction import redact, scrub
from dlquiz.store.bank.sqlite_file import vet_sqlite_location
from dlquiz.store.schema.errors import BankError

BUSY_TIMEOUT_MS = 5000
IDLE_PING_SECONDS = 1.0  # a server connection unused this long is pinged before use
BEGIN_OPTION = "dlquiz_begin"


@dataclass(frozen=True)
class Bank:
    """An open bank: the engine, and sessions for reading and for writing."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    writers: sessionmaker[Session]
    created: bool

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (a consistent snapshot under WAL); never commits."""
        try:
            with self.sessions() as session:
                yield session
        except DBAPIError as exc:
            raise explain_db_error(self.url, exc) from None

    @contextmanager
    def write(self, *, dry_run: bool = False) -> Iterator[Session]:
        """One write transaction, holding the write lock from its first statement (`BEGIN
        IMMEDIATE` on SQLite, row locks taken by the queries on other databases); committed
        when the block ends (rolled back instead on a dry run), rolled back if it raises."""
        path = sqlite_path(self.url)
        if path is not None:
            backups.refuse_if_damaged(path)
            if not dry_run:
                backups.daily_backup(path, self, datetime.now(UTC))
        session = self.writers()
        try:
            session.begin()
            yield session
            if dry_run:
                session.rollback()
            else:
                session.commit()
        except DBAPIError as exc:
            with suppress(DBAPIError):  # the connection may be gone already
                session.rollback()
            raise explain_db_error(self.url, exc) from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[[Any, Any], None]:
    def connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy, not the driver, says BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        _math_functions(dbapi_connection)
    return connect


def _math_functions(dbapi_connection: Any) -> None:
    """The statistics need ln() and pow() in SQL (log loss, FSRS's forgetting curve). SQLite
    has them when built with its math functions, as Python's usually is; where it is not,
    the same functions are supplied from Python (slower, but the same numbers)."""
    try:
        dbapi_connection.execute("SELECT ln(1.0), pow(2.0, 0.5)").fetchall()
    except Exception:  # sqlite3.OperationalError: no such function
        dbapi_connection.create_function("ln", 1, math.log, deterministic=True)
        dbapi_connection.create_function("pow", 2, math.pow, deterministic=True)


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def driver_url(url: str) -> str:
    """`postgresql://…` means psycopg 3 (the `postgres` extra), not SQLAlchemy's default
    psycopg2, which dlquiz does not depend on."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """Create the engine for a URL; SQLite gets WAL mode, foreign keys and explicit BEGIN."""
    url = driver_url(url)
    scheme = url.split(":", 1)[0].split("+", 1)[0]
    if scheme not in ("sqlite", "postgresql"):
        raise BankError(f"{redact(url)}: dlquiz keeps its bank in a SQLite file or on a "
                        f"PostgreSQL server (postgresql://user@host/db); '{scheme}' is neither.")
    try:
        engine = create_engine(url, **_engine_options(url, busy_timeout_ms))
    except ModuleNotFoundError:
        raise BankError(f"{redact(url)}: PostgreSQL needs the psycopg driver; install it "
                        "with pip install 'dlquiz[postgres]'.") from None
    except Exception as exc:  # bad URL or missing driver: the user's input, not our bug
        raise BankError(f"{redact(url)}: not a usable database URL ({scrub(str(exc), url)}); "
                        "use a SQLite file or postgresql://user@host/db.") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        event.listen(engine, "begin", _sqlite_begin)
    else:
        _ping_after_idle(engine)
    return engine


def _ping_after_idle(engine: Engine) -> None:
    """A pooled server connection is pinged before use only if it sat idle for a while
    (the server may have restarted, or dropped it, meanwhile): the pool's own pre-ping
    pings before every session, a round trip for each of the several short transactions
    that showing one card takes. A connection that fails the ping is replaced (the pool
    retries the checkout when this raises DisconnectionError)."""
    dialect = engine.dialect

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < IDLE_PING_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error:
            raise DisconnectionError("the server dropped an idle connection") from None

    event.listen(engine, "checkin", checked_in)
    event.listen(engine, "checkout", checked_out)


def _engine_options(url: str, busy_timeout_ms: int) -> dict[str, Any]:
    if url.startswith("postgresql"):
        # a server that is down must be reported, not waited for; a row another process
        # holds is waited for as long as SQLite waits for its lock, then reported busy (an
        # idle connection is checked before use: _ping_after_idle).
        # The queue's queries touch a few hundred rows through an index: a parallel plan
        # (worker start-up, a full scan) made them 100 times slower on a 100,000-card bank.
        options = f"-c lock_timeout={int(busy_timeout_ms)} -c max_parallel_workers_per_gather=0"
        return {"connect_args": {"connect_timeout": 5, "options": options}}
    return {}


def bank_for(url: str, engine: Engine, *, created: bool) -> Bank:
    writer_engine = engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
    return Bank(url=url, engine=engine,
                sessions=sessionmaker(engine, expire_on_commit=False),
                writers=sessionmaker(writer_engine, expire_on_commit=False),
                created=created)


def open_bank(url: str, *, now: datetime | None = None,
              busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Bank:
    """Open (creating or upgrading as needed) the bank at `url`. A SQLite bank is created
    only at a free path in an existing directory (store/bank/sqlite_file.py). A write waits up to
    `busy_timeout_ms` for another process's lock before BankBusyError."""
    from dlquiz.store.bank.migrate import bring_to_head

    path = sqlite_path(url)
    if path is not None:  # nothing is written until the path is known to be right
        vet_sqlite_location(path, default=path == default_path())
    engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
    try:
        created = bring_to_head(url, engine, now or datetime.now(UTC))
    except DBAPIError as exc:
        engine.dispose()
        raise explain_db_error(url, exc) from None
    except BaseException:
        engine.dispose()
        raise
    return bank_for(url, engine, created=created)


def serialize(session: Session, name: str) -> None:
    """Inside a write transaction: wait for any other transaction working on `name` (a deck
    being imported, the skill cards being created) to finish. SQLite's write transactions
    are serial already (BEGIN IMMEDIATE); PostgreSQL takes a transaction-level advisory
    lock on the name."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"),
                        {"name": f"dlquiz:{name}"})
