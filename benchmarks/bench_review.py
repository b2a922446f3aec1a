"""Study speed on 100,000 note cards (10,000 due reviews, 300 learning, the rest new) and
5,000 follow-up cards (new; half under questions reviewed long ago, so they may be studied,
half under new questions, so they wait), in-process medians for each branch of the queue as
a session meets it:

- learning: the next card while learning cards are due (they come first);
- review: the next card once the learning cards are done, while reviews are due;
- followup: the next card once no review is due and the first new cards in question order
  are follow-ups whose questions were reviewed on an earlier day (so they may be studied);
- new: the next card once those follow-ups are buried too (new note cards by number);
- counts: the new / learning / due line the study screen shows above every card;
- rate: recording a rating.

Plus `dlquiz due` as a whole process against `python -c "import sqlalchemy.orm"`
(interleaved, medians). Prints one JSON object. Run: python benchmarks/bench_review.py
(a SQLite file in a temporary folder), or with `--db postgresql://user@host/dbname` on a
PostgreSQL server: the database is created for the run and dropped afterwards (an existing
one must be empty, and is left holding the bench bank).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from installed_bytecode import write_bytecode
from sqlalchemy import create_engine, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from dlquiz.srs.service import StudyItem, StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank.database import Bank, driver_url, open_bank
from dlquiz.store.schema.models import CardRow, DeckRow, FollowUpRow, NoteRow, ReviewLogRow

CARDS = 100_000
FOLLOWUPS = 5_000
DUE_REVIEWS = 10_000
LEARNING = 300
FUTURE_REVIEWS = 20_000
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
PICKS = 40


def build(bank: Bank, rng: random.Random) -> None:
    """Notes 1..CARDS; the first DUE_REVIEWS cards are due reviews, the next LEARNING are
    learning cards due in an hour, the next FUTURE_REVIEWS reviews due later, the rest new."""
    with bank.write() as s:
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
            if i < DUE_REVIEWS + LEARNING + FUTURE_REVIEWS and not (
                    DUE_REVIEWS <= i < DUE_REVIEWS + LEARNING):
                due = (NOW - timedelta(days=rng.uniform(0.01, 30)) if i < DUE_REVIEWS
                       else NOW + timedelta(days=rng.uniform(2, 90)))
                state = {"state": 2, "step": None, "stability": rng.uniform(1, 90),
                         "difficulty": rng.uniform(1, 10),
                         "last_review": NOW - timedelta(days=rng.uniform(31, 60)), "due": due,
                         "reps": 3}
            elif i < DUE_REVIEWS + LEARNING:
                state = {"state": 1, "step": 1, "stability": 2.3, "difficulty": 5.0,
                         "last_review": NOW - timedelta(minutes=20), "reps": 1,
                         "due": NOW + timedelta(hours=1, minutes=rng.uniform(0, 30))}
            else:
                state = {"state": 0, "step": None, "stability": None, "difficulty": None,
                         "last_review": None, "due": NOW - timedelta(days=1), "reps": 0}
            cards.append({"note_id": i + 1, "lapses": 0, "suspended": False, "leech": False,
                          "created_at": NOW, "version": 0, **state})
        s.execute(insert(CardRow), cards)
        s.execute(insert(ReviewLogRow), [
            {"card_id": c, "rating": 3, "reviewed_at": NOW - timedelta(days=40 + r),
             "before_json": "{}", "state_before": 2}
            for c in range(1, DUE_REVIEWS + 1) for r in range(3)])
        followups(s)


def followups(s: Session) -> None:
    """FOLLOWUPS new follow-up cards: under the first due reviews (their questions were
    reviewed long ago: the follow-ups may be studied) and under the last new notes (never
    reviewed: the follow-ups wait), so every queue query tests follow-ups too."""
    half = FOLLOWUPS // 2
    parents = [*range(1, half + 1), *range(CARDS - (FOLLOWUPS - half) + 1, CARDS + 1)]
    s.execute(insert(FollowUpRow), [
        {"note_id": n, "key": f"f{n}", "question": "追问？", "answer": "答。", "line": None,
         "position": 0, "created_at": NOW, "updated_at": NOW} for n in parents])
    s.execute(insert(CardRow), [
        {"note_id": note_id, "followup_id": followup_id, "state": 0, "step": None,
         "stability": None, "difficulty": None, "last_review": None,
         "due": NOW - timedelta(days=1), "reps": 0, "lapses": 0, "suspended": False,
         "leech": False, "created_at": NOW, "version": 0}
        for followup_id, note_id in s.execute(select(FollowUpRow.id, FollowUpRow.note_id))])


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def timed(fn: Callable[[], object], samples: list[float]) -> object:
    start = time.perf_counter()
    result = fn()
    samples.append(time.perf_counter() - start)
    return result


def session(bank: Bank, at: datetime, queue: str, kind: str = "note") -> dict[str, float]:
    """PICKS cards of one queue branch (`kind`: note or followup cards), rated Good; the
    medians of picking, counting and rating (a fresh service: the first pick pays for
    building anything it caches)."""
    clock = [at]
    service = StudyService(bank, clock=lambda: clock[0], zone=UTC,
                           settings=StudySettings(enable_fuzzing=False, new_per_day=9999))
    pick: list[float] = []
    count: list[float] = []
    rate: list[float] = []
    for i in range(PICKS):
        clock[0] = at + timedelta(seconds=i)
        item = timed(service.next_item, pick)
        assert isinstance(item, StudyItem) and item.card.queue == queue, (queue, item)
        assert item.card.type == kind, (kind, item)
        timed(service.counts, count)
        timed(functools.partial(service.rate, item.card.card_id, 3, duration_ms=1000), rate)
    return {"next_card_ms": median_ms(pick), "first_pick_ms": round(pick[0] * 1000, 1),
            "counts_ms": median_ms(count), "rate_ms": median_ms(rate)}


def whole_process(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


@contextlib.contextmanager
def server_database(url: str) -> Iterator[str]:
    """The database `url` names, created for the run (and dropped after it) if missing."""
    target = make_url(driver_url(url))
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = target.database
    with admin.connect() as conn:
        exists = conn.exec_driver_sql("SELECT 1 FROM pg_database WHERE datname = %s",
                                      (name,)).first()
        if not exists:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url
    finally:
        if not exists:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def analyse(bank: Bank) -> None:
    """Fresh planner statistics on PostgreSQL after a bulk change, as the server's
    autoanalyze gives them within a minute: the bench measures what a user meets, not the
    minute after a bulk update no user makes."""
    if bank.engine.dialect.name == "postgresql":
        with bank.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()


def run(url: str, home: str) -> dict[str, object]:
    rng = random.Random(7)
    bank = open_bank(url)
    build(bank, rng)
    analyse(bank)  # what `bank copy` does after filling a bank
    results: dict[str, object] = {
        "learning": session(bank, NOW + timedelta(hours=2), "learning"),
        "review": session(bank, NOW, "review")}
    with bank.write() as s:  # every review done for today: the new cards are next
        s.execute(update(CardRow).where(CardRow.state == 2, CardRow.due < NOW
                                        + timedelta(days=1))
                  .values(due=NOW + timedelta(days=5)))
    analyse(bank)  # the server's autoanalyze would within a minute of a change this size
    results["followup"] = session(bank, NOW, "new", "followup")  # under questions 1..2,500
    with bank.write() as s:  # the follow-ups buried for today: new note cards are next
        s.execute(update(CardRow).where(CardRow.followup_id.is_not(None))
                  .values(buried_until=NOW + timedelta(days=1)))
    analyse(bank)
    results["new"] = session(bank, NOW, "new")
    bank.engine.dispose()
    env = {**os.environ, "DLQUIZ_HOME": home, "DLQUIZ_DB": url}
    due_times, orm_times = [], []
    for _ in range(7):
        due_times.append(whole_process([sys.executable, "-m", "dlquiz", "due"], env))
        orm_times.append(whole_process([sys.executable, "-c", "import sqlalchemy.orm"], env))
    due, orm = statistics.median(due_times), statistics.median(orm_times)
    return {**results, "dlquiz_due_s": round(due, 3), "import_sqlalchemy_orm_s": round(orm, 3),
            "due_over_import": round(due / orm, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a postgresql:// URL (default: a SQLite file)")
    db = parser.parse_args().db
    write_bytecode()  # as `pip install .` does: `dlquiz due` is timed as a whole process
    with tempfile.TemporaryDirectory() as tmp:
        if db:
            with server_database(db) as url:
                results = run(url, tmp)
        else:
            results = run(f"sqlite:///{Path(tmp) / 'dlquiz.db'}", tmp)
    print(json.dumps({
        "backend": make_url(db).get_backend_name() if db else "sqlite",
        "cards": CARDS, "followup_cards": FOLLOWUPS, "due_reviews": DUE_REVIEWS,
        "learning": LEARNING, **results,
        "goals": {"first_pick_ms": 200, "next_card_ms": 10, "counts_ms": 10, "rate_ms": 10,
                  "due_over_import": 1.3},
    }, indent=2))


if __name__ == "__main__":
    main()
