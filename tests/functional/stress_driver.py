"""One of several processes hammering one bank with random actions (test_stress.py).

It prints `ready`, waits for a line on stdin (so that every process starts at once, the first
imports racing each other), then performs `count` random actions: rating (the next card, or
any card by id as `review rate` allows), undoing the newest action, suspending, unsuspending,
burying, importing the shared deck (whose file another process may just have rewritten),
taking a small exam. A refusal (a card changed since it was read, the undo target moved) is
an expected outcome; any other exception fails the process. Finally it prints one JSON line
with what it did, which the test checks against the bank.

Usage: python stress_driver.py BANK_URL NOTES_DIR SEED COUNT
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

from dlquiz.exams.service import ExamService
from dlquiz.exams.spec import ExamSpec
from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.errors import BankBusyError, StaleCardError

NOTES = 30
VARIANTS = 3
ACTIONS = ["rate"] * 8 + ["undo"] * 3 + ["suspend", "unsuspend", "bury", "import", "exam"]


def deck_text(variant: int) -> str:
    """The shared deck as one machine or another last saved it: same questions, the answers
    worded differently."""
    return "\n".join(f"## {i:03d} 问题 {i}\n\n答案 {i}（第 {variant} 版）。\n"
                     for i in range(1, NOTES + 1))


def save_deck(folder: Path, variant: int, tag: str) -> Path:
    """Rewrite the shared file atomically, as an editor does (no torn reads)."""
    path = folder / "shared.md"
    scratch = folder / f".shared.{tag}.tmp"
    scratch.write_text(deck_text(variant), encoding="utf-8")
    os.replace(scratch, path)
    return path


class Worker:
    def __init__(self, bank: Bank, folder: Path, seed: int) -> None:
        self.bank = bank
        self.folder = folder
        self.rng = random.Random(seed)
        self.tag = str(seed)
        self.study = StudyService(bank, settings=StudySettings(new_per_day=1000))
        self.exams = ExamService(bank)
        self.done: Counter[str] = Counter()

    def card_ids(self) -> list[int]:
        from sqlalchemy import select

        from dlquiz.store.schema.models import CardRow
        with self.bank.read() as session:
            return list(session.scalars(select(CardRow.id).where(CardRow.note_id.is_not(None))))

    def act(self, action: str) -> None:
        getattr(self, f"do_{action}")()

    def do_import(self) -> None:
        path = save_deck(self.folder, self.rng.randrange(VARIANTS), self.tag)
        report = import_paths(self.bank, [path])
        self.done["imports"] += 1
        # an import that changed the deck is one entry of the undo journal
        self.done["journaled"] += bool(report.added or report.updated or report.retired)

    def do_rate(self) -> None:
        item = self.study.next_item() if self.rng.random() < 0.6 else None
        rating = self.rng.choice((1, 2, 3, 3, 4))
        if item is not None:
            card_id, version = item.card.card_id, item.card.version
            answer = "1" if item.card.skill_kind else None
        else:
            ids = self.card_ids()
            if not ids:
                return
            card_id = self.rng.choice(ids)
            version, answer = self.study.card(card_id).version, None
        self.study.rate(card_id, rating, answer=answer, expected_version=version)
        self.done["rates"] += 1
        self.done["journaled"] += 1

    def do_undo(self) -> None:
        last = self.study.last_action()
        if last is None:
            return
        undone = self.study.undo(last.id)
        if undone is not None:
            self.done["undos"] += 1
            self.done["undone_rates"] += undone.kind == "rate"

    def _change(self, name: str) -> None:
        ids = self.card_ids()
        if not ids:
            return
        card_id = self.rng.choice(ids)
        version = self.study.card(card_id).version
        changed = getattr(self.study, name)(card_id, expected_version=version)
        self.done["journaled"] += bool(changed)

    def do_suspend(self) -> None:
        self._change("suspend")

    def do_unsuspend(self) -> None:
        self._change("unsuspend")

    def do_bury(self) -> None:
        ids = self.card_ids()
        if not ids:
            return
        card_id = self.rng.choice(ids)
        before = self.study.card(card_id)
        until = self.study.bury(card_id, expected_version=before.version)
        self.done["journaled"] += before.buried_until != until

    def do_exam(self) -> None:
        if not self.card_ids():
            return
        exam = self.exams.build(ExamSpec(items=4, computational=0.5, minutes=5,
                                         seed=self.rng.randrange(10**6)))
        self.done["exams"] += 1
        self.exams.answer(exam.id, 1, "42")
        self.exams.submit(exam.id)
        self.done["submitted"] += 1


def main() -> None:
    url, folder, seed, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    worker = Worker(open_bank(url), folder, seed)
    print("ready", flush=True)
    sys.stdin.readline()
    worker.do_import()  # every process starts by importing the deck: the imports race
    for _ in range(count):
        action = worker.rng.choice(ACTIONS)
        try:
            worker.act(action)
        except StaleCardError:
            worker.done["refused"] += 1
        except BankBusyError:
            worker.done["busy"] += 1
        worker.done[f"tried_{action}"] += 1
    worker.bank.engine.dispose()
    print(json.dumps(dict(worker.done)), flush=True)


if __name__ == "__main__":
    main()
