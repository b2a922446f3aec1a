"""Migrations run with foreign keys off, in one transaction: a rebuild of `cards` (what a
future batch migration does on SQLite) keeps every review-log row that points at it."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Column, Connection, Integer, text

from dlquiz.store.bank.migrate import in_migration_transaction
from dlquiz.store.schema.errors import BankError

from .bank_factory import bank_with_ratings


def rebuild_cards(conn: Connection) -> None:
    ops = Operations(MigrationContext.configure(conn))
    with ops.batch_alter_table("cards", recreate="always") as batch:
        batch.add_column(Column("rebuilt", Integer, nullable=True))


def log_count(conn: Connection) -> int:
    return int(conn.execute(text("SELECT count(*) FROM review_logs")).scalar() or 0)


def test_rebuilding_cards_keeps_the_review_log(tmp_path: Path) -> None:
    bank, _ = bank_with_ratings(tmp_path, ratings=3)
    in_migration_transaction(bank.engine, rebuild_cards)
    with bank.engine.connect() as conn:
        assert log_count(conn) == 3
        columns = {row[1] for row in conn.execute(text("PRAGMA table_info(cards)"))}
        assert "rebuilt" in columns
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1  # back on afterwards


def test_the_same_rebuild_with_foreign_keys_on_would_lose_it(tmp_path: Path) -> None:
    """Why the migration path turns enforcement off: done naively, DROP TABLE cards
    cascades into review_logs."""
    bank, _ = bank_with_ratings(tmp_path, ratings=3)
    with bank.engine.begin() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        rebuild_cards(conn)
        assert log_count(conn) == 0


def test_a_migration_that_breaks_references_is_rolled_back(tmp_path: Path) -> None:
    bank, _ = bank_with_ratings(tmp_path, ratings=2)

    def orphan_the_log(conn: Connection) -> None:
        conn.execute(text("DELETE FROM actions"))
        conn.execute(text("DELETE FROM cards"))

    with pytest.raises(BankError, match="broken references"):
        in_migration_transaction(bank.engine, orphan_the_log)
    with bank.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cards")).scalar() == 5
        assert log_count(conn) == 2
