"""Read-modify-write under concurrency: a command paused between reading a card (or the
last action) and writing, while a second process changes it. The paused one must be
refused, and afterwards every card's reps equals its review-log rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dlquiz.store.bank.check import check_url
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.schema.models import CardRow, ReviewLogRow

DRIVER = Path(__file__).with_name("pause_driver.py")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(bank_home: Path, tmp_path: Path) -> Iterator[dict[str, str]]:
    notes = tmp_path / "deck.md"
    notes.write_text("\n".join(f"## {i:03d} 问题 {i}\n\n答案 {i}。\n" for i in range(1, 6)),
                     encoding="utf-8")
    environment = {**os.environ, "DLQUIZ_HOME": str(bank_home), "PYTHONPATH": str(REPO)}
    dlquiz("import", str(notes), env=environment)
    yield environment


def dlquiz(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dlquiz", *args], env=env, text=True,
                          capture_output=True, timeout=120)


def first_card(env: dict[str, str]) -> int:
    shown = json.loads(dlquiz("review", "next", "--notes-only", "--json", env=env).stdout)
    return int(shown["id"])


def race(paused_args: list[str], competitor: list[str],
         env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], tuple[int, str]]:
    """Run `paused_args` up to its first write, then `competitor` to the end, then resume the
    first; returns the competitor's result and the paused one's (exit code, stderr)."""
    paused = subprocess.Popen([sys.executable, str(DRIVER), *paused_args], env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    assert paused.stdout is not None and paused.stdin is not None
    assert paused.stdout.readline().strip() == "paused"  # an event, not a timer
    other = dlquiz(*competitor, env=env)
    _, err = paused.communicate("\n", timeout=120)
    return other, (paused.returncode, err)


def invariant_holds() -> tuple[int, int]:
    bank = open_bank(resolve_url())
    with bank.read() as s:
        reps = int(s.scalar(select(func.sum(CardRow.reps))) or 0)
        logs = int(s.scalar(select(func.count()).select_from(ReviewLogRow)) or 0)
        bad = s.scalar(select(func.count()).select_from(CardRow).where(
            CardRow.reps != select(func.count()).where(ReviewLogRow.card_id == CardRow.id)
            .scalar_subquery()))
    bank.engine.dispose()
    assert bad == 0 and reps == logs
    assert check_url(resolve_url(), __import__("datetime").datetime.now().astimezone()).clean
    return reps, logs


def test_rate_against_rate(env: dict[str, str]) -> None:
    card = str(first_card(env))
    other, (code, err) = race(["review", "rate", card, "good"],
                              ["review", "rate", card, "good"], env)
    assert other.returncode == 0, other.stderr
    assert code == 2 and "changed by another dlquiz process" in err
    assert err.count("\n") == 1  # one sentence, no traceback
    assert invariant_holds() == (1, 1)


def test_undo_against_undo(env: dict[str, str]) -> None:
    card = str(first_card(env))
    assert dlquiz("review", "rate", card, "again", env=env).returncode == 0
    assert dlquiz("review", "rate", card, "good", env=env).returncode == 0
    other, (code, err) = race(["undo"], ["undo"], env)
    assert other.returncode == 0 and "undid 'good'" in other.stdout
    assert code == 2 and "nothing was changed" in err
    assert invariant_holds() == (1, 1)  # exactly one of the two undos was applied


def test_undo_against_rate(env: dict[str, str]) -> None:
    card = str(first_card(env))
    assert dlquiz("review", "rate", card, "again", env=env).returncode == 0
    other, (code, err) = race(["undo"], ["review", "rate", card, "good"], env)
    assert other.returncode == 0 and code == 2, err
    assert invariant_holds() == (2, 2)  # the undo did not remove the rating it never saw


def test_rate_against_undo(env: dict[str, str]) -> None:
    card = str(first_card(env))
    assert dlquiz("review", "rate", card, "again", env=env).returncode == 0
    other, (code, err) = race(["review", "rate", card, "good"], ["undo"], env)
    assert other.returncode == 0 and code == 2, err
    assert invariant_holds() == (0, 0)
    bank = open_bank(resolve_url())
    with bank.read() as s:
        row = s.get(CardRow, int(card))
        assert row is not None and (row.state, row.stability) == (0, None)  # back to new
    bank.engine.dispose()
