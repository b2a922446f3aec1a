"""A bank with two months of study made by the scheduler itself (note and skill cards, right
and wrong answers, lapses, predicted recall at each rating), practice attempts and
submitted exams: every part of the statistics has something to count."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.srs.targets import Target, add_target
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.cards.skills import ensure_skill_cards
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.models import AttemptRow, ExamItemRow, ExamRow
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
    for day in range(63):  # the last session this morning, finished before NOW
        clock.now = START + timedelta(days=day, minutes=rng.randrange(600))
        if day == 62:
            clock.now = NOW - timedelta(hours=3)
        for _ in range(rng.randrange(4, 12)):
            item = service.next_item()
            if item is None or clock.now >= NOW:
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
    # an interview three weeks after NOW: the "ready on the day" part has a forecast
    add_target(bank, Target(interview=date(2026, 11, 24), minutes_per_day=30))
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
