"""Alembic environment: migrations run on the connection handed over by store.migrate, which
has already begun the one transaction they all share (and turned foreign keys off)."""

from __future__ import annotations

from alembic import context

from dlquiz.store.schema.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("dlquiz migrations run through dlquiz.store.bank.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
