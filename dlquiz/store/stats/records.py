"""Frozen records the statistics queries hand out: spans of time to aggregate over, and the
aggregates themselves. The arithmetic on them lives in dlquiz/stats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# what a rating was, by the card's state before it: Anki's review kinds, with new apart
REVIEW_KINDS = ("new", "learning", "relearning", "young", "mature")
MATURE_DAYS = 21  # Anki's line between young and mature intervals


@dataclass(frozen=True)
class Span:
    """A half-open interval of instants [start, end) with the key it is counted under (a
    study day's number, or a local hour of the day)."""

    key: int
    start: datetime
    end: datetime


@dataclass(frozen=True)
class StatsScope:
    """Which cards the statistics look at: one deck, one topic (note topic, or the kinds of a
    skill topic), or everything."""

    deck: str | None = None
    topic: str | None = None
    kinds: tuple[str, ...] = ()

    @property
    def filtered(self) -> bool:
        return self.deck is not None or self.topic is not None


@dataclass(frozen=True)
class DayCell:
    """Ratings of one kind and one button on one study day."""

    day: int
    kind: int  # index into REVIEW_KINDS
    rating: int
    count: int
    ms: int


@dataclass(frozen=True)
class HourCell:
    hour: int
    count: int
    passed: int


@dataclass(frozen=True)
class CardCounts:
    """Every card in scope exactly once: a leech (flagged, usually suspended) before a
    suspended card, before a buried one, before its scheduling state. Whatever its note's
    status (answered, partial, draft): a card is counted if it can be studied at all.

    Two kinds of card are deliberately outside the counts, and counted apart (EXCLUDED):
    the cards of retired notes and follow-ups, and the built-in cards whose question one
    of the user's notes asks (studied through the user's card, which holds their history).
    """

    new: int = 0
    learning: int = 0
    relearning: int = 0
    young: int = 0
    mature: int = 0
    suspended: int = 0
    buried: int = 0
    leech: int = 0
    retired: int = 0  # outside the counts (EXCLUDED)
    shadowed: int = 0  # outside the counts (EXCLUDED)

    @property
    def total(self) -> int:
        return (self.new + self.learning + self.relearning + self.young + self.mature
                + self.suspended + self.buried + self.leech)


EXCLUDED = {
    "retired": "cards of retired notes or follow-ups (their question was changed or removed)",
    "shadowed": "built-in cards whose question one of your notes asks: studied through your "
                "card",
}


@dataclass(frozen=True)
class Memory:
    """The cards' memory now: bucket counts of intervals, stability, difficulty and
    retrievability, and the sums behind the estimated total knowledge."""

    intervals: tuple[int, ...]
    stability: tuple[int, ...]
    difficulty: tuple[int, ...]
    retrievability: tuple[int, ...]
    reviewed: int  # cards rated at least once
    knowledge: float  # sum of their retrievability now
    daily_load: float  # sum of 1/interval over review cards


@dataclass(frozen=True)
class TopicCells:
    topic: str
    source: str  # "note" or a skill kind (mapped to its topic by the caller)
    cards: int
    mature: int
    reviewed: int
    recall_sum: float
    lapses: int


@dataclass(frozen=True)
class CalibrationCell:
    bin: int
    count: int
    passed: int
    predicted_sum: float
    log_likelihood: float


@dataclass(frozen=True)
class SkillAnswer:
    """One answer to a computational question: in study, practice or an exam."""

    kind: str
    source: str
    at: datetime
    correct: bool
    difficulty: int


@dataclass(frozen=True)
class MistakeSeen:
    name: str
    kind: str
    source: str
    at: datetime


@dataclass(frozen=True)
class ExamScore:
    id: int
    name: str | None
    started_at: datetime
    percent: float
    timed_out: bool


@dataclass(frozen=True)
class ExamTopicCells:
    topic: str
    items: int
    score: float  # the sum of item scores (each 0..1)
