"""Undo for the actions that change more than a card's state (an import, renaming or
deleting a deck, deleting notes): the rows they changed, before and after, kept with the
journal entry (`actions.rows_json`; NULL for the card actions, which keep `before_json`).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actions") as batch:
        batch.add_column(sa.Column("rows_json", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("actions") as batch:
        batch.drop_column("rows_json")
