"""Kill-at-statement-k sweeps for test_faults.py, run in a subprocess of the test.

For each k, a forked child installs a SQLAlchemy `before_cursor_execute` hook that SIGKILLs
the child when statement k is about to run, then performs the operation under test (the
first open of a new bank, or an upgrade of a bank holding data). The parent then opens the
bank the way the next command would and runs `bank check`; it prints one JSON line per k.
Forking keeps the imports (a second each) out of the loop.

Usage: python fault_driver.py SCENARIO DIRECTORY
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import sqlite3
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text

from dlquiz.srs.setup import open_study_bank
from dlquiz.store.bank.check import check_url
from dlquiz.store.bank.database import make_engine, open_bank
from dlquiz.store.bank.migrate import SCHEMA_HEAD, current_revision, upgrade

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def kill_at(k: int) -> None:
    """Die (SIGKILL, no cleanup) just before the k-th statement of this process."""
    seen = 0

    def hook(*_args: Any) -> None:
        nonlocal seen
        seen += 1
        if seen == k:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "before_cursor_execute", hook)


def old_bank(path: Path, revision: str) -> None:
    """A bank at `revision` holding a deck, notes, cards and review logs."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, revision)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO decks (id, name, builtin, created_at) "
                          "VALUES (1, 'old', 0, '2026-01-01 00:00:00')"))
        for i in range(1, 6):
            conn.execute(text(
                "INSERT INTO notes (id, deck_id, key, title, answer, references_json, "
                "tags_json, practice_json, status, content_hash, position, created_at, "
                "updated_at) VALUES (:i, 1, :k, :t, 'a', '[]', '[]', '[]', 'answered', 'h', "
                ":i, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"),
                {"i": i, "k": f"q{i}", "t": f"q{i}"})
            conn.execute(text(
                "INSERT INTO cards (id, note_id, state, due, reps, lapses, suspended, leech, "
                "created_at, stability, difficulty, last_review) VALUES (:i, :i, 2, "
                "'2026-02-01 00:00:00', 2, 0, 0, 0, '2026-01-01 00:00:00', 3.0, 5.0, "
                "'2026-01-20 00:00:00')"), {"i": i})
            for r in range(2):
                extra = ", state_before" if revision >= "0002" else ""
                value = ", 0" if revision >= "0002" else ""
                before = '{"state": 0, "due": "2026-01-01T00:00:00+00:00"}'
                conn.execute(text(
                    f"INSERT INTO review_logs (card_id, rating, reviewed_at, before_json{extra})"
                    f" VALUES (:i, 3, :t, :b{value})"),
                    {"i": i, "t": f"2026-01-{10 + r} 00:00:00", "b": before})
    engine.dispose()


def counts(path: Path) -> dict[str, int]:
    """Rows per table, read without opening (and so upgrading) the bank."""
    conn = sqlite3.connect(path)
    try:
        tables = {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("cards", "review_logs", "actions") if table in tables}
    finally:
        conn.close()


def run_child(action: Callable[[], None], k: int) -> bool:
    """True if the child was killed at statement k (False: it finished before k)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into the parent's code
        try:
            kill_at(k)
            action()
            os._exit(0)
        except BaseException:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return True
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return False
    raise SystemExit(f"child at k={k} failed with status {status}")


def operation(scenario: str, url: str) -> None:
    if scenario == "first-open":
        open_study_bank(url, now=NOW)
    else:
        open_bank(url, now=NOW).engine.dispose()


def sweep(scenario: str, root: Path) -> None:
    template = root / "template.db"
    if scenario != "first-open":
        old_bank(template, scenario.removeprefix("upgrade-from-"))
    expected = counts(template) if template.exists() else None
    import dlquiz.notes.parser  # noqa: F401  (loaded once here, inherited by every child)
    import engine.questions  # noqa: F401
    k = 1
    while True:
        case = root / f"k{k}"
        case.mkdir()
        path = case / "bank.db"
        if template.exists():
            shutil.copy(template, path)
        url = f"sqlite:///{path}"
        killed = run_child(functools.partial(operation, scenario, url), k)
        bank = open_study_bank(url, now=NOW + timedelta(minutes=1))  # the next command
        revision = current_revision(bank.engine)
        bank.engine.dispose()
        report = check_url(url, NOW + timedelta(minutes=2))
        result: dict[str, Any] = {"k": k, "killed": killed, "revision": revision,
                                  "findings": [f.problem for f in report.findings],
                                  "backups": len(list(case.glob("bank.db.bak-*")))}
        if expected is not None:
            now_counts = counts(path)
            result["data_kept"] = (now_counts["review_logs"] == expected["review_logs"]
                                   and now_counts["cards"] >= expected["cards"])
            result["actions"] = now_counts["actions"]
            result["logs"] = now_counts["review_logs"]
        print(json.dumps(result), flush=True)
        shutil.rmtree(case)
        if not killed:
            break
        k += 1
    print(json.dumps({"done": k, "head": SCHEMA_HEAD}), flush=True)


if __name__ == "__main__":
    sweep(sys.argv[1], Path(sys.argv[2]))
