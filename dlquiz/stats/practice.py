"""What no flashcard app shows: every question kind's accuracy and level over study,
practice and exams; the named mistakes made most, and exam scores over time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from dlquiz.stats.reviews import ratio
from dlquiz.store.stats import (
    ExamScore,
    ExamTopicCells,
    MistakeSeen,
    SkillAnswer,
)

RECENT = 10  # answers in "the last 10"
TREND_MIN = 5  # answers before those needed for a trend
MISTAKE_WEEKS = 12
SOURCES = ("study", "practice", "exam")


@dataclass(frozen=True)
class Skill:
    kind: str
    topic: str
    title: str
    attempts: dict[str, int]
    correct: int
    recent: tuple[bool, ...]  # the last RECENT results, oldest first
    level: int  # highest difficulty answered right (0: none yet)
    trend: float | None  # accuracy of the last RECENT minus that of the RECENT before

    @property
    def total(self) -> int:
        return sum(self.attempts.values())

    @property
    def accuracy(self) -> float | None:
        return ratio(self.correct, self.total)

    @property
    def accuracy_recent(self) -> float | None:
        return ratio(sum(self.recent), len(self.recent))


def skills(answers: Sequence[SkillAnswer],
           catalog: Mapping[str, tuple[str, str]]) -> list[Skill]:
    """Every kind of the catalog ({kind: (topic, title)}) and any other kind answered;
    the ones answered come first, least accurate lately first."""
    by_kind: dict[str, list[SkillAnswer]] = {kind: [] for kind in catalog}
    for answer in answers:
        by_kind.setdefault(answer.kind, []).append(answer)
    found = []
    for kind, mine in by_kind.items():
        results = [a.correct for a in mine]
        earlier = results[-2 * RECENT:-RECENT]
        trend = None
        if len(earlier) >= TREND_MIN:
            trend = sum(results[-RECENT:]) / RECENT - sum(earlier) / len(earlier)
        topic, title = catalog.get(kind, ("", kind))
        found.append(Skill(
            kind=kind, topic=topic, title=title,
            attempts={s: sum(1 for a in mine if a.source == s) for s in SOURCES},
            correct=sum(results), recent=tuple(results[-RECENT:]),
            level=max((a.difficulty for a in mine if a.correct), default=0), trend=trend))
    return sorted(found, key=lambda s: (s.total == 0, s.accuracy_recent or 0.0, s.kind))


@dataclass(frozen=True)
class Mistake:
    name: str
    count: int
    kinds: tuple[str, ...]
    sources: dict[str, int]
    last_seen: datetime
    days_ago: int
    weekly: tuple[int, ...]  # the last MISTAKE_WEEKS weeks, oldest first


def mistakes(seen: Sequence[MistakeSeen], day_of: Callable[[datetime], int]) -> list[Mistake]:
    """Named mistakes, most frequent first (then the most recent). `day_of` gives an
    instant's study-day number (0 today)."""
    groups: dict[str, list[MistakeSeen]] = {}
    for item in seen:
        groups.setdefault(item.name, []).append(item)
    found = []
    for name, items in groups.items():
        weekly = [0] * MISTAKE_WEEKS
        for item in items:
            week = -day_of(item.at) // 7
            if 0 <= week < MISTAKE_WEEKS:
                weekly[MISTAKE_WEEKS - 1 - week] += 1
        last = max(item.at for item in items)
        found.append(Mistake(
            name=name, count=len(items), kinds=tuple(sorted({i.kind for i in items if i.kind})),
            sources=dict(Counter(i.source for i in items)), last_seen=last,
            days_ago=-day_of(last), weekly=tuple(weekly)))
    return sorted(found, key=lambda m: (-m.count, m.days_ago, m.name))


@dataclass(frozen=True)
class SpecScores:
    name: str
    percents: tuple[float, ...]  # oldest first

    @property
    def mean(self) -> float:
        return sum(self.percents) / len(self.percents)


@dataclass(frozen=True)
class Exams:
    scores: tuple[ExamScore, ...]
    by_spec: tuple[SpecScores, ...]
    by_topic: tuple[tuple[str, int, float | None], ...] = field(default=())  # weakest first


def exams(scores: Sequence[ExamScore], topics: Sequence[ExamTopicCells]) -> Exams:
    specs: dict[str, list[float]] = {}
    for score in scores:
        specs.setdefault(score.name or "custom", []).append(score.percent)
    by_topic = sorted(((t.topic, t.items, ratio(100.0 * t.score, t.items)) for t in topics),
                      key=lambda row: (row[2] is None, row[2] or 0.0, row[0]))
    return Exams(scores=tuple(scores),
                 by_spec=tuple(SpecScores(name, tuple(p)) for name, p in sorted(specs.items())),
                 by_topic=tuple(by_topic))

