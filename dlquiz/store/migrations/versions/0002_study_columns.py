"""Study sessions: the pending question of a skill card, and the state before each rating.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cards") as batch:
        batch.add_column(sa.Column("pending_question", sa.String(length=120), nullable=True))
    with op.batch_alter_table("review_logs") as batch:
        batch.add_column(sa.Column("state_before", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.create_index("ix_review_logs_time_state", ["reviewed_at", "state_before"])


def downgrade() -> None:
    with op.batch_alter_table("review_logs") as batch:
        batch.drop_index("ix_review_logs_time_state")
        batch.drop_column("state_before")
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("pending_question")
