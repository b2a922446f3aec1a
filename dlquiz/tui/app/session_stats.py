"""Running totals of one study session, for the summary screen (pure, no UI): how many
cards, right and wrong, and which cards were missed with the named mistakes made."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dlquiz.srs.service import StudyItem


@dataclass(frozen=True)
class Missed:
    """A card rated Again (or a skill answered wrong): what it was, and the named mistake
    the answer matched, if any."""

    card_id: int
    title: str
    mistake: str | None = None


@dataclass(frozen=True)
class SessionStats:
    started: datetime
    done: int = 0
    right: int = 0
    wrong: int = 0
    history: tuple[bool, ...] = field(default=())
    # one entry per rating, in step with `history` (None when it was not a miss), so that
    # undoing a rating also forgets its miss
    misses: tuple[Missed | None, ...] = field(default=())

    def record(self, passed: bool, missed: Missed | None = None) -> SessionStats:
        """Count a rating; a failed one may say which card it was (`missed`)."""
        return replace(self, done=self.done + 1, right=self.right + int(passed),
                       wrong=self.wrong + int(not passed), history=(*self.history, passed),
                       misses=(*self._aligned(), None if passed else missed))

    def undo(self) -> SessionStats:
        if not self.history:
            return self
        last = self.history[-1]
        return replace(self, done=self.done - 1, right=self.right - int(last),
                       wrong=self.wrong - int(not last), history=self.history[:-1],
                       misses=self._aligned()[:-1])

    def _aligned(self) -> tuple[Missed | None, ...]:
        """`misses` padded to the length of `history` (ratings recorded without details)."""
        return (*self.misses, *([None] * (len(self.history) - len(self.misses))))

    @property
    def missed_cards(self) -> list[tuple[Missed, int]]:
        """Each card missed this session once, with how many times, in the order first
        missed."""
        counts: dict[int, int] = {}
        first: dict[int, Missed] = {}
        for miss in self.misses:
            if miss is not None:
                counts[miss.card_id] = counts.get(miss.card_id, 0) + 1
                first.setdefault(miss.card_id, miss)
        return [(first[card], n) for card, n in counts.items()]

    @property
    def mistakes(self) -> list[tuple[str, int]]:
        """The named mistakes made this session, most frequent first."""
        found = Counter(m.mistake for m in self.misses if m is not None and m.mistake)
        return sorted(found.items(), key=lambda item: (-item[1], item[0]))

    def elapsed(self, now: datetime) -> timedelta:
        return now - self.started


def missed_from(item: StudyItem, mistake: str | None = None) -> Missed:
    """The Missed entry for a card shown as `item`: a note's number and title, or a skill
    card's kind (each showing of a skill card asks a fresh question, so the one question
    first missed would misname the others)."""
    if item.note is not None:
        number = f"{item.note.number} " if item.note.number else ""
        return Missed(item.card.card_id, number + item.note.title, mistake)
    return Missed(item.card.card_id, item.card.skill_kind or "", mistake)


def format_duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {seconds:02d}s"
