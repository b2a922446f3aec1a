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
class FollowUp:
    """One follow-up question of a note (`- 问：… 答：…` under `**追问**`).

    `key` identifies it across re-imports: its question normalised like a title key
    (`identity.title_key`), with `#2`, `#3`… for a question asked again in the same note.
    `answer` is "" when the item gives none. `line` is the item's line in the file."""

    question: str
    answer: str
    line: int
    key: str


@dataclass(frozen=True)
class Note:
    """One `## NNN title` question with its answer, as written in a notes file.

    `followups` are read from the note's `**追问**` list; their lines stay in `answer` too."""

    topic: str | None
    number: str | None
    title: str
    answer: str
    references: tuple[Reference, ...]
    status: NoteStatus
    line: int
    tags: tuple[str, ...] = ()
    practice: tuple[str, ...] = ()
    followups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True)
class ParsedNotes:
    """Everything read from one file: its notes in order and non-fatal remarks about it."""

    notes: tuple[Note, ...]
    warnings: tuple[str, ...] = field(default=())
