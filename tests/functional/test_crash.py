"""Crash safety: a process rating cards through the CLI is SIGKILLed at random points;
every rating it had confirmed must be in the bank, and SQLite must report no damage."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select, text

from dlquiz.store.database import open_bank
from dlquiz.store.location import resolve_url
from dlquiz.store.models import ReviewLogRow

DRIVER = Path(__file__).with_name("crash_driver.py")
REPO = Path(__file__).resolve().parents[2]


def run_until_killed(env: dict[str, str], after: float) -> list[dict[str, object]]:
    """Start the driver, SIGKILL it `after` seconds later, return what it confirmed."""
    proc = subprocess.Popen([sys.executable, str(DRIVER)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=REPO, text=True)
    stdout = proc.stdout
    assert stdout is not None  # stdout=PIPE above
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(stdout.readline, "")))
    reader.start()
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join()
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
        for rating in run_until_killed(env, after=rng.uniform(2.0, 4.5)):
            confirmed[int(rating["card"])] += 1  # type: ignore[call-overload]
    assert sum(confirmed.values()) >= 20, f"only {sum(confirmed.values())} ratings confirmed"
    bank = open_bank(resolve_url())
    with bank.sessions() as s:
        stored = Counter(dict(s.execute(select(ReviewLogRow.card_id, func.count())
                                        .group_by(ReviewLogRow.card_id)).all()))
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    for card, count in confirmed.items():
        # every confirmed rating is stored; at most one more per kill was committed but
        # not yet printed when the process died
        assert stored[card] >= count
    assert sum(stored.values()) - sum(confirmed.values()) <= 4
