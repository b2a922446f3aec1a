"""Follow-ups as cards of their own: a note's `**追问**` questions, each with a card that
points at both its note (so deck, topic and retirement work as for the note) and the
follow-up; and an index on note keys, which pair a user's note with its built-in twin.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "followups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["note_id"], ["notes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_followups_note_key", "followups", ["note_id", "key"])
    with op.batch_alter_table("cards") as batch:
        batch.add_column(sa.Column("followup_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_cards_followup", "followups", ["followup_id"], ["id"],
                                 ondelete="CASCADE")
        batch.create_index("ix_cards_followup", ["followup_id"])
    op.create_index("ix_notes_key", "notes", ["key", "retired_at"])
    # every notes file is read again at its next import, so that follow-ups of notes that
    # did not change since (and so would be skipped by their digest) get their cards
    op.execute("UPDATE sources SET digest = 'read-again' WHERE digest != ''")


def downgrade() -> None:
    op.drop_index("ix_notes_key", table_name="notes")
    with op.batch_alter_table("cards") as batch:
        batch.drop_index("ix_cards_followup")
        batch.drop_constraint("fk_cards_followup", type_="foreignkey")
        batch.drop_column("followup_id")
    op.drop_index("ix_followups_note_key", table_name="followups")
    op.drop_table("followups")
