"""SQLAlchemy 2.0 typed tables of the bank. Only the store package touches these classes;
everything outside it sees the frozen records in records.py.

No `from __future__ import annotations` here: with it, declarative mapping evaluates each
column's annotation from its string (250 `eval`s, about a tenth of this module's import,
which every command pays)."""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from dlquiz.store.schema.postgresql_indexes import add_postgresql_options
from dlquiz.store.schema.types import UTCDateTime


class Base(DeclarativeBase):
    pass


# the partial indexes below name their SQLite condition only; PostgreSQL's options are added
# when tables are made from these models there (see postgresql_indexes.py for why)
event.listen(Base.metadata, "before_create", add_postgresql_options)


class DeckRow(Base):
    __tablename__ = "decks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SourceRow(Base):
    """One imported file: its digest lets an unchanged re-import skip parsing entirely."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("deck_id", "path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NoteRow(Base):
    __tablename__ = "notes"
    __table_args__ = (
        Index("ix_notes_created", "created_at"),
        Index("ix_notes_deck_key_active", "deck_id", "key", unique=True,
              sqlite_where=text("retired_at IS NULL")),
        Index("ix_notes_deck_status", "deck_id", "status"),
        # covers the queue's per-card note lookup, so counting never reads the answer text
        Index("ix_notes_queue", "id", "retired_at", "status", "topic", "deck_id"),
        # pairs a user's note with its built-in twin (same key, another deck)
        Index("ix_notes_key", "key", "retired_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    references_json: Mapped[str] = mapped_column(Text, default="[]")
    tags_json: Mapped[str] = mapped_column(Text, default="[]")
    practice_json: Mapped[str] = mapped_column(Text, default="[]")
    status: Mapped[str] = mapped_column(String(10))
    content_hash: Mapped[str] = mapped_column(String(64))
    source_path: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CardRow(Base):
    """Scheduling state of one studyable item: a note, or a question kind (a skill)."""

    __tablename__ = "cards"
    __table_args__ = (
        # covering for the queue's filters, so counting due cards reads only the index
        Index("ix_cards_queue", "suspended", "state", "due", "buried_until", "note_id"),
        Index("ix_cards_note", "note_id"),
        Index("ix_cards_followup", "followup_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    skill_kind: Mapped[str | None] = mapped_column(String(64), unique=True)
    state: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime())
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    leech: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # the generated question last shown for a skill card, which a rating is checked against
    pending_question: Mapped[str | None] = mapped_column(String(120))
    # bumped by every write; a write based on an older read of the card is refused
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # a follow-up card: note_id is its parent note, followup_id the question it asks
    followup_id: Mapped[int | None] = mapped_column(
        ForeignKey("followups.id", ondelete="CASCADE", name="fk_cards_followup"))


class FollowUpRow(Base):
    """A follow-up question of a note (its `**追问**` list), studied as a card of its own."""

    __tablename__ = "followups"
    __table_args__ = (Index("ix_followups_note_key", "note_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReviewLogRow(Base):
    """One rating; `before_json` is the card's state before it, which undo restores."""

    __tablename__ = "review_logs"
    __table_args__ = (Index("ix_review_logs_card_time", "card_id", "reviewed_at"),
                      Index("ix_review_logs_time_state", "reviewed_at", "state_before"),
                      # covering for the statistics: a million ratings aggregate from it
                      Index("ix_review_logs_stats", "reviewed_at", "state_before", "rating",
                            "duration_ms", "last_interval", "elapsed", "retrievability",
                            "card_id"),
                      # true retention: ratings a day or more apart, counted by index range
                      # (PostgreSQL reads an expression index alone only when it also holds
                      # the columns the expressions use; every index of SQLite holds the id)
                      Index("ix_review_logs_retention", text("(rating > 1)"),
                            text("(last_interval >= 21)"), "reviewed_at", "card_id",
                            sqlite_where=text("last_interval >= 1")),
                      # the few ratings that may repeat a card the same study day
                      Index("ix_review_logs_repeats", "reviewed_at", "card_id", "rating",
                            "last_interval", "elapsed",
                            sqlite_where=text("last_interval >= 1 AND elapsed < 1.05")))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    answer: Mapped[str | None] = mapped_column(Text)
    correct: Mapped[bool | None] = mapped_column(Boolean)
    question_id: Mapped[str | None] = mapped_column(String(120))
    before_json: Mapped[str] = mapped_column(Text)
    # the card's state before this rating: 0 (new) makes the row count against the daily limit
    state_before: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # what the rating knew, for the statistics: the card's scheduled interval and the time
    # since its previous rating (days), FSRS's predicted recall, and a wrong skill answer's
    # named mistake
    last_interval: Mapped[float | None] = mapped_column(Float)
    elapsed: Mapped[float | None] = mapped_column(Float)
    retrievability: Mapped[float | None] = mapped_column(Float)
    diagnosis: Mapped[str | None] = mapped_column(Text)


class ActionRow(Base):
    """One undoable action, newest last: a rating (its review log row) or a change of card
    flags or due dates. `before_json` lists `[card_id, snapshot]` pairs to restore."""

    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_review_log", "review_log_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    review_log_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_logs.id", ondelete="CASCADE"))
    before_json: Mapped[str] = mapped_column(Text)
    # an import or a deck/note change: the rows it changed, before and after (row_journal.py)
    rows_json: Mapped[str | None] = mapped_column(Text)


class AttemptRow(Base):
    """A computational question answered outside the study queue (`dlquiz practice`)."""

    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_kind_time", "kind", "answered_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(64), index=True)
    difficulty: Mapped[int] = mapped_column(Integer)
    answer: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[float] = mapped_column(Float)
    diagnosis: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    duration_ms: Mapped[int | None] = mapped_column(Integer)


class MetaRow(Base):
    """Small key/value facts about the bank itself (e.g. which built-in content it holds)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ExamRow(Base):
    """A practice exam: how it was built (spec and seed), its clock, and its result."""

    __tablename__ = "exams"
    __table_args__ = (Index("ix_exams_started", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(100))
    spec_json: Mapped[str] = mapped_column(Text)
    seed: Mapped[int] = mapped_column(BigInteger)
    dlquiz_version: Mapped[str] = mapped_column(String(40))
    lang: Mapped[str] = mapped_column(String(5))
    feedback: Mapped[str] = mapped_column(String(10))
    minutes: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    timed_out: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    score: Mapped[float | None] = mapped_column(Float)
    max_score: Mapped[float | None] = mapped_column(Float)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("exams.id", ondelete="SET NULL"))


class ExamItemRow(Base):
    """One item of an exam, frozen when the exam is built (prompt, reference answer, key
    points), with the answer given and its grade."""

    __tablename__ = "exam_items"
    __table_args__ = (UniqueConstraint("exam_id", "n"),
                      Index("ix_exam_items_kind", "kind"), Index("ix_exam_items_note", "note_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"))
    n: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(15))
    topic: Mapped[str] = mapped_column(String(100))
    question_id: Mapped[str | None] = mapped_column(String(120))
    kind: Mapped[str | None] = mapped_column(String(64))
    note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="SET NULL"))
    note_key: Mapped[str | None] = mapped_column(Text)
    parent_n: Mapped[int | None] = mapped_column(Integer)
    prompt: Mapped[str] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(Text)
    key_points_json: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    seconds: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    points_json: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    correct: Mapped[bool | None] = mapped_column(Boolean)
    expected: Mapped[str | None] = mapped_column(Text)
    diagnosis: Mapped[str | None] = mapped_column(Text)
    readable: Mapped[bool | None] = mapped_column(Boolean)
