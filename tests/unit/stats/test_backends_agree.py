"""The statistics give the same report on SQLite and PostgreSQL: a bank with two months of
study made by the scheduler itself (note and skill cards, right and wrong answers, lapses,
predicted recall at each rating), practice attempts and submitted exams is built in SQLite,
copied row for row to PostgreSQL with `bank copy`, and every number of the report is
compared, for each period and for a deck and topics."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.stats.report import to_dict
from dlquiz.stats.service import StatsService
from dlquiz.store.copy import copy_bank_between
from dlquiz.store.database import Bank, open_bank
from dlquiz.store.importing import import_paths
from dlquiz.store.models import AttemptRow, ExamItemRow, ExamRow
from dlquiz.store.skills import ensure_skill_cards
from engine.questions import mistakes_of, question_from_id

from .history import NEW_YORK

NOW = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)
START = NOW - timedelta(days=62)
KINDS = ("conv-output-shape", "attention-flops")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def studied_bank(folder: Path) -> Bank:
    bank = open_bank(f"sqlite:///{folder / 'study.db'}", now=START)
    for name, topic in (("conv.md", "卷积"), ("attn.md", "注意力")):
        path = folder / name
        path.write_text(f"# {topic}\n\n" + "".join(
            f"## {i:03d} {topic}问题 {i}\n\n答案 {i}。\n\n" for i in range(1, 16)),
            encoding="utf-8")
        import_paths(bank, [path], now=START - timedelta(days=1))
    ensure_skill_cards(bank, KINDS, START - timedelta(days=1))
    rng = random.Random(5)
    clock = Clock(START)
    service = StudyService(bank, clock=clock, zone=NEW_YORK, seeds=lambda: rng.randrange(10**6),
                           settings=StudySettings(enable_fuzzing=False, new_per_day=6))
    for day in range(62):
        clock.now = START + timedelta(days=day, minutes=rng.randrange(600))
        for _ in range(rng.randrange(4, 12)):
            item = service.next_item()
            if item is None:
                break
            rating, answer = rng.choices([1, 2, 3, 4], weights=[2, 1, 6, 1])[0], None
            if item.question is not None:
                right = rng.random() < 0.6
                answer = (question_from_id(item.question.id).expected_display if right
                          else mistakes_of(item.question.id, "zh")[0][1])
            service.rate(item.card.card_id, rating, answer=answer,
                         duration_ms=rng.randrange(2000, 30000))
            clock.now += timedelta(minutes=rng.randrange(1, 90))
    add_practice_and_exams(bank, rng)
    return bank


def add_practice_and_exams(bank: Bank, rng: random.Random) -> None:
    with bank.write() as session:
        for i in range(12):
            correct = rng.random() < 0.5
            session.add(AttemptRow(
                question_id=f"{KINDS[i % 2]}/2/{i}", kind=KINDS[i % 2], difficulty=2,
                answer="1", correct=correct, score=1.0 if correct else 0.0,
                diagnosis=None if correct else "off-by-one",
                answered_at=START + timedelta(days=3 * i, hours=5), duration_ms=9000))
        for e in range(3):
            at = START + timedelta(days=10 + 15 * e, hours=2)
            exam = ExamRow(name=f"spec {e % 2}", spec_json="{}", seed=e, dlquiz_version="t",
                           lang="zh", feedback="end", minutes=30, started_at=at,
                           deadline=at + timedelta(minutes=30),
                           submitted_at=at + timedelta(minutes=25), timed_out=e == 2,
                           score=1.5 + e, max_score=4.0)
            session.add(exam)
            session.flush()
            for n in range(4):
                skill = n % 2 == 0
                correct = (n + e) % 3 != 0
                session.add(ExamItemRow(
                    exam_id=exam.id, n=n + 1, type="skill" if skill else "note",
                    topic="卷积" if n < 2 else "注意力",
                    question_id=f"{KINDS[0]}/1/{n}" if skill else None,
                    kind=KINDS[0] if skill else None, prompt="?", answer="x",
                    answered_at=at + timedelta(minutes=5 * n), score=1.0 if correct else 0.25,
                    correct=correct if skill else None,
                    diagnosis=None if correct or not skill else "wrong-padding"))


def same(a: Any, b: Any, where: str = "") -> None:
    """Equal, floats to 1e-9 (relative): the backends sum in different orders."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), where
        for key in a:
            same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, float | int) and isinstance(b, float | int), (where, a, b)
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), (where, a, b)
    else:
        assert a == b and type(a) is type(b), (where, a, b)


def report(bank: Bank, period: str, deck: str | None, topic: str | None) -> dict[str, Any]:
    service = StatsService(bank, clock=lambda: NOW, zone=NEW_YORK,
                           settings=StudySettings(enable_fuzzing=False))
    return to_dict(service.report(period, deck, topic, "en"))


def test_every_number_is_the_same_on_both_backends(tmp_path: Path) -> None:
    from tests.postgres import fresh_database  # skips without a server (outside CI)

    sqlite = studied_bank(tmp_path)
    with fresh_database() as url:
        copy_bank_between(sqlite.url, url, force=False)
        postgres = open_bank(url)
        try:
            first = report(sqlite, "all", None, None)
            assert first["reviews"]["total_reviews"] > 300
            assert first["calibration"]["reviews"] > 50 and first["skills"]
            assert first["mistakes"] and first["exams"]["scores"]
            assert first["card_counts"]["mature"] > 0 and first["card_counts"]["young"] > 0
            for period, deck, topic in (("1m", None, None), ("3m", None, None),
                                        ("1y", None, None), ("all", None, None),
                                        ("all", "conv", None), ("1m", None, "卷积"),
                                        ("all", None, "注意力")):
                same(report(sqlite, period, deck, topic), report(postgres, period, deck, topic),
                     f"{period} {deck} {topic}")
        finally:
            postgres.engine.dispose()
            sqlite.engine.dispose()

