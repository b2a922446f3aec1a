"""An import in which no file changed answers from the digests and one count, without a
write transaction; anything that changed since (the file, the deck chosen, the bank's own
record of the file after an undo or a migration, a deleted file) goes the full way."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, update

from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.bank.explain import damage_marker
from dlquiz.store.cards.cards import undo_action
from dlquiz.store.decks.changes import delete_notes
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.journal.row_journal import tables
from dlquiz.store.schema.errors import BankDamagedError
from dlquiz.store.schema.models import NoteRow, SourceRow
from tests.unit.store.notes_support import NOTES, NOW, write


@pytest.fixture
def bank(bank_url: str) -> Bank:
    return open_bank(bank_url)




def everything(bank: Bank) -> dict[str, list[Any]]:
    """Every row of every table, to show that nothing at all was written."""
    with bank.read() as session:
        return {name: [tuple(row) for row in session.execute(
            select(table).order_by(table.c.id))] for name, table in tables().items()}


def counts(report: Any) -> tuple[int, ...]:
    return (report.added, report.updated, report.unchanged, report.retired, report.drafts,
            report.files)


class Statements:
    """The SQL statements the bank's engine runs while the block is open."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.seen: list[str] = []

    def _record(self, _conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        self.seen.append(" ".join(statement.split()[:2]).upper())

    def __enter__(self) -> list[str]:
        event.listen(self.bank.engine, "before_cursor_execute", self._record)
        return self.seen

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.bank.engine, "before_cursor_execute", self._record)


def test_unchanged_file_is_counted_without_a_write(bank: Bank, tmp_path: Path) -> None:
    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    before = everything(bank)
    with Statements(bank) as seen:
        report = import_paths(bank, [path], now=NOW + timedelta(days=1))
    # three notes in the file, one of them a draft: all held by the bank already
    assert counts(report) == (0, 0, 3, 0, 1, 1)
    assert report.decks == ("deck",) and report.warnings == () and not report.changed
    assert everything(bank) == before
    assert not [s for s in seen if s.split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert "BEGIN IMMEDIATE" not in seen  # SQLite: the write lock is not even taken


def test_unchanged_dry_run_says_so(bank: Bank, tmp_path: Path) -> None:
    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    report = import_paths(bank, [path], dry_run=True, now=NOW)
    assert report.dry_run and counts(report) == (0, 0, 3, 0, 1, 1)


def test_edited_file_takes_the_full_path(bank: Bank, tmp_path: Path) -> None:
    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    write(path, NOTES.replace("How far the window moves.", "The step of the window."))
    report = import_paths(bank, [path], now=NOW)
    assert counts(report) == (0, 1, 2, 0, 1, 1)


def test_other_deck_imports_the_same_file_afresh(bank: Bank, tmp_path: Path) -> None:
    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    report = import_paths(bank, [path], deck="other", now=NOW)
    assert counts(report) == (3, 0, 0, 0, 1, 1) and report.decks == ("other",)


def test_counts_come_from_the_bank_as_it_is_now(bank: Bank, tmp_path: Path) -> None:
    """A note deleted from the bank since is not counted (the file's bytes did not change,
    so, as before, the file is not read again and the note stays deleted)."""
    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    with bank.read() as session:
        first = session.scalar(select(NoteRow.id).where(NoteRow.number == "001"))
    assert first is not None
    delete_notes(bank, [first], NOW)
    report = import_paths(bank, [path], now=NOW)
    assert counts(report) == (0, 0, 2, 0, 1, 1)


def test_undone_import_is_read_again(bank: Bank, tmp_path: Path) -> None:
    """Undoing an edit's import puts the old digest back: the edited file is then new to
    the bank again, and importing it updates the note once more."""
    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    write(path, NOTES.replace("A sliding dot product.", "A sliding window of dot products."))
    assert counts(import_paths(bank, [path], now=NOW)) == (0, 1, 2, 0, 1, 1)
    assert undo_action(bank) is not None
    assert counts(import_paths(bank, [path], now=NOW)) == (0, 1, 2, 0, 1, 1)
    assert counts(import_paths(bank, [path], now=NOW)) == (0, 0, 3, 0, 1, 1)


def test_a_digest_reset_by_a_migration_reads_the_file(bank: Bank, tmp_path: Path) -> None:
    """Migration 0005 marks every source 'read-again' so that unchanged files are parsed
    once more; the import then records the file's real digest."""
    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    with bank.write() as session:
        session.execute(update(SourceRow).values(digest="read-again"))
    report = import_paths(bank, [path], now=NOW)
    assert counts(report) == (0, 0, 3, 0, 1, 1)
    with bank.read() as session:
        digest = session.scalar(select(SourceRow.digest))
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()


def test_folder_with_one_changed_file(bank: Bank, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    write(folder / "a.md", NOTES)
    import_paths(bank, [folder], deck="d", now=NOW)
    write(folder / "b.md", "## 010 Padding\n\nZeros around the input.\n")
    report = import_paths(bank, [folder], deck="d", now=NOW)
    assert counts(report) == (1, 0, 3, 0, 1, 2)


def test_deleted_file_is_retired_once_then_unchanged(bank: Bank, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    write(folder / "a.md", NOTES)
    gone = write(folder / "b.md", "## 010 Padding\n\nZeros around the input.\n")
    import_paths(bank, [folder], deck="d", now=NOW)
    gone.unlink()
    assert counts(import_paths(bank, [folder], deck="d", now=NOW)) == (0, 0, 3, 1, 1, 2)
    before = everything(bank)  # the deleted file is known gone: only a.md is left to read
    assert counts(import_paths(bank, [folder], deck="d", now=NOW)) == (0, 0, 3, 0, 1, 1)
    assert everything(bank) == before


def test_damaged_bank_still_refuses(tmp_path: Path) -> None:
    """A SQLite bank found damaged is read-only: an import, even of an unchanged file, is
    refused with the same sentence as any write (the marker lives beside the bank file)."""
    bank = open_bank(f"sqlite:///{tmp_path / 'bank.db'}")
    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    damage_marker(tmp_path / "bank.db").write_text("found damaged\n", encoding="utf-8")
    with pytest.raises(BankDamagedError, match="read-only until `dlquiz bank check` passes"):
        import_paths(bank, [path], now=NOW)
