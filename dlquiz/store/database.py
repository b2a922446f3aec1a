"""Open a bank: make the engine from a URL, set SQLite pragmas, bring the schema to head.

Alembic is imported only when a migration is actually pending, so the common case (an
up-to-date bank) costs one small query instead of loading the migration machinery.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from dlquiz.store.errors import BankError
from dlquiz.store.location import sqlite_path

SCHEMA_HEAD = "0002"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Bank:
    """An open bank: the engine and a session factory bound to it."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    created: bool


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def explain_db_error(url: str, exc: Exception) -> BankError:
    """Turn a driver error into one sentence naming the database and the way out."""
    where = sqlite_path(url) or url
    detail = str(getattr(exc, "orig", exc)).strip()
    if "locked" in detail or "busy" in detail:
        return BankError(f"{where}: the bank is locked by another dlquiz process; "
                         "close it and try again.")
    if "not a database" in detail or "malformed" in detail or "corrupt" in detail:
        return BankError(f"{where}: is not a readable dlquiz bank ({detail}); move the file "
                         "away or choose another with --db.")
    if "unable to open" in detail:
        return BankError(f"{where}: cannot be opened ({detail}); check the directory exists "
                         "and is writable, or choose another with --db.")
    return BankError(f"{where}: database error: {detail}.")


def make_engine(url: str) -> Engine:
    """Create the engine for a URL; SQLite gets WAL mode and foreign keys on every connection."""
    path = sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BankError(f"{path.parent}: cannot create the bank's directory "
                            f"({exc.strerror}); set DLQUIZ_HOME or --db.") from None
    try:
        engine = create_engine(url)
    except Exception as exc:  # bad URL or missing driver: the user's input, not our bug
        raise BankError(f"{url}: not a usable database URL ({exc}).") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the bank, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return str(row[0]) if row else None


def backup_sqlite(path: Path, revision: str, now: datetime) -> Path:
    """Copy the bank before a migration, with SQLite's online backup (consistent under WAL)."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.bak-{revision}-{stamp}")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def upgrade(engine: Engine) -> None:
    """Run Alembic's upgrade to head on this engine."""
    from alembic import command  # deferred: only needed when the schema is behind
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_bank(url: str, *, now: datetime | None = None) -> Bank:
    """Open (creating or upgrading as needed) the bank at `url`."""
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
        created = revision is None
        if revision != SCHEMA_HEAD:
            _check_known(url, revision)
            path = sqlite_path(url)
            if revision is not None and path is not None and path.exists():
                backup_sqlite(path, revision, now or datetime.now(UTC))
            upgrade(engine)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise explain_db_error(url, exc) from None
    return Bank(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False),
                created=created)


def _check_known(url: str, revision: str | None) -> None:
    known = {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("*.py")}
    if revision is not None and revision not in known:
        raise BankError(f"{sqlite_path(url) or url}: was written by a newer dlquiz (schema "
                        f"{revision}); upgrade dlquiz to open it.")
