"""Interrupted schema changes: a process SIGKILLed at every statement of the first open of a
new bank, and of the upgrade of a bank holding data from each earlier revision, leaves a
bank the next command opens and upgrades, with every row kept and `bank check` clean."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dlquiz.store.bank.migrate import SCHEMA_HEAD

DRIVER = Path(__file__).with_name("fault_driver.py")
REPO = Path(__file__).resolve().parents[2]


def sweep(scenario: str, folder: Path) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, str(DRIVER), scenario, str(folder)], env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert lines[-1] == {"done": len(lines) - 1, "head": SCHEMA_HEAD}
    return lines[:-1]


def assert_every_kill_recovered(results: list[dict[str, object]]) -> None:
    assert all(r["killed"] for r in results[:-1]) and not results[-1]["killed"]
    for result in results:
        assert result["revision"] == SCHEMA_HEAD, result
        assert result["findings"] == [], result


def test_killed_first_open_at_every_statement(tmp_path: Path) -> None:
    results = sweep("first-open", tmp_path)
    assert len(results) >= 40  # schema, built-in deck, skill cards, stamp: all swept
    assert_every_kill_recovered(results)
    assert all(r["backups"] == 0 for r in results)  # a new bank has nothing to back up


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_killed_upgrade_at_every_statement(tmp_path: Path, revision: str) -> None:
    results = sweep(f"upgrade-from-{revision}", tmp_path)
    assert len(results) >= 8
    assert_every_kill_recovered(results)
    for result in results:
        assert result["data_kept"], result
        assert result["actions"] == result["logs"] == 10, result  # old ratings stay undoable
        assert result["backups"] == 1, result  # one copy, however often it was retried
