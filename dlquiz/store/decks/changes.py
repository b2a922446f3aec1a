"""Renaming and deleting decks, deleting notes: each one write transaction, journaled row by
row (row_journal.py) so that `dlquiz undo` puts the bank back exactly, history included.

Deleting removes a note's cards with their ratings; the exam items that asked it keep their
frozen text (their link to the note is cleared, and restored by undo). A SQLite bank is
copied before a deck is deleted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from dlquiz.store.bank.backups import backups_dir, copy_bank
from dlquiz.store.bank.database import Bank, serialize
from dlquiz.store.bank.location import sqlite_path
from dlquiz.store.cards.cards import lock_journal
from dlquiz.store.cards.records import MAX_ID
from dlquiz.store.journal.row_journal import journal_rows, merge, read_image
from dlquiz.store.journal.row_scopes import decks_scope, notes_scope
from dlquiz.store.schema.errors import InputError
from dlquiz.store.schema.models import CardRow, DeckRow, ExamItemRow, ExamRow, NoteRow, ReviewLogRow

MAX_DECK_NAME = 200  # the column's width


class Refused(InputError):
    """A change dlquiz will not make; `reason` (builtin, open_exam, missing) lets the TUI
    say it in the interface language, `subject` is the note id or exam id concerned."""

    def __init__(self, message: str, reason: str, subject: int | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.subject = subject


def clean_deck_name(raw: str) -> str:
    """A deck name as given, trimmed; refused if empty or holding control characters."""
    name = raw.strip()
    if not name:
        raise InputError("a deck name cannot be empty; give one with --deck NAME (or leave "
                         "--deck out to name the deck after the file).")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InputError(f"deck name {name!r} holds control characters; use printable "
                         "characters only.")
    if len(name) > MAX_DECK_NAME:
        raise InputError(f"deck name '{name[:40]}…' is {len(name)} characters long; keep it "
                         f"under {MAX_DECK_NAME}.")
    return name


@dataclass(frozen=True)
class Removed:
    """What a deletion took out (all of it undoable)."""

    notes: int
    cards: int
    reviews: int
    backup: str | None = None


def _deck(session: Session, name: str, *, lock: bool = False) -> DeckRow:
    query = select(DeckRow).where(DeckRow.name == name)
    row = session.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        names = ", ".join(session.scalars(select(DeckRow.name).order_by(DeckRow.name)))
        raise InputError(f"no deck named '{name}'; decks in this bank: {names or 'none'}.")
    return row


def rename_deck(bank: Bank, old: str, new: str, now: datetime) -> None:
    new = clean_deck_name(new)
    with bank.write() as session:
        for deck in sorted({old, new}):  # decks before the journal, as an import locks
            serialize(session, f"deck:{deck}")
        lock_journal(session)
        row = _deck(session, old, lock=True)
        if row.builtin:
            raise InputError(f"'{old}' is the built-in deck, which dlquiz keeps up to date "
                             "under its own name; it cannot be renamed.")
        if new == old:
            raise InputError(f"the deck is already called '{old}'; nothing was changed.")
        if session.scalar(select(DeckRow.id).where(DeckRow.name == new)) is not None:
            raise InputError(f"there is already a deck named '{new}'; choose another name "
                             "(nothing was changed).")
        scope = {"decks": {row.id}}
        before = read_image(session, scope)
        row.name = new
        session.flush()
        journal_rows(session, "deck-rename", f"rename of deck '{old}' to '{new}'", now,
                     before, read_image(session, scope))


def _refuse_open_exams(session: Session, note_ids: set[int], what: str) -> None:
    if not note_ids:
        return
    exam = session.scalar(select(ExamItemRow.exam_id).join(ExamRow,
                                                           ExamRow.id == ExamItemRow.exam_id)
                          .where(ExamRow.submitted_at.is_(None),
                                 ExamItemRow.note_id.in_(note_ids)).limit(1))
    if exam is not None:
        raise Refused(f"exam {exam} is still open and asks {what}; submit it first "
                      f"(`dlquiz exam submit {exam}`), then delete (nothing was changed).",
                      "open_exam", int(exam))


def delete_deck(bank: Bank, name: str, now: datetime) -> Removed:
    """Delete a deck with its notes, cards and history (a backup of a SQLite bank first)."""
    with bank.read() as session:
        row = _deck(session, name)
        if row.builtin:
            raise InputError(f"'{name}' is the built-in deck; it cannot be deleted (suspend "
                             "its cards, or study --deck another deck).")
        notes = set(session.scalars(select(NoteRow.id).where(NoteRow.deck_id == row.id)))
        _refuse_open_exams(session, notes, f"questions of deck '{name}'")
    backup = _backup(bank, f"before-deleting-deck-{row.id}", now)
    with bank.write() as session:
        serialize(session, f"deck:{name}")  # deck before journal, as an import locks
        lock_journal(session)
        row = _deck(session, name, lock=True)
        scope = decks_scope(session, {row.id})
        _refuse_open_exams(session, scope["notes"], f"questions of deck '{name}'")
        before = read_image(session, scope)
        _clear_exam_links(session, scope["notes"])
        session.execute(delete(DeckRow).where(DeckRow.id == row.id))
        session.flush()
        journal_rows(session, "deck-delete", f"deletion of deck '{name}'", now, before,
                     read_image(session, scope))
    return Removed(notes=len(scope["notes"]), cards=len(scope["cards"]),
                   reviews=len(scope["review_logs"]), backup=backup)


def delete_notes(bank: Bank, note_ids: Sequence[int], now: datetime) -> Removed:
    """Delete notes (their cards and ratings with them) as one undoable action."""
    wanted = list(dict.fromkeys(note_ids))
    for note_id in wanted:
        if not 0 < note_id <= MAX_ID:
            raise InputError(f"no note with id {note_id}; `dlquiz notes list` lists the ids.")
    with bank.write() as session:
        lock_journal(session)
        found = dict(session.execute(select(NoteRow.id, DeckRow.builtin)
                                     .join(DeckRow, DeckRow.id == NoteRow.deck_id)
                                     .where(NoteRow.id.in_(wanted))).all())
        missing = [n for n in wanted if n not in found]
        if missing:
            raise Refused(f"no note with id {missing[0]}; `dlquiz notes list` lists the ids "
                          "(nothing was deleted).", "missing", missing[0])
        builtin = [n for n in wanted if found[n]]
        if builtin:
            raise Refused(f"note {builtin[0]} is a built-in note, which dlquiz restores "
                          "with its content; suspend its card instead (nothing was "
                          "deleted).", "builtin", builtin[0])
        _refuse_open_exams(session, set(wanted), "these notes")
        scope = notes_scope(session, wanted)
        before = read_image(session, scope)
        _clear_exam_links(session, scope["notes"])
        session.execute(delete(NoteRow).where(NoteRow.id.in_(wanted)))
        session.flush()
        shown = ", ".join(str(n) for n in wanted)
        journal_rows(session, "note-delete",
                     f"deletion of note{'s' if len(wanted) > 1 else ''} {shown}", now,
                     before, read_image(session, merge(scope)))
    return Removed(notes=len(wanted), cards=len(scope["cards"]),
                   reviews=len(scope["review_logs"]))


def _clear_exam_links(session: Session, note_ids: set[int]) -> None:
    """Exam items keep their frozen question; only the link to the note goes (explicitly,
    so the journal sees it on every backend)."""
    if note_ids:
        session.execute(update(ExamItemRow).where(ExamItemRow.note_id.in_(note_ids))
                        .values(note_id=None))


def _backup(bank: Bank, name: str, now: datetime) -> str | None:
    path = sqlite_path(bank.url)
    if path is None or not path.exists():
        return None
    folder = backups_dir(path)
    folder.mkdir(exist_ok=True)
    target = folder / f"{name}-{now.astimezone():%Y%m%dT%H%M%S}.db"
    return str(copy_bank(path, target, exist_ok=True))


def deck_counts(bank: Bank, name: str) -> tuple[int, int]:
    """(notes, ratings) of a deck, for the question asked before deleting it."""
    with bank.read() as session:
        row = _deck(session, name)
        notes = session.scalar(select(func.count()).select_from(NoteRow)
                               .where(NoteRow.deck_id == row.id)) or 0
        ratings = session.scalar(
            select(func.count()).select_from(ReviewLogRow).join(CardRow)
            .join(NoteRow, NoteRow.id == CardRow.note_id).where(NoteRow.deck_id == row.id)) or 0
        return int(notes), int(ratings)


def note_review_count(bank: Bank, note_id: int) -> int:
    """Ratings of all a note's cards (its own and its follow-ups'), for the question asked
    before deleting it."""
    with bank.read() as session:
        return int(session.scalar(
            select(func.count()).select_from(ReviewLogRow).join(CardRow)
            .where(CardRow.note_id == note_id)) or 0)
