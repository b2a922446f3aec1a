"""`dlquiz notes fill` on the user's own file (as written, with CRLF, with a BOM): the TODO
markers become the built-in answers, every other byte stays, the cards keep their ids and
history and are answered afterwards."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.notes.identity import title_key
from dlquiz.notes.parser import parse_notes
from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.srs.setup import open_study_bank
from dlquiz.store.bank.database import Bank
from dlquiz.store.cards.repository import list_notes
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.records import QueueFilter

runner = CliRunner()
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
TODO_LINE = re.compile(rb"^- \[ \] ?(TODO ?)?\r?\n?$")


def invoke(url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


def lines_of(data: bytes) -> list[bytes]:
    return re.findall(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", data)


def history(bank: Bank) -> dict[int, int]:
    with bank.sessions() as session:
        rows = session.execute(text("SELECT card_id, count(*) FROM review_logs "
                                    "GROUP BY card_id")).all()
    return {card: n for card, n in rows}


def mine_cards(bank: Bank) -> dict[int, tuple[str | None, int]]:
    """card id -> (number, reps) of the question cards of deck `mine`."""
    with bank.sessions() as session:
        rows = session.execute(text(
            "SELECT cards.id, notes.number, cards.reps FROM cards JOIN notes ON notes.id = "
            "cards.note_id JOIN decks ON decks.id = notes.deck_id WHERE decks.name = 'mine' "
            "AND cards.followup_id IS NULL")).all()
    return {card: (number, reps) for card, number, reps in rows}


def builtin_lines(bank: Bank) -> set[bytes]:
    """Every line a fill may write: built-in answer and reference lines, the header, blanks."""
    with bank.sessions() as session:
        rows = session.execute(text(
            "SELECT notes.answer, notes.references_json FROM notes JOIN decks ON decks.id = "
            "notes.deck_id WHERE decks.builtin")).all()
    allowed = {b"", "**参考资料**".encode()}
    for answer, refs in rows:
        allowed |= {line.encode() for line in answer.split("\n")}
        allowed |= {f"- [{t}]({u})".encode() for t, u in json.loads(refs)}
    return allowed


@pytest.fixture
def studied(bank_url: str, seed_notes: Path) -> Iterator[tuple[Bank, str]]:
    """A study bank on each backend (SQLite, then PostgreSQL when a test server is set)."""
    bank = open_study_bank(bank_url, now=NOW - timedelta(days=3))
    yield bank, bank_url
    bank.engine.dispose()


def _prepare(bank: Bank, path: Path) -> None:
    import_paths(bank, [path], deck="mine", now=NOW - timedelta(days=2))
    clock = iter(NOW + timedelta(minutes=i) for i in range(1000))
    study = StudyService(bank, filters=QueueFilter(deck="mine"), clock=lambda: next(clock),
                         settings=StudySettings(enable_fuzzing=False, new_per_day=50))
    for rating in (3, 1, 4, 3, 2, 3, 3, 1, 4, 3):
        item = study.next_item()
        assert item is not None and item.note is not None
        study.rate(item.card.card_id, rating, duration_ms=4000)


@pytest.mark.parametrize("variant", ["as written", "crlf", "bom", "crlf+bom"])
def test_fill_keeps_every_other_byte_and_the_cards(studied: tuple[Bank, str], tmp_path: Path,
                                                    seed_notes: Path, variant: str) -> None:
    bank, url = studied
    original = seed_notes.read_bytes()
    if "crlf" in variant:
        original = original.replace(b"\n", b"\r\n")
    if "bom" in variant:
        original = b"\xef\xbb\xbf" + original
    path = tmp_path / "notes" / "mine.md"
    path.parent.mkdir()
    path.write_bytes(original)
    path.chmod(0o640)
    _prepare(bank, path)
    cards, logs = mine_cards(bank), history(bank)
    assert sum(reps for _, reps in cards.values()) == 10

    code, _, err = invoke(url, "notes", "fill", str(path))
    assert code == 0, err
    filled = path.read_bytes()
    assert path.stat().st_mode & 0o777 == 0o640
    (backup,) = [p for p in path.parent.iterdir() if p != path]
    assert backup.read_bytes() == original and backup.name.endswith(".bak")
    assert filled.startswith(b"\xef\xbb\xbf") == ("bom" in variant)
    eol = b"\r\n" if "crlf" in variant else b"\n"
    old, new = lines_of(original), lines_of(filled)
    allowed = builtin_lines(bank)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        assert all(TODO_LINE.match(line) for line in old[i1:i2]), old[i1:i2]
        for line in new[j1:j2]:
            assert line.endswith(eol) and not line[: -len(eol)].endswith(b"\r")
            assert line[: -len(eol)] in allowed, line
    assert not any(TODO_LINE.match(line) for line in new)

    assert mine_cards(bank).keys() == cards.keys()  # same cards, same history
    assert {c: r for c, (_, r) in mine_cards(bank).items()} == {c: r for c, (_, r) in
                                                                 cards.items()}
    assert history(bank) == logs
    statuses = {n.number: n.status for n in list_notes(bank, deck="mine")}
    assert set(statuses.values()) == {"answered"}
    before = {n.number: n for n in parse_notes(original.decode("utf-8-sig")).notes}
    for note in parse_notes(filled.decode("utf-8-sig")).notes:
        assert set(before[note.number].references) <= set(note.references)
        assert title_key(note.title) == title_key(before[note.number].title)


def test_dry_run_prints_the_diff_and_writes_nothing(studied: tuple[Bank, str],
                                                    tmp_path: Path, seed_notes: Path) -> None:
    bank, url = studied
    path = tmp_path / "mine.md"
    path.write_bytes(seed_notes.read_bytes())
    import_paths(bank, [path], deck="mine", now=NOW)
    listing = sorted(tmp_path.iterdir())
    code, out, err = invoke(url, "notes", "fill", str(path), "--numbers", "003,4", "--dry-run")
    assert code == 0, err
    assert out.startswith(f"--- {path}\n+++ {path} (filled)\n@@ ")
    assert out.count("\n-- [ ] TODO") == 2  # 003's and 004's markers, nothing else removed
    removed = [line for line in out.split("\n") if line.startswith("-")
               and not line.startswith("---")]
    assert removed == ["-- [ ] TODO", "-- [ ] TODO"]
    assert "+- [Dumoulin & Visin" in out  # 003's built-in reference
    assert path.read_bytes() == seed_notes.read_bytes()
    assert sorted(tmp_path.iterdir()) == listing
    assert {n.number: n.status for n in list_notes(bank, deck="mine")}["003"] == "draft"


def test_numbers_fill_only_those(studied: tuple[Bank, str], tmp_path: Path,
                                 seed_notes: Path) -> None:
    bank, url = studied
    path = tmp_path / "mine.md"
    path.write_bytes(seed_notes.read_bytes())
    import_paths(bank, [path], deck="mine", now=NOW)
    code, out, err = invoke(url, "notes", "fill", str(path), "--numbers", "003",
                            "--numbers", "005", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert [name.split()[0] for name in report["filled"]] == ["003", "005"]
    statuses = {n.number: n.status for n in list_notes(bank, deck="mine")}
    assert (statuses["003"], statuses["005"], statuses["004"], statuses["015"]) == (
        "answered", "answered", "draft", "partial")
    code, _, err = invoke(url, "notes", "fill", str(path), "--numbers", "004")
    assert code == 0, err  # imported again by the first fill: not refused as changed
