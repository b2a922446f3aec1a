"""Plain records produced by the parser; frozen so they can be hashed, compared and shared."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

NoteStatus = Literal["answered", "partial", "draft"]


@dataclass(frozen=True)
class Reference:
    """One entry of a note's reference list."""

    title: str
    url: str


@dataclass(frozen=True)
class Note:
    """One `## NNN title` question with its answer, as written in a notes file."""

    topic: str | None
    number: str | None
    title: str
    answer: str
    references: tuple[Reference, ...]
    status: NoteStatus
    line: int
    tags: tuple[str, ...] = ()
    practice: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedNotes:
    """Everything read from one file: its notes in order and non-fatal remarks about it."""

    notes: tuple[Note, ...]
    warnings: tuple[str, ...] = field(default=())
