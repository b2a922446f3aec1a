"""`bank check`: finds and repairs broken invariants, rebuilds a damaged index, refuses what
it cannot repair, and lifts the write ban it put on a bank found damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from dlquiz.store.bank.check import check_url
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.explain import damage_marker
from dlquiz.store.schema.errors import BankDamagedError

from .bank_factory import NOW, bank_with_ratings


def raw(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_clean_bank_has_no_findings(tmp_path: Path) -> None:
    bank, _ = bank_with_ratings(tmp_path)
    report = check_url(bank.url, NOW)
    assert report.findings == () and report.clean


def test_broken_invariants_are_found_and_repaired(tmp_path: Path) -> None:
    bank, _ = bank_with_ratings(tmp_path, ratings=3)
    path = tmp_path / "bank.db"
    bank.engine.dispose()
    raw(path,
        "UPDATE cards SET reps = reps + 5 WHERE id = (SELECT card_id FROM review_logs LIMIT 1)",
        "UPDATE cards SET leech = 1 WHERE id = 5",
        "INSERT INTO review_logs (card_id, rating, reviewed_at, before_json, state_before) "
        "VALUES (999, 3, '2026-11-28 08:00:00', '{}', 0)",
        "INSERT INTO cards (state, due, reps, lapses, suspended, leech, created_at, version) "
        "VALUES (0, '2026-11-28 08:00:00', 0, 0, 0, 0, '2026-11-28 08:00:00', 0)")
    report = check_url(bank.url, NOW)
    problems = {f.problem: (f.count, f.repaired) for f in report.findings}
    assert problems == {
        "cards whose reps differ from their number of review-log rows": (1, True),
        "leech marks on cards that are not suspended": (1, True),
        "review-log rows without a card": (1, True),
        "cards with neither a note nor a question kind": (1, True),
    }
    assert report.clean
    assert check_url(bank.url, NOW).findings == ()  # repaired for good
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM review_logs").fetchone() == (3,)
    conn.close()


def test_unrepairable_state_is_reported(tmp_path: Path) -> None:
    bank, _ = bank_with_ratings(tmp_path)
    bank.engine.dispose()
    raw(tmp_path / "bank.db", "UPDATE cards SET state = 7 WHERE id = 2")
    report = check_url(bank.url, NOW)
    assert not report.clean
    assert [(f.problem, f.repaired) for f in report.findings] == [
        ("cards in an unknown state", False)]


def corrupt_index(path: Path) -> None:
    """Overwrite the root page of one index with garbage (the table data stays intact)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_cards_note'"
                           ).fetchone()
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


def test_damaged_index_is_rebuilt_and_the_write_ban_lifted(tmp_path: Path) -> None:
    bank, _ = bank_with_ratings(tmp_path)
    path = tmp_path / "bank.db"
    bank.engine.dispose()
    corrupt_index(path)
    damaged = open_bank(bank.url)
    with pytest.raises(BankDamagedError, match="bank check"), damaged.read() as s:
        s.execute(text("SELECT count(*) FROM cards INDEXED BY ix_cards_note "
                       "WHERE note_id > 0")).scalar()
    assert damage_marker(path).exists()
    with pytest.raises(BankDamagedError, match="read-only until `dlquiz bank check`"), \
            damaged.write():
        pass
    damaged.engine.dispose()
    report = check_url(bank.url, NOW)
    assert report.clean and report.findings[0].problem.startswith("damaged database file")
    assert not damage_marker(path).exists()
    repaired = open_bank(bank.url)
    with repaired.write() as s:  # writes are allowed again
        assert s.execute(text("SELECT count(*) FROM review_logs")).scalar() == 3


def test_a_file_that_is_not_a_bank_cannot_be_repaired(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"not a database at all " * 400)
    report = check_url(f"sqlite:///{path}", NOW)
    assert not report.clean and not report.findings[0].repaired
    assert path.read_bytes().startswith(b"not a database")  # never edited in place
