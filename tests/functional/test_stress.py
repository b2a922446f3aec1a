"""Four processes, two hundred random actions each, one bank (a SQLite file, then a database on
a PostgreSQL server): rating, undoing, suspending, burying, importing the same deck, taking
exams. Nothing may be lost or applied twice, and `bank check` must find the bank clean.

What each process did is reported by the process (stress_driver.py); the bank must agree:
every rating that was recorded and not undone is one review-log row, every card's reps equal
its rows, every journaled action that was not undone is still in the journal, every exam
built is there and submitted, and the shared deck holds each question once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from dlquiz.store.bank.check import check_url
from dlquiz.store.bank.database import open_bank
from dlquiz.store.schema.models import ActionRow, CardRow, DeckRow, ExamRow, NoteRow, ReviewLogRow

from .stress_driver import NOTES

DRIVER = Path(__file__).with_name("stress_driver.py")
REPO = Path(__file__).resolve().parents[2]
PROCESSES = 4
ACTIONS = 200


def run_workers(url: str, folder: Path) -> Counter[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    workers = [subprocess.Popen([sys.executable, str(DRIVER), url, str(folder), str(seed),
                                 str(ACTIONS)], env=env, text=True, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for seed in range(1, PROCESSES + 1)]
    for worker in workers:  # wait until every process has opened the bank ...
        assert worker.stdout is not None
        line = worker.stdout.readline().strip()
        assert line == "ready", worker.communicate()[1]
    for worker in workers:  # ... then let them all go at once
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    total: Counter[str] = Counter()
    for worker in workers:
        out, err = worker.communicate(timeout=900)
        assert worker.returncode == 0, err
        total.update(json.loads(out.strip().splitlines()[-1]))
    return total


def test_four_processes_lose_nothing(bank_url: str, tmp_path: Path) -> None:
    open_bank(bank_url).engine.dispose()  # created once, as the first machine would
    done = run_workers(bank_url, tmp_path)
    assert done["tried_rate"] + done["tried_undo"] + done["tried_import"] > 0
    assert done["rates"] > 50 and done["undos"] > 10 and done["exams"] > 5, done

    bank = open_bank(bank_url)
    with bank.read() as s:
        logs = s.scalar(select(func.count()).select_from(ReviewLogRow))
        assert logs == done["rates"] - done["undone_rates"], done
        reps = s.scalar(select(func.coalesce(func.sum(CardRow.reps), 0)))
        assert reps == logs
        mismatched = s.scalar(select(func.count()).select_from(CardRow).where(
            CardRow.reps != select(func.count()).where(ReviewLogRow.card_id == CardRow.id)
            .scalar_subquery()))
        assert mismatched == 0
        actions = s.scalar(select(func.count()).select_from(ActionRow))
        assert actions == done["journaled"] - done["undos"], done
        exams = s.scalars(select(ExamRow.submitted_at)).all()
        assert len(exams) == done["exams"] == done["submitted"]
        assert all(when is not None for when in exams)
        deck = s.scalar(select(DeckRow.id).where(DeckRow.name == "shared"))
        keys = s.scalars(select(NoteRow.key).where(NoteRow.deck_id == deck,
                                                   NoteRow.retired_at.is_(None))).all()
        assert len(keys) == len(set(keys)) == NOTES  # each question once
        note_cards = s.scalar(select(func.count()).select_from(CardRow).join(
            NoteRow, CardRow.note_id == NoteRow.id).where(NoteRow.deck_id == deck))
        assert note_cards == NOTES  # one card per question, however many imports raced
    bank.engine.dispose()

    report = check_url(bank_url, datetime.now(UTC), repair=False)
    assert report.clean, report.findings
    print(f"\n{bank_url.split(':')[0]}: {dict(sorted(done.items()))}")
