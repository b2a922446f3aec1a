"""`--db` never guesses: a bank is created only at a free path in an existing directory (and
said so on stderr); every other path or URL is one sentence, exit 2, and not one file made
or touched anywhere under the test's directory (which is also the current directory)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlquiz.cli.main import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


Listing = dict[str, tuple[int, int]]


def listing(root: Path) -> Listing:
    """Every file and directory under `root` with its size and modification time."""
    return {str(p.relative_to(root)): (p.stat().st_size if p.is_file() else -1,
                                       p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def place(bank_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's directory, made the current one (a relative path would land here)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def refused(place: Path, db: str, *expected: str, command: str = "due") -> None:
    before = listing(place)
    code, out, err = invoke("--db", db, *command.split())
    assert code == 2, (out, err)
    assert err.startswith("dlquiz: ") and err.count("\n") == 1 and "Traceback" not in err
    for words in expected:
        assert words in err, err
    assert listing(place) == before  # nothing created, nothing changed


def test_a_missing_directory_is_not_made(place: Path) -> None:
    target = place / "missing" / "deeper" / "x.db"
    refused(place, str(target), str(target), f"{place / 'missing' / 'deeper'} does not exist")


def test_an_empty_file_is_not_turned_into_a_bank(place: Path) -> None:
    empty = place / "empty.md"
    empty.write_bytes(b"")
    refused(place, str(empty), str(empty), "empty file")


def test_a_markdown_file_is_left_alone_without_a_sidecar(place: Path) -> None:
    notes = place / "notes.md"
    notes.write_text("## 001 卷积\n\n答案。\n", encoding="utf-8")
    refused(place, str(notes), str(notes), "not a dlquiz bank")
    refused(place, str(notes), str(notes), "not a dlquiz bank", command="bank backup")


def test_a_directory_is_refused(place: Path) -> None:
    (place / "folder").mkdir()
    refused(place, str(place / "folder"), "is a directory")


def test_a_sqlite_file_of_another_program_is_not_written(place: Path) -> None:
    other = place / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    refused(place, str(other), str(other), "contacts")


def test_an_empty_sqlite_database_is_not_a_bank(place: Path) -> None:
    blank = place / "blank.db"
    conn = sqlite3.connect(blank)
    conn.execute("PRAGMA user_version = 1")  # writes the header, no tables
    conn.commit()
    conn.close()
    refused(place, str(blank), str(blank), "empty SQLite database")


def test_three_slashes_name_the_absolute_path_that_was_meant(place: Path) -> None:
    meant = place / "x.db"
    relative = str(meant).lstrip("/")
    refused(place, f"sqlite:///{relative}", f"sqlite:////{relative}", f"absolute path {meant}")


def test_unknown_schemes_are_refused(place: Path) -> None:
    refused(place, "mysql://me@localhost/bank", "'mysql' is neither")
    refused(place, "sqlite://host/x.db", "three slashes")


def test_a_new_bank_is_made_at_a_free_path_and_said_so(place: Path) -> None:
    target = place / "mine.db"
    code, _, err = invoke("--db", str(target), "due")
    assert code == 0 and err == f"dlquiz: created a new bank at {target}\n"
    code, _, err = invoke("--db", f"sqlite:///{target}", "due")  # four slashes: absolute
    assert code == 0 and err == ""
    assert target.is_file() and not (place / "home").exists()


def test_an_existing_bank_is_opened_as_before(place: Path) -> None:
    target = place / "mine.db"
    assert invoke("--db", str(target), "due")[0] == 0
    code, out, err = invoke("--db", str(target), "decks")
    assert code == 0 and err == "" and "builtin (built-in)" in out


def test_the_default_location_is_still_made_with_its_directories(place: Path,
                                                                  bank_home: Path) -> None:
    assert not bank_home.exists()
    code, _, err = invoke("due")
    assert code == 0 and err == f"dlquiz: created a new bank at {bank_home / 'dlquiz.db'}\n"
    assert (bank_home / "dlquiz.db").is_file()
