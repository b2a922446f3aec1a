"""Frozen records the store hands out; ORM rows never leave the store package."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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
