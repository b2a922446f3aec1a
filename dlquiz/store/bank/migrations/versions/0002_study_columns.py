"""Study sessions: a skill card's pending question, the state before each rating, and
indexes that keep the review queue fast on large banks.

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
        batch.drop_index("ix_cards_queue")
        batch.create_index("ix_cards_queue",
                           ["suspended", "state", "due", "buried_until", "note_id"])
    with op.batch_alter_table("review_logs") as batch:
        batch.add_column(sa.Column("state_before", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.create_index("ix_review_logs_time_state", ["reviewed_at", "state_before"])
    with op.batch_alter_table("notes") as batch:
        batch.create_index("ix_notes_queue", ["id", "retired_at", "status", "topic", "deck_id"])


def downgrade() -> None:
    with op.batch_alter_table("notes") as batch:
        batch.drop_index("ix_notes_queue")
    with op.batch_alter_table("review_logs") as batch:
        batch.drop_index("ix_review_logs_time_state")
        batch.drop_column("state_before")
    with op.batch_alter_table("cards") as batch:
        batch.drop_index("ix_cards_queue")
        batch.create_index("ix_cards_queue", ["suspended", "state", "due"])
        batch.drop_column("pending_question")
