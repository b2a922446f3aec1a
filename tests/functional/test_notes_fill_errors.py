"""`dlquiz notes fill` refusing bad input: one sentence on stderr, exit 2, and the notes
file (and its folder) exactly as they were."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.srs import file_write
from dlquiz.srs.setup import open_study_bank
from dlquiz.store.decks.importing import import_paths

runner = CliRunner()
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
NOTES = ("# 深度学习\r\n\r\n## 002 CNN本质和优势\r\n\r\n自己的答案。\r\n\r\n"
         "## 003 卷积操作\r\n\r\n- [ ] TODO\r\n\r\n## 010 只有我问的问题\r\n\r\n- [ ] TODO\r\n")


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    bank = open_study_bank(url, now=NOW)
    folder = tmp_path / "notes"
    folder.mkdir()
    path = folder / "mine.md"
    path.write_bytes(NOTES.encode())
    import_paths(bank, [path], deck="mine", now=NOW)
    bank.engine.dispose()
    yield url, path
    folder.chmod(0o755)


def refused(url: str, path: Path, *args: str) -> str:
    """Run the fill, check it failed cleanly and touched nothing; return its sentence."""
    before = sorted(p.name for p in path.parent.iterdir())
    data = path.read_bytes() if path.exists() else None
    result = runner.invoke(app, ["--db", url, "notes", "fill", str(path), *args])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("dlquiz: ") and "Traceback" not in lines[0]
    assert (path.read_bytes() if path.exists() else None) == data
    assert sorted(p.name for p in path.parent.iterdir()) == before
    return lines[0]


def test_a_file_dlquiz_did_not_import(setup: tuple[str, Path], tmp_path: Path) -> None:
    url, path = setup
    other = tmp_path / "elsewhere" / "mine.md"
    other.parent.mkdir()
    other.write_bytes(path.read_bytes())
    assert "is not a notes file dlquiz imported" in refused(url, other)


def test_an_anki_package_is_not_a_notes_file(setup: tuple[str, Path]) -> None:
    url, path = setup
    package = path.with_name("mine.apkg")
    package.write_bytes(b"PK\x03\x04")
    assert "is an Anki package or a CSV/TSV file, not a notes file" in refused(url, package)


def test_a_missing_file(setup: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = setup
    assert "no such file" in refused(url, tmp_path / "notes" / "gone.md")


def test_numbers_not_in_the_file(setup: tuple[str, Path]) -> None:
    url, path = setup
    sentence = refused(url, path, "--numbers", "003,099")
    assert "no question numbered 099" in sentence and "002–010" in sentence


def test_an_answered_number_and_one_without_a_built_in_answer(setup: tuple[str, Path]) -> None:
    url, path = setup
    assert "question 002 CNN本质和优势 is already answered" in refused(url, path, "--numbers", "2")
    assert "010 只有我问的问题 has no built-in answer" in refused(url, path, "--numbers", "010")


def test_a_file_changed_since_its_import(setup: tuple[str, Path]) -> None:
    url, path = setup
    path.write_bytes(path.read_bytes() + b"\r\n")
    sentence = refused(url, path)
    assert "has changed since it was last imported; re-import it first" in sentence


def test_a_read_only_file(setup: tuple[str, Path]) -> None:
    url, path = setup
    path.chmod(0o444)
    assert "is read-only" in refused(url, path)


def test_a_read_only_folder(setup: tuple[str, Path]) -> None:
    url, path = setup
    path.parent.chmod(0o555)
    assert "folder" in refused(url, path) and "read-only" in refused(url, path)


@pytest.mark.parametrize("failing_write", [1, 2])  # the backup's write, then the file's
def test_a_full_disk(setup: tuple[str, Path], monkeypatch: pytest.MonkeyPatch,
                     failing_write: int) -> None:
    url, path = setup
    real = file_write.write_all
    calls = []

    def write_until_full(fd: int, data: bytes) -> None:
        calls.append(fd)
        if len(calls) == failing_write:
            os.write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd, data)

    monkeypatch.setattr(file_write, "write_all", write_until_full)
    sentence = refused(url, path)
    assert "No space left on device" in sentence and "the notes file is unchanged" in sentence
    assert len(calls) == failing_write


def test_the_same_fill_works_once_the_disk_has_room(setup: tuple[str, Path]) -> None:
    url, path = setup  # the fixture itself is fillable: the refusals above are the input's
    result = runner.invoke(app, ["--db", url, "notes", "fill", str(path)])
    assert result.exit_code == 0, result.output
    assert "filled 1 question(s): 003 卷积操作" in result.stdout
    assert "no built-in answer for: 010 只有我问的问题" in result.stdout
    assert b"- [ ] TODO\r\n" in path.read_bytes()  # 010's marker stays
    assert path.read_bytes().count(b"- [ ] TODO") == 1


def test_a_failed_re_import_says_the_file_was_filled(setup: tuple[str, Path],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    url, path = setup
    from dlquiz.srs import notes_fill
    from dlquiz.store.schema.errors import BankBusyError

    def busy(*_args: object, **_kwargs: object) -> None:
        raise BankBusyError("the bank is busy (another dlquiz is writing); try again")

    monkeypatch.setattr(notes_fill, "import_paths", busy)
    result = runner.invoke(app, ["--db", url, "notes", "fill", str(path)])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().split("\n")
    assert "was filled (the old text is in mine.md." in line and "the bank is busy" in line
    assert f"run `dlquiz import {path} --deck mine`" in line
    assert b"- [ ] TODO" in path.read_bytes() and path.read_bytes().count(b"- [ ] TODO") == 1
