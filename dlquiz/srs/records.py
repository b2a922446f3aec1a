"""Frozen records the scheduling services return to the CLI and the TUI."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

CardType = Literal["note", "skill"]
QueueName = Literal["learning", "review", "new", "ahead"]
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}


@dataclass(frozen=True)
class QueueFilter:
    deck: str | None = None
    topic: str | None = None
    notes_only: bool = False
    skills_only: bool = False
    include_drafts: bool = False


@dataclass(frozen=True)
class QueueCard:
    """The card to study next and where it came from in the queue."""

    card_id: int
    type: CardType
    state: int
    due: datetime
    note_id: int | None
    skill_kind: str | None
    queue: QueueName
    pending_question: str | None

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]


@dataclass(frozen=True)
class QueueCounts:
    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class DueForecast:
    now: int
    later_today: int
    tomorrow: int
    new_available: int
    next_due: datetime | None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["next_due"] = self.next_due.isoformat() if self.next_due else None
        return data


@dataclass(frozen=True)
class RatingResult:
    card_id: int
    rating: int
    state: int
    due: datetime
    interval: timedelta
    leech: bool
    review_log_id: int

    def to_dict(self) -> dict[str, Any]:
        return {"card": self.card_id, "rating": RATING_NAMES[self.rating],
                "state": STATE_NAMES[self.state], "due": self.due.isoformat(),
                "interval_seconds": int(self.interval.total_seconds()),
                "interval": format_interval(self.interval), "leech": self.leech}


@dataclass(frozen=True)
class UndoResult:
    card_id: int
    rating: int
    reviewed_at: datetime


def format_interval(delta: timedelta) -> str:
    """Anki-style short interval: `<1m`, `10m`, `3h`, `2d`, `1.5mo`, `1.2y`."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        months = days / 30
        return f"{months:.1f}mo".replace(".0mo", "mo")
    years = days / 365
    return f"{years:.1f}y".replace(".0y", "y")
