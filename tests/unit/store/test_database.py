"""Opening the bank: migrations, pragmas, backups, and clear errors for bad databases."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from dlquiz.store.bank.database import make_engine, open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.bank.migrate import MIGRATIONS_DIR, SCHEMA_HEAD, upgrade
from dlquiz.store.schema.errors import BankError

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def test_new_bank_is_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    bank = open_bank(f"sqlite:///{tmp_path / 'b.db'}")
    assert bank.created
    with bank.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        tables = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
                     .scalars())
    assert {"decks", "notes", "cards", "review_logs", "sources", "attempts"} <= tables
    assert not open_bank(bank.url).created


def test_head_constant_matches_alembic_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


def test_models_match_migrations(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from dlquiz.store.schema.models import Base

    bank = open_bank(f"sqlite:///{tmp_path / 'b.db'}")
    with bank.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_unknown_revision_is_refused_without_backup(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    open_bank(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:  # a revision this dlquiz has no migration for
        conn.execute("UPDATE alembic_version SET version_num = '0000'")
        conn.execute("CREATE TABLE marker (x)")
    with pytest.raises(BankError, match="newer dlquiz"):
        open_bank(f"sqlite:///{path}")
    assert not list(tmp_path.glob("b.db.bak-*"))


def test_upgrade_from_0001_backs_up_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0001")  # a bank as the first release left it
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO decks (name, builtin, created_at) "
                          "VALUES ('old', 0, '2026-01-01 00:00:00')"))
    engine.dispose()
    bank = open_bank(f"sqlite:///{path}", now=NOW)
    (backup,) = tmp_path.glob("b.db.bak-0001-20261128T090000-*")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT name FROM decks").fetchall() == [("old",)]
    with bank.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM decks")).scalars().all() == ["old"]
        columns = {row[1] for row in conn.execute(text("PRAGMA table_info(review_logs)"))}
        assert "state_before" in columns


def test_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(BankError, match=r"junk\.db: is not a dlquiz bank .*dlquiz bank check"):
        open_bank(f"sqlite:///{path}")
    assert [p.name for p in tmp_path.iterdir()] == ["junk.db"]  # no marker beside it


def test_url_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DLQUIZ_DB", raising=False)
    monkeypatch.setenv("DLQUIZ_HOME", str(tmp_path / "h"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'h' / 'dlquiz.db'}"
    monkeypatch.setenv("DLQUIZ_DB", f"sqlite:///{tmp_path / 'x.db'}")
    assert resolve_url() == f"sqlite:///{tmp_path / 'x.db'}"
    with pytest.raises(BankError, match=r"sqlite:////y\.db for the absolute path /y\.db"):
        resolve_url("sqlite://y.db")
    with pytest.raises(BankError, match=r"relative .* for the absolute path /y\.db"):
        resolve_url("sqlite:///y.db")
    assert resolve_url("sqlite://") == "sqlite://"  # memory banks write nothing
    assert resolve_url(str(tmp_path / "z.db")) == f"sqlite:///{tmp_path / 'z.db'}"
