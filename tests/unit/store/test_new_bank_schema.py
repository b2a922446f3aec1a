"""A new bank is made from the models and stamped at head (store/bank/migrate.py), not
migrated step by step. On each backend it must hold exactly the schema that running every
migration on an empty database gives: the same columns in the same order with their types,
defaults and nullability, the same keys, foreign keys, unique constraints and indexes (as
the database itself describes them), and the same revision."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.migrate import SCHEMA_HEAD, current_revision, upgrade
from tests.postgres import second_database

SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
SQLITE_INDEXES = ("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' "
                  "ORDER BY name")
PG_COLUMNS = """
SELECT table_name, ordinal_position, column_name, data_type, character_maximum_length,
       is_nullable, column_default
FROM information_schema.columns WHERE table_schema = 'public'
ORDER BY table_name, ordinal_position"""
PG_CONSTRAINTS = """
SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"""
PG_INDEXES = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"


def sqlite_schema(conn: Connection) -> dict[str, Any]:
    tables = [str(name) for (name,) in conn.execute(text(SQLITE_TABLES))]
    described: dict[str, Any] = {}
    for table in tables:
        # a foreign key's id and sequence number only say in which order it was declared
        keys = sorted(tuple(row)[2:] for row in conn.exec_driver_sql(
            f'PRAGMA foreign_key_list("{table}")'))
        described[table] = {
            "columns": [tuple(row) for row in conn.exec_driver_sql(
                f'PRAGMA table_info("{table}")')],
            "foreign keys": keys,
            "indexes": sorted(tuple(row)[1:] for row in conn.exec_driver_sql(
                f'PRAGMA index_list("{table}")')),
        }
    described["index definitions"] = [
        (name, table, " ".join(str(sql).split()) if sql else None)
        for name, table, sql in conn.execute(text(SQLITE_INDEXES))]
    return described


def postgresql_schema(conn: Connection) -> dict[str, Any]:
    return {"columns": [tuple(row) for row in conn.execute(text(PG_COLUMNS))],
            "constraints": [tuple(row) for row in conn.execute(text(PG_CONSTRAINTS))],
            "indexes": [tuple(row) for row in conn.execute(text(PG_INDEXES))]}


def schema(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        described = (sqlite_schema(conn) if engine.dialect.name == "sqlite"
                     else postgresql_schema(conn))
        described["revision"] = conn.execute(
            text("SELECT version_num FROM alembic_version")).scalars().all()
    return described


def test_a_new_bank_has_the_schema_the_migrations_build(bank_url: str, tmp_path: Path) -> None:
    bank = open_bank(bank_url)
    assert bank.created
    made = schema(bank.engine)
    bank.engine.dispose()
    with second_database(bank_url, tmp_path) as engine:
        upgrade(engine)  # every migration, from nothing
        assert current_revision(engine) == SCHEMA_HEAD
        migrated = schema(engine)
    assert made["revision"] == [SCHEMA_HEAD]
    assert made == migrated


def test_a_new_bank_is_made_without_alembic(tmp_path: Path) -> None:
    """The point of making it from the models: a first open loads no migration machinery."""
    url = f"sqlite:///{tmp_path / 'new.db'}"
    probe = ("import sys; from dlquiz.store.bank.database import open_bank; "
             f"open_bank({url!r}).engine.dispose(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
