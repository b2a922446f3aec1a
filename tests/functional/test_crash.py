"""Crash safety: a process rating cards through the CLI is SIGKILLed at random points (after
a random number of confirmed ratings, counted on its output, so a slow machine only makes
the test slower, never wrong); every confirmed rating must be in the bank, every card's
reps must equal its review-log rows, and SQLite must report no damage."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select, text

from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.schema.models import CardRow, ReviewLogRow

DRIVER = Path(__file__).with_name("crash_driver.py")
REPO = Path(__file__).resolve().parents[2]


def run_until_killed(env: dict[str, str], confirmed: int) -> list[dict[str, object]]:
    """Start the driver, SIGKILL it once it has confirmed `confirmed` ratings (it is then in
    the middle of its next one), and return every rating it confirmed."""
    proc = subprocess.Popen([sys.executable, str(DRIVER)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=REPO, text=True)
    stdout = proc.stdout
    assert stdout is not None  # stdout=PIPE above
    lines: list[str] = []
    while len(lines) < confirmed:
        line = stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "the driver stopped"
        lines.append(line)
    proc.send_signal(signal.SIGKILL)
    lines.extend(stdout.read().splitlines())
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    return [json.loads(line) for line in lines if line.strip()]


def test_confirmed_ratings_survive_sigkill(bank_home: Path, tmp_path: Path) -> None:
    notes = tmp_path / "crash.md"
    notes.write_text("\n".join(f"## {i:03d} 问题 {i}\n\n答案 {i}。\n" for i in range(1, 60)),
                     encoding="utf-8")
    env = {**os.environ, "DLQUIZ_HOME": str(bank_home), "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "dlquiz", "import", str(notes)], env=env, check=True,
                   capture_output=True)
    rng = random.Random(20261128)
    confirmed: Counter[int] = Counter()
    for _ in range(4):
        for rating in run_until_killed(env, confirmed=rng.randint(3, 12)):
            confirmed[int(rating["card"])] += 1  # type: ignore[call-overload]
    bank = open_bank(resolve_url())
    with bank.sessions() as s:
        stored = Counter(dict(s.execute(select(ReviewLogRow.card_id, func.count())
                                        .group_by(ReviewLogRow.card_id)).all()))
        reps = dict(s.execute(select(CardRow.id, CardRow.reps)).all())
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    assert all(reps[card] == count for card, count in stored.items())
    for card, count in confirmed.items():
        # every confirmed rating is stored; at most one more per kill was committed but
        # not yet printed when the process died
        assert stored[card] >= count
    assert sum(stored.values()) - sum(confirmed.values()) <= 4
