"""Statistics speed on a generated bank of 100,000 cards and 1,000,000 review-log rows
(three years of study): `dlquiz stats --json` as a whole process (goal 2 s) against
`python -c "import sqlalchemy.orm"` in the same run (interleaved, medians), the same for
`--period all`, and the statistics screen opening, from starting the app to its first
numbers (goal 1 s) and to the whole report drawn.

The bank is a SQLite file in a temporary folder, or with `--db postgresql://user@host:port/name`
the same bank (same rows, same seed) in a new database `name` (default dlquiz_bench) on that
PostgreSQL server, loaded with COPY, vacuumed and analysed, and dropped afterwards unless
`--keep`.

Prints one JSON object. Run: python benchmarks/bench_stats.py [--db URL] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, insert

from dlquiz.store.bank.database import Bank, driver_url, open_bank
from dlquiz.store.schema.models import CardRow, DeckRow, NoteRow
from dlquiz.store.stats.sql import stamp

CARDS = 100_000
REVIEWS = 1_000_000
SECTIONS = 17  # on the statistics screen
DAYS = 3 * 365
# the bank's history ends now (to the hour), since `dlquiz stats` counts on the real clock:
# a fixed date would let the overdue pile up as the calendar moves on
NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
ZONE = ZoneInfo("Asia/Shanghai")


def cards(bank: Bank, rng: random.Random) -> None:
    with bank.sessions() as s:
        deck = DeckRow(name="bench", builtin=False, created_at=NOW)
        s.add(deck)
        s.flush()
        s.execute(insert(NoteRow), [
            {"deck_id": deck.id, "key": f"q{i}", "topic": f"主题 {i % 12}", "number": str(i),
             "title": f"问题 {i}", "answer": "答案。", "references_json": "[]",
             "tags_json": "[]", "practice_json": "[]", "status": "answered",
             "content_hash": f"{i:064d}", "source_path": "/bench.md", "source_line": i,
             "position": i, "created_at": NOW - timedelta(days=rng.uniform(0, DAYS)),
             "updated_at": NOW} for i in range(CARDS)])
        rows = []
        for i in range(CARDS):
            roll = rng.random()
            if roll < 0.7:
                interval = math.exp(rng.uniform(0, 6))
                last = NOW - timedelta(days=rng.uniform(0, interval))
                state = {"state": 2, "stability": interval, "difficulty": rng.uniform(1, 10),
                         "last_review": last, "due": last + timedelta(days=interval)}
            elif roll < 0.75:
                state = {"state": rng.choice([1, 3]), "stability": 1.5, "difficulty": 6.0,
                         "last_review": NOW - timedelta(minutes=30),
                         "due": NOW + timedelta(minutes=rng.uniform(-60, 600))}
            else:
                state = {"state": 0, "stability": None, "difficulty": None,
                         "last_review": None, "due": NOW - timedelta(days=1)}
            rows.append({"note_id": i + 1, "reps": 10, "lapses": rng.randrange(4),
                         "suspended": rng.random() < 0.02, "leech": False, "created_at": NOW,
                         "step": None, **state})
        s.execute(insert(CardRow), rows)
        s.commit()


LOG_COLUMNS = ("card_id, rating, reviewed_at, duration_ms, before_json, state_before, "
               "last_interval, elapsed, retrievability")


def review_row(rng: random.Random) -> tuple[object, ...]:
    """One rating, with the instant in the bank's text form (which PostgreSQL's COPY reads
    as the same UTC timestamp)."""
    at = NOW - timedelta(days=rng.uniform(0, DAYS) ** 1.3 / DAYS ** 0.3)
    before = rng.choices([0, 1, 2, 3], weights=[8, 10, 75, 7])[0]
    interval = None if before == 0 else (
        math.exp(rng.uniform(0, 5.5)) if before == 2 else rng.uniform(0.005, 1.2))
    elapsed = None if interval is None else interval * rng.uniform(0.5, 1.6)
    rating = rng.choices([1, 2, 3, 4], weights=[12, 8, 70, 10])[0]
    recall = None if before == 0 else rng.uniform(0.5, 1.0)
    return (rng.randrange(1, CARDS + 1), rating, stamp(at), rng.randrange(1500, 25000),
            "{}", before, interval, elapsed, recall)


def reviews(path: Path, rng: random.Random) -> None:
    """A million ratings straight through sqlite3 (the ORM would take minutes)."""
    db = sqlite3.connect(path)
    db.executemany(f"INSERT INTO review_logs ({LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (review_row(rng) for _ in range(REVIEWS)))
    db.commit()
    db.execute("ANALYZE")
    db.close()


def pg_reviews(url: str, rng: random.Random) -> None:
    """The same million ratings through psycopg's COPY, then VACUUM ANALYZE (what autovacuum
    would do after such a load: statistics for the planner, a visibility map for index-only
    scans)."""
    import psycopg

    with psycopg.connect(url) as conn:
        with conn.cursor() as cur, cur.copy(f"COPY review_logs ({LOG_COLUMNS}) FROM STDIN") as copy:
            for _ in range(REVIEWS):
                copy.write_row(review_row(rng))
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def pg_database(url: str, *, create: bool) -> str:
    """Create (or drop) the bench database named in `url` (dlquiz_bench if none)."""
    name = urlsplit(url).path.strip("/") or "dlquiz_bench"
    admin = create_engine(driver_url(with_database(url, "postgres")), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if create:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            else:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
    return with_database(url, name)


def whole_process(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


async def screen_opening(url: str) -> tuple[float, float]:
    """From starting the app to the first section drawn (real numbers on the screen), and
    to every section drawn."""
    from dlquiz.stats.service import StatsService
    from dlquiz.tui.app.stats_app import make_stats_app

    bank = open_bank(url)
    service = StatsService(bank, clock=lambda: NOW, zone=ZONE)
    app = make_stats_app(service, "zh")
    start = time.perf_counter()
    first = None
    async with app.run_test(size=(120, 36)) as pilot:
        while True:
            titles = len(app.screen.query(".stats-title"))
            if titles and first is None:
                first = time.perf_counter() - start
            if titles == SECTIONS and getattr(app.screen, "report", None) is not None:
                break
            await pilot.pause(0.01)
        whole = time.perf_counter() - start
    bank.engine.dispose()
    return first or whole, whole


def build(url: str | None, folder: Path) -> str:
    """The bench bank, in a SQLite file in `folder` or in a new database at `url`."""
    rng = random.Random(11)
    bank_url = pg_database(url, create=True) if url else f"sqlite:///{folder / 'dlquiz.db'}"
    bank = open_bank(bank_url)
    cards(bank, rng)
    bank.engine.dispose()
    if url:
        pg_reviews(bank_url, rng)
    else:
        reviews(folder / "dlquiz.db", rng)
    return bank_url


def measure(bank_url: str, folder: Path) -> dict[str, Any]:
    env = {**os.environ, "DLQUIZ_HOME": str(folder), "DLQUIZ_DB": bank_url,
           "TZ": "Asia/Shanghai"}
    stats = [sys.executable, "-m", "dlquiz", "stats", "--json"]
    whole_process(stats, env)  # first run seeds the built-in deck: not measured
    times: dict[str, list[float]] = {"stats": [], "all": [], "orm": []}
    for _ in range(5):
        times["stats"].append(whole_process(stats, env))
        times["all"].append(whole_process([*stats, "--period", "all"], env))
        times["orm"].append(whole_process([sys.executable, "-c", "import sqlalchemy.orm"], env))
    screen = [asyncio.run(screen_opening(bank_url)) for _ in range(5)]
    median = {k: statistics.median(v) for k, v in times.items()}
    return {
        "stats_json_s": round(median["stats"], 3),
        "stats_json_period_all_s": round(median["all"], 3),
        "import_sqlalchemy_orm_s": round(median["orm"], 3),
        "stats_over_import": round(median["stats"] / median["orm"], 2),
        "screen_first_numbers_s": round(statistics.median(s[0] for s in screen), 3),
        "screen_whole_report_s": round(statistics.median(s[1] for s in screen), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="postgresql://user@host:port/name: bench on PostgreSQL")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    args = parser.parse_args()
    if args.db and not args.db.startswith(("postgresql://", "postgres://")):
        parser.error("--db takes a postgresql:// URL (the SQLite bank is the default)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bank_url = build(args.db, folder)
        try:
            found = measure(bank_url, folder)
        finally:
            if args.db and not args.keep:
                pg_database(bank_url, create=False)
    print(json.dumps({
        "backend": "postgresql" if args.db else "sqlite",
        "cards": CARDS, "review_log_rows": REVIEWS, **found,
        "goals": {"stats_json_s": 2.0, "screen_first_numbers_s": 1.0},
    }, indent=2))


if __name__ == "__main__":
    main()
