"""Study speed on a synthetic bank of 100,000 cards: picking the next card and recording a
rating (in-process medians), and `dlquiz due` as a whole process against
`python -c "import sqlalchemy.orm"` (interleaved, medians).

The bank: 100,000 note cards, 55% in review with due dates spread over the past 30 and
next 90 days, 5% in learning, 40% new, plus 50,000 review-log rows. Prints one JSON object.
Run: python benchmarks/bench_review.py
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.database import Bank, open_bank
from dlquiz.store.models import CardRow, DeckRow, NoteRow, ReviewLogRow

CARDS = 100_000
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def build(bank: Bank, rng: random.Random) -> None:
    with bank.sessions() as s:
        deck = DeckRow(name="bench", builtin=False, created_at=NOW)
        s.add(deck)
        s.flush()
        s.execute(insert(NoteRow), [
            {"deck_id": deck.id, "key": f"q{i}", "topic": f"t{i % 10}", "number": str(i),
             "title": f"问题 {i}", "answer": "答案。", "references_json": "[]",
             "tags_json": "[]", "practice_json": "[]", "status": "answered",
             "content_hash": f"{i:064d}", "source_path": "/bench.md", "source_line": i,
             "position": i, "created_at": NOW, "updated_at": NOW}
            for i in range(CARDS)])
        cards = []
        for i in range(CARDS):
            roll = rng.random()
            if roll < 0.55:
                last = NOW - timedelta(days=rng.uniform(1, 60))
                state = {"state": 2, "step": None, "stability": rng.uniform(1, 90),
                         "difficulty": rng.uniform(1, 10), "last_review": last,
                         "due": NOW + timedelta(days=rng.uniform(-30, 90))}
            elif roll < 0.60:
                state = {"state": 1, "step": 1, "stability": 2.3, "difficulty": 5.0,
                         "last_review": NOW - timedelta(minutes=20),
                         "due": NOW + timedelta(minutes=rng.uniform(-30, 600))}
            else:
                state = {"state": 0, "step": None, "stability": None, "difficulty": None,
                         "last_review": None, "due": NOW - timedelta(days=1)}
            cards.append({"note_id": i + 1, "reps": 3, "lapses": 0, "suspended": False,
                          "leech": False, "created_at": NOW, **state})
        s.execute(insert(CardRow), cards)
        s.execute(insert(ReviewLogRow), [
            {"card_id": rng.randrange(1, CARDS), "rating": 3,
             "reviewed_at": NOW - timedelta(days=rng.uniform(0, 60)), "before_json": "{}",
             "state_before": 2} for _ in range(CARDS // 2)])
        s.commit()


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def whole_process(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        bank = open_bank(f"sqlite:///{Path(tmp) / 'dlquiz.db'}")
        build(bank, rng)
        clock_now = [NOW]
        service = StudyService(bank, clock=lambda: clock_now[0], zone=UTC,
                               settings=StudySettings(enable_fuzzing=False))
        pick, rate = [], []
        for i in range(60):
            clock_now[0] = NOW + timedelta(seconds=i)
            start = time.perf_counter()
            item = service.next_item()
            pick.append(time.perf_counter() - start)
            assert item is not None
            start = time.perf_counter()
            service.rate(item.card.card_id, 3, duration_ms=1000)
            rate.append(time.perf_counter() - start)
        bank.engine.dispose()

        env = {**os.environ, "DLQUIZ_HOME": tmp}
        due_times, orm_times = [], []
        for _ in range(7):
            due_times.append(whole_process([sys.executable, "-m", "dlquiz", "due"], env))
            orm_times.append(whole_process([sys.executable, "-c", "import sqlalchemy.orm"], env))
    due, orm = statistics.median(due_times), statistics.median(orm_times)
    print(json.dumps({
        "cards": CARDS,
        "next_card_ms": median_ms(pick),
        "rate_ms": median_ms(rate),
        "dlquiz_due_s": round(due, 3),
        "import_sqlalchemy_orm_s": round(orm, 3),
        "due_over_import": round(due / orm, 2),
        "goals": {"next_card_ms": 10, "rate_ms": 10, "due_over_import": 2.0},
    }, indent=2))


if __name__ == "__main__":
    main()
