"""Frozen records the store hands out; ORM rows never leave the store package."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

from dlquiz.store.schema.states import STATE_NAMES


@dataclass(frozen=True)
class DeckInfo:
    id: int
    name: str
    builtin: bool
    notes: int
    answered: int
    partial: int
    drafts: int
    retired: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class NoteSummary:
    id: int
    deck: str
    topic: str | None
    number: str | None
    title: str
    status: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ReferenceInfo:
    title: str
    url: str


@dataclass(frozen=True)
class NoteDetail:
    id: int
    deck: str
    topic: str | None
    number: str | None
    title: str
    status: str
    answer: str
    references: tuple[ReferenceInfo, ...]
    tags: tuple[str, ...]
    practice: tuple[str, ...]
    source_path: str | None
    source_line: int | None
    retired: bool

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["references"] = [{"title": r.title, "url": r.url} for r in self.references]
        data["tags"] = list(self.tags)
        data["practice"] = list(self.practice)
        return data


@dataclass(frozen=True)
class FollowUpDetail:
    """A follow-up question of a note, studied as its own card."""

    id: int
    note_id: int
    question: str
    answer: str
    retired: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, with --dry-run, would do)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    drafts: int = 0
    files: int = 0
    decks: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.retired)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["decks"] = list(self.decks)
        data["warnings"] = list(self.warnings)
        return data


QueueName = Literal["learning", "review", "new", "ahead", "chosen"]  # chosen: from browsing
CardType = Literal["note", "skill", "followup"]


@dataclass(frozen=True)
class QueueFilter:
    """Which cards a study session draws from."""

    deck: str | None = None
    topic: str | None = None
    notes_only: bool = False
    skills_only: bool = False
    include_drafts: bool = False


@dataclass(frozen=True)
class QueueWindow:
    """The study day as instants: the scheduler's settings and the user's time zone turned
    into the bounds the queue queries need (so the store knows nothing of either)."""

    now: datetime
    day_start: datetime
    day_end: datetime
    tomorrow_end: datetime
    learn_ahead_until: datetime
    new_per_day: int


@dataclass(frozen=True)
class QueueCard:
    """The card to study next, where it came from in the queue, and the version it had
    when it was picked (a rating based on it is refused if the card changed since)."""

    card_id: int
    type: CardType
    state: int
    due: datetime
    note_id: int | None
    skill_kind: str | None
    queue: QueueName
    pending_question: str | None
    version: int
    followup_id: int | None = None

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
