"""Progress statistics: what each rating knew when it was given (the card's scheduled
interval and the time since its previous rating, FSRS's predicted recall, the named
mistake of a wrong skill answer), filled in for the ratings already logged, and the
indexes that let the statistics aggregate a million ratings in SQL.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DEFAULT_DECAY = 0.1542  # FSRS-6's default w[20], what the scheduler uses without fitted ones

# the interval the card had been given and the time since it was last rated, in days,
# from the card's state before the rating (kept in before_json by every rating: 'due' and
# 'last_review' as ISO strings with +00:00; reviewed_at holds UTC without a zone)
_BACKFILL_DAYS = {
    "sqlite": """
UPDATE review_logs SET
  last_interval = julianday(json_extract(before_json, '$.due'))
                  - julianday(json_extract(before_json, '$.last_review')),
  elapsed = julianday(reviewed_at) - julianday(json_extract(before_json, '$.last_review'))
WHERE json_extract(before_json, '$.last_review') IS NOT NULL
""",
    "postgresql": """
UPDATE review_logs SET
  last_interval = extract(epoch FROM (before_json::json->>'due')::timestamptz
                          - (before_json::json->>'last_review')::timestamptz)::float8 / 86400,
  elapsed = extract(epoch FROM reviewed_at - ((before_json::json->>'last_review')::timestamptz
                                              AT TIME ZONE 'UTC'))::float8 / 86400
WHERE before_json::json->>'last_review' IS NOT NULL
"""}

# FSRS's forgetting curve with whole elapsed days (truncated toward zero), as the scheduler
# computes it
_BACKFILL_RECALL = {
    "sqlite": """
UPDATE review_logs SET retrievability = pow(
  1.0 + :factor * max(0, CAST(elapsed AS INTEGER)) / json_extract(before_json, '$.stability'),
  -:decay)
WHERE elapsed IS NOT NULL AND json_extract(before_json, '$.stability') > 0
""",
    "postgresql": """
UPDATE review_logs SET retrievability = power(
  1.0 + :factor * greatest(0, trunc(elapsed)) / (before_json::json->>'stability')::float8,
  -:decay)
WHERE elapsed IS NOT NULL AND (before_json::json->>'stability')::float8 > 0
"""}
# the ratings true retention counts (a day or more apart), and those that may repeat a card
# the same study day; on PostgreSQL the indexes also hold the columns that let them be read
# without the table (see models.py)
_RETENTION_ROWS = "last_interval >= 1"
_REPEAT_ROWS = "last_interval >= 1 AND elapsed < 1.05"


def _decay(conn: sa.Connection) -> float:
    raw = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'study_settings'")).scalar()
    try:
        parameters = json.loads(raw).get("parameters") or [] if raw else []
        return float(parameters[20]) if len(parameters) > 20 else DEFAULT_DECAY
    except (ValueError, TypeError, AttributeError):
        return DEFAULT_DECAY


def upgrade() -> None:
    with op.batch_alter_table("review_logs") as batch:
        batch.add_column(sa.Column("last_interval", sa.Float(), nullable=True))
        batch.add_column(sa.Column("elapsed", sa.Float(), nullable=True))
        batch.add_column(sa.Column("retrievability", sa.Float(), nullable=True))
        batch.add_column(sa.Column("diagnosis", sa.Text(), nullable=True))
    conn = op.get_bind()
    dialect = conn.dialect.name
    conn.execute(sa.text(_BACKFILL_DAYS[dialect]))
    decay = _decay(conn)
    conn.execute(sa.text(_BACKFILL_RECALL[dialect]),
                 {"decay": decay, "factor": 0.9 ** (-1.0 / decay) - 1.0})
    op.create_index("ix_review_logs_stats", "review_logs",
                    ["reviewed_at", "state_before", "rating", "duration_ms", "last_interval",
                     "elapsed", "retrievability", "card_id"])
    op.create_index("ix_review_logs_retention", "review_logs",
                    [sa.text("(rating > 1)"), sa.text("(last_interval >= 21)"), "reviewed_at",
                     "card_id"], sqlite_where=sa.text(_RETENTION_ROWS),
                    postgresql_where=sa.text(_RETENTION_ROWS),
                    postgresql_include=["rating", "last_interval"])
    op.create_index("ix_review_logs_repeats", "review_logs",
                    ["reviewed_at", "card_id", "rating", "last_interval", "elapsed"],
                    sqlite_where=sa.text(_REPEAT_ROWS), postgresql_where=sa.text(_REPEAT_ROWS),
                    postgresql_include=["id"])
    op.create_index("ix_notes_created", "notes", ["created_at"])
    op.create_index("ix_attempts_kind_time", "attempts", ["kind", "answered_at"])


def downgrade() -> None:
    op.drop_index("ix_attempts_kind_time", table_name="attempts")
    op.drop_index("ix_notes_created", table_name="notes")
    op.drop_index("ix_review_logs_repeats", table_name="review_logs")
    op.drop_index("ix_review_logs_retention", table_name="review_logs")
    op.drop_index("ix_review_logs_stats", table_name="review_logs")
    with op.batch_alter_table("review_logs") as batch:
        batch.drop_column("diagnosis")
        batch.drop_column("retrievability")
        batch.drop_column("elapsed")
        batch.drop_column("last_interval")
