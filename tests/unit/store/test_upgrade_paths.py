"""A bank written by any earlier schema revision, holding data, opens on both backends: the
upgrade keeps every row, fills the new columns the way each migration promises, and leaves a
bank that `bank check` finds clean and whose history can still be undone."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from dlquiz.store.bank.check import check_url
from dlquiz.store.bank.database import make_engine, open_bank
from dlquiz.store.bank.migrate import SCHEMA_HEAD, current_revision, known_revisions, upgrade
from dlquiz.store.cards.cards import undo_action

EARLIER = sorted(known_revisions() - {SCHEMA_HEAD})
T0 = datetime(2026, 10, 1, 8, 0)  # naive UTC, as the bank stores times
BEFORE = {"state": 1, "step": 0, "stability": None, "difficulty": None,
          "due": T0.replace(tzinfo=UTC).isoformat(), "last_review": None, "reps": 0, "lapses": 0,
          "suspended": False, "leech": False, "buried_until": None}


def write_old_bank(conn: Connection, revision: str) -> None:
    """Rows in the shape schema 0001 defined (every later revision only adds columns with
    defaults and new tables), with booleans and times bound as values so that both
    dialects store them natively."""
    conn.execute(text("INSERT INTO decks (id, name, builtin, created_at) "
                      "VALUES (1, 'mine', :f, :t)"), {"f": False, "t": T0})
    conn.execute(text("INSERT INTO sources (id, deck_id, path, digest, imported_at) "
                      "VALUES (1, 1, '/notes/deck.md', 'abc123', :t)"), {"t": T0})
    for note_id, key in ((1, "001"), (2, "002")):
        conn.execute(text(
            "INSERT INTO notes (id, deck_id, key, topic, number, title, answer, "
            "references_json, tags_json, practice_json, status, content_hash, source_path, "
            "source_line, position, created_at, updated_at) VALUES (:id, 1, :key, '卷积', "
            ":number, :title, '答案', '[]', '[]', '[]', 'answered', :hash, '/notes/deck.md', "
            ":line, :position, :t, :t)"),
            {"id": note_id, "key": key, "number": key, "title": f"问题 {key}", "hash": f"h{key}",
             "line": note_id * 3, "position": note_id, "t": T0})
    conn.execute(text(
        "INSERT INTO cards (id, note_id, skill_kind, state, step, stability, difficulty, due, "
        "last_review, reps, lapses, suspended, leech, buried_until, created_at) VALUES "
        "(1, 1, NULL, 2, NULL, 3.5, 5.1, :due, :t, 1, 0, :f, :f, NULL, :t), "
        "(2, 2, NULL, 0, 0, NULL, NULL, :t, NULL, 0, 0, :f, :f, NULL, :t), "
        "(3, NULL, 'conv_output_shape', 0, 0, NULL, NULL, :t, NULL, 0, 0, :f, :f, NULL, :t)"),
        {"t": T0, "due": T0 + timedelta(days=3), "f": False})
    conn.execute(text(
        "INSERT INTO review_logs (id, card_id, rating, reviewed_at, duration_ms, answer, "
        "correct, question_id, before_json) VALUES (1, 1, 3, :t, 4200, NULL, NULL, NULL, "
        ":before)"), {"t": T0 + timedelta(hours=1), "before": json.dumps(BEFORE)})
    conn.execute(text(
        "INSERT INTO attempts (id, question_id, kind, difficulty, answer, correct, score, "
        "diagnosis, answered_at, duration_ms) VALUES (1, 'conv_output_shape:2:7', "
        "'conv_output_shape', 2, '13', :y, 1.0, NULL, :t, 9000)"),
        {"y": True, "t": T0 + timedelta(hours=2)})
    if revision >= "0003":  # from 0003 on, every rating is journaled as it is written
        conn.execute(text("INSERT INTO actions (id, kind, created_at, review_log_id, "
                          "before_json) VALUES (1, 'rate', :t, 1, :journal)"),
                     {"t": T0 + timedelta(hours=1), "journal": json.dumps([[1, BEFORE]])})
    conn.execute(text("INSERT INTO meta (key, value) VALUES ('content_stamp', 'old')"))
    if conn.dialect.name == "postgresql":  # explicit ids do not move PostgreSQL's sequences
        tables = ["decks", "sources", "notes", "cards", "review_logs", "attempts"]
        for table in tables + (["actions"] if revision >= "0003" else []):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                              f"(SELECT max(id) FROM {table}))"))


def rows(conn: Connection, sql: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in conn.execute(text(sql))]


@pytest.mark.parametrize("revision", EARLIER)
def test_a_bank_from_an_earlier_revision_upgrades_with_its_data(
        bank_url: str, tmp_path: Path, revision: str) -> None:
    engine = make_engine(bank_url)
    upgrade(engine, revision)
    with engine.begin() as conn:
        write_old_bank(conn, revision)
    engine.dispose()

    bank = open_bank(bank_url, now=datetime(2026, 11, 28, tzinfo=UTC))
    assert current_revision(bank.engine) == SCHEMA_HEAD
    with bank.engine.connect() as conn:
        assert rows(conn, "SELECT id, note_id, skill_kind, state, reps, version FROM cards "
                          "ORDER BY id") == [(1, 1, None, 2, 1, 0), (2, 2, None, 0, 0, 0),
                                             (3, None, "conv_output_shape", 0, 0, 0)]
        assert rows(conn, "SELECT id, key, title FROM notes ORDER BY id") == [
            (1, "001", "问题 001"), (2, "002", "问题 002")]
        assert rows(conn, "SELECT card_id, rating, duration_ms, state_before "
                          "FROM review_logs") == [(1, 3, 4200, 0)]
        assert rows(conn, "SELECT kind, answer, correct FROM attempts") == [
            ("conv_output_shape", "13", True)]
        # 0003 journals the old ratings so they stay undoable
        assert rows(conn, "SELECT kind, review_log_id FROM actions") == [("rate", 1)]
        # 0007: a card action keeps its journal in before_json, with no rows beside it
        assert rows(conn, "SELECT rows_json FROM actions") == [(None,)]
        # 0005 makes the next import read every source again (to find follow-ups)
        digest = "read-again" if revision < "0005" else "abc123"
        assert rows(conn, "SELECT digest FROM sources") == [(digest,)]
        reviewed = conn.execute(text("SELECT reviewed_at FROM review_logs")).scalar()
        assert str(reviewed)[:19] == "2026-10-01 09:00:00"  # a string on SQLite
    bank.engine.dispose()

    report = check_url(bank_url, datetime(2026, 11, 28, tzinfo=UTC), repair=False)
    assert report.clean, report.findings

    bank = open_bank(bank_url)
    undone = undo_action(bank)  # the rating written under the old schema
    assert undone is not None and undone.card_ids == (1,)
    with bank.engine.connect() as conn:
        assert rows(conn, "SELECT state, reps, version FROM cards WHERE id = 1") == [(1, 0, 1)]
        assert rows(conn, "SELECT count(*) FROM review_logs") == [(0,)]
    bank.engine.dispose()


def test_every_revision_is_tested() -> None:
    """A new migration joins the list above by itself; this guards the list's source."""
    assert [f"{n:04d}" for n in range(1, int(SCHEMA_HEAD))] == EARLIER
