"""Safe card writes: a version number on every card (a write that read an older version is
refused), and an action journal that undo walks back through (ratings, suspend, unsuspend,
bury, unbury, rescheduling), filled with the ratings already in the review log.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cards") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("review_log_id", sa.Integer(), nullable=True),
        sa.Column("before_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["review_log_id"], ["review_logs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_actions_review_log", "actions", ["review_log_id"])
    op.execute(
        "INSERT INTO actions (kind, created_at, review_log_id, before_json) "
        "SELECT 'rate', reviewed_at, id, '[[' || card_id || ',' || before_json || ']]' "
        "FROM review_logs ORDER BY id"
    )


def downgrade() -> None:
    op.drop_index("ix_actions_review_log", table_name="actions")
    op.drop_table("actions")
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("version")
