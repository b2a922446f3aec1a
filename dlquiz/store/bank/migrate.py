"""Bring a bank's schema to head, atomically.

All pending migrations run in one transaction (SQLite DDL is transactional once the driver
no longer manages transactions, see database.py), with foreign-key enforcement off so that
a batch migration that rebuilds a table cannot cascade-delete the rows that point at it;
`PRAGMA foreign_key_check` must come back empty before the commit. A process killed at any
statement leaves the bank at its old revision, and the next open simply upgrades again.
Alembic is imported only when a migration is pending.

A new bank is not migrated step by step: its tables are made from the models and stamped
at head in one transaction, as Alembic advises for a database built from scratch (the
migrations have no rows to change in an empty bank). tests/unit/store/test_new_bank_schema.py
holds a bank made that way to the same schema as one migrated from nothing, on both
backends.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    inspect,
    text,
)

from dlquiz.store.bank.explain import server_of
from dlquiz.store.bank.location import sqlite_path
from dlquiz.store.schema.errors import BankError

SCHEMA_HEAD = "0007"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the bank, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return str(row[0]) if row else None


def refuse_foreign_tables(engine: Engine, where: object) -> None:
    """A database without dlquiz's revision table must be empty: tables that are not
    dlquiz's mean the URL points at something else, which must not be written to."""
    with engine.connect() as conn:
        tables = sorted(inspect(conn).get_table_names())
    if tables:
        shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
        raise BankError(f"{where}: holds tables that are not a dlquiz bank ({shown}); point "
                        "--db at an empty database or an existing dlquiz bank.")


def known_revisions() -> set[str]:
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("0*.py")}


def in_migration_transaction(engine: Engine, work: Callable[[Connection], None]) -> None:
    """Run `work` in one transaction with foreign keys off (SQLite) and verify references
    before committing. Used by the upgrade and by tests that rebuild tables."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:  # must be set outside a transaction to take effect
            raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                work(conn)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise BankError(f"a migration left {len(broken)} broken references "
                                        f"(first: {tuple(broken[0])}); nothing was changed.")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


# Alembic's revision table, as Alembic itself creates it
REVISION_TABLE = Table("alembic_version", MetaData(),
                       Column("version_num", String(32), nullable=False),
                       PrimaryKeyConstraint("version_num", name="alembic_version_pkc"))


def create_at_head(engine: Engine) -> None:
    """Make an empty database a bank at SCHEMA_HEAD, in one transaction."""
    from dlquiz.store.schema.models import Base

    def create(conn: Connection) -> None:
        Base.metadata.create_all(conn)
        REVISION_TABLE.create(conn)
        conn.execute(REVISION_TABLE.insert().values(version_num=SCHEMA_HEAD))

    in_migration_transaction(engine, create)


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run Alembic's upgrade to `target` in one transaction."""
    from alembic import command  # deferred: only needed when the schema is behind
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))

    def run(conn: Connection) -> None:
        config.attributes["connection"] = conn
        command.upgrade(config, target)

    in_migration_transaction(engine, run)


def bring_to_head(url: str, engine: Engine, now: datetime) -> bool:
    """Upgrade if needed (backing a SQLite file up first); True if the bank was created."""
    revision = current_revision(engine)
    if revision == SCHEMA_HEAD:
        return False
    path = sqlite_path(url)
    where = path or server_of(url)
    if revision is None:
        refuse_foreign_tables(engine, where)
        create_at_head(engine)
        return True
    if revision not in known_revisions():
        raise BankError(f"{where}: was written by a newer dlquiz (schema {revision}); "
                        "upgrade dlquiz to open it.")
    backup = None
    if path is not None and path.exists():
        from dlquiz.store.bank.backups import migration_backup

        backup = migration_backup(path, revision, now)
    try:
        upgrade(engine)
    except Exception as exc:
        if backup is None:
            raise
        detail = str(getattr(exc, "orig", None) or exc)
        raise BankError(f"{where}: the upgrade from schema {revision} failed ({detail}); the "
                        f"bank was left as it was, and a copy from before the upgrade is at "
                        f"{backup}.") from None
    return False
