"""Importing into the bank: identity across edits, retirement, no-op re-imports."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from dlquiz.notes.errors import NotesError
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.cards.repository import get_note, list_decks, list_notes
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.models import CardRow, NoteRow
from tests.unit.store.notes_support import NOTES, NOW, write


@pytest.fixture
def bank(bank_url: str) -> Bank:
    return open_bank(bank_url)




def test_first_import_counts(bank: Bank, tmp_path: Path) -> None:
    report = import_paths(bank, [write(tmp_path / "deck.md", NOTES)], now=NOW)
    assert (report.added, report.updated, report.unchanged, report.retired, report.drafts) == (
        3, 0, 0, 0, 1)
    with bank.sessions() as s:
        (deck,) = list_decks(bank)
        assert (deck.name, deck.notes, deck.answered, deck.drafts) == ("deck", 3, 2, 1)
        assert s.scalar(select(func.count()).select_from(CardRow)) == 3


def test_unchanged_reimport_writes_nothing(bank: Bank, tmp_path: Path) -> None:
    from sqlalchemy import event

    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement.lstrip().split()[0].upper())

    event.listen(bank.engine, "before_cursor_execute", seen)
    report = import_paths(bank, [path], now=NOW + timedelta(days=1))
    event.remove(bank.engine, "before_cursor_execute", seen)
    assert (report.added, report.updated, report.unchanged, report.retired) == (0, 0, 3, 0)
    assert report.drafts == 1 and not report.changed
    assert statements and not {"INSERT", "UPDATE", "DELETE"} & set(statements)


def test_edit_renumber_and_retitle(bank: Bank, tmp_path: Path) -> None:
    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    with bank.sessions() as s:
        ids = {n.title: n.id for n in list_notes(bank)}
        s.execute(text("UPDATE cards SET reps = 5 WHERE note_id = :i"),
                  {"i": ids["What is a convolution?"]})
        s.commit()
    edited = (NOTES.replace("A sliding dot product.", "A sliding dot product, plus bias.")
              .replace("## 003 Stride", "## 7 STRIDE ")
              .replace("## 002 Pooling", "## 002 Pooling layers"))
    report = import_paths(bank, [write(path, edited)], now=NOW + timedelta(hours=1))
    assert (report.added, report.updated, report.unchanged, report.retired) == (1, 2, 0, 1)
    with bank.sessions() as s:
        note = get_note(bank, ids["What is a convolution?"])
        assert note.answer == "A sliding dot product, plus bias."
        assert s.scalar(select(CardRow.reps).where(CardRow.note_id == note.id)) == 5
        stride = get_note(bank, ids["Stride"])
        assert (stride.number, stride.title, stride.retired) == ("7", "STRIDE", False)
        assert get_note(bank, ids["Pooling"]).retired
        assert [n.title for n in list_notes(bank)] == [
            "What is a convolution?", "Pooling layers", "STRIDE"]


def test_retired_note_keeps_history_and_returns(bank: Bank, tmp_path: Path) -> None:
    path = write(tmp_path / "deck.md", NOTES)
    import_paths(bank, [path], now=NOW)
    with bank.sessions() as s:
        old_id = s.scalar(select(NoteRow.id).where(NoteRow.title == "Stride"))
    import_paths(bank, [write(path, NOTES.split("## 003")[0])], now=NOW)
    report = import_paths(bank, [write(path, NOTES)], now=NOW)
    assert report.added == 1
    with bank.sessions() as s:
        assert s.scalar(select(NoteRow.id).where(NoteRow.title == "Stride",
                                                 NoteRow.retired_at.is_(None))) == old_id


def test_bad_file_leaves_bank_unchanged(bank: Bank, tmp_path: Path) -> None:
    good = write(tmp_path / "a.md", NOTES)
    bad = tmp_path / "b.md"
    bad.write_bytes(b"## 001 x\n\xff\xfe")
    with pytest.raises(NotesError, match=r"b\.md"):
        import_paths(bank, [good, bad], now=NOW)
    assert list_decks(bank) == []


def test_dry_run_writes_nothing(bank: Bank, tmp_path: Path) -> None:
    report = import_paths(bank, [write(tmp_path / "d.md", NOTES)], dry_run=True, now=NOW)
    assert report.added == 3 and report.dry_run
    assert list_decks(bank) == []


def test_directory_import_and_deck_option(bank: Bank, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    (folder / "sub").mkdir(parents=True)
    write(folder / "a.md", NOTES)
    write(folder / "sub" / "b.md", "## 001 Another\n\nText.\n")
    write(folder / "ignore.txt", "## 001 Not markdown\n\nText.\n")
    report = import_paths(bank, [folder], deck="mine", now=NOW)
    assert report.added == 4 and report.decks == ("mine",)
    # importing only one file of the deck does not retire the other file's notes
    report = import_paths(bank, [folder / "a.md"], deck="mine", now=NOW)
    assert report.retired == 0


def test_naive_datetime_is_refused(bank: Bank, tmp_path: Path) -> None:
    from sqlalchemy.exc import StatementError

    with pytest.raises(StatementError, match="naive datetime"):
        import_paths(bank, [write(tmp_path / "d.md", NOTES)], now=datetime(2026, 1, 1))


def test_deleted_file_in_a_reimported_folder_retires_its_notes(bank: Bank,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    write(folder / "a.md", NOTES)
    write(folder / "b.md", "## 001 Another\n\nText.\n")
    import_paths(bank, [folder], deck="mine", now=NOW)
    (folder / "b.md").unlink()
    report = import_paths(bank, [folder], deck="mine", now=NOW)
    assert (report.retired, report.unchanged) == (1, 3)
    assert [n.title for n in list_notes(bank, deck="mine")] == [
        "What is a convolution?", "Pooling", "Stride"]
    again = import_paths(bank, [folder], deck="mine", now=NOW)
    assert (again.retired, again.unchanged, again.changed) == (0, 3, False)


def test_folder_without_notes_is_a_clear_error(bank: Bank, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.txt").write_text("not notes", encoding="utf-8")
    with pytest.raises(NotesError, match="no markdown notes found"):
        import_paths(bank, [empty], now=NOW)


def test_same_question_in_two_files_of_one_deck(bank: Bank, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    write(folder / "a.md", "## 001 Same question\n\nFrom a.\n")
    write(folder / "b.md", "## 001 Same question\n\nFrom b.\n")
    report = import_paths(bank, [folder], deck="mine", now=NOW)
    assert report.added == 2
    write(folder / "b.md", "## 001 Same question\n\nFrom b, edited.\n")
    report = import_paths(bank, [folder], deck="mine", now=NOW)
    assert (report.added, report.updated, report.unchanged, report.retired) == (0, 1, 1, 0)
    answers = sorted(get_note(bank, n.id).answer for n in list_notes(bank, deck="mine"))
    assert answers == ["From a.", "From b, edited."]
