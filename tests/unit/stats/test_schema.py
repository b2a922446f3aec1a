"""The statistics' indexes are defined twice, in models.py and in migration 0006, with parts
that only one dialect reads (partial-index conditions, PostgreSQL's included columns, the
expression index): on each backend the migrated bank and one made from the models must
hold the same indexes, word for word as the database reports them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

from dlquiz.store.bank.database import open_bank
from dlquiz.store.schema.models import Base
from tests.postgres import second_database

INDEXES = {
    "sqlite": "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    "postgresql": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
}


def indexes(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(text(INDEXES[engine.dialect.name])).all()
    return {str(name): " ".join(str(sql).split()) for name, sql in rows}


def test_migrated_indexes_are_the_models_indexes(bank_url: str, tmp_path: Path) -> None:
    bank = open_bank(bank_url)
    migrated = indexes(bank.engine)
    bank.engine.dispose()
    with second_database(bank_url, tmp_path) as engine:
        Base.metadata.create_all(engine)
        made = indexes(engine)
    assert {"ix_review_logs_retention", "ix_review_logs_repeats"} <= migrated.keys()
    assert "last_interval >= 1" in migrated["ix_review_logs_repeats"].replace("(1)::double "
                                                                            "precision", "1")
    assert {k: v for k, v in migrated.items() if k != "alembic_version_pkc"} == made
