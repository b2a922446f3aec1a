"""What dlquiz reads from an Anki collection, as frozen records (the file's own ids kept)."""

from __future__ import annotations

from dataclasses import dataclass

# revlog `type`: how the card was reviewed (Anki's RevlogReviewKind)
REVLOG_LEARN, REVLOG_REVIEW, REVLOG_RELEARN, REVLOG_FILTERED, REVLOG_MANUAL, REVLOG_RESCHED = (
    range(6))
QUEUE_SUSPENDED = -1


@dataclass(frozen=True)
class AnkiNotetype:
    """A note type: its fields in order and its card templates (question, answer formats)."""

    id: int
    name: str
    cloze: bool
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class AnkiNote:
    id: int
    guid: str
    notetype_id: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class AnkiCard:
    """One card: which template (`ord`, the cloze number minus one for clozes) of which
    note, in which deck, and whether it is suspended."""

    id: int
    note_id: int
    deck_id: int
    ord: int
    queue: int


@dataclass(frozen=True)
class AnkiReview:
    """One revlog row. `id` is the review's time in milliseconds since the epoch; `ease` is
    the button (1-4), 0 for entries written by rescheduling rather than by a review."""

    id: int
    card_id: int
    ease: int
    kind: int
    factor: int
    time_ms: int

    @property
    def rated(self) -> bool:
        """A review that counts for scheduling: a button was pressed and it was not a
        cramming pass (filtered deck without rescheduling, written with factor 0)."""
        return 1 <= self.ease <= 4 and not (self.kind == REVLOG_FILTERED and self.factor == 0)

    @property
    def reset(self) -> bool:
        """'Forget' (reset to new): the history before it no longer shapes the card."""
        return self.kind == REVLOG_MANUAL and self.factor == 0 and self.ease == 0


@dataclass(frozen=True)
class AnkiCollection:
    notetypes: dict[int, AnkiNotetype]
    decks: dict[int, str]
    notes: tuple[AnkiNote, ...]
    cards: tuple[AnkiCard, ...]
    reviews: tuple[AnkiReview, ...]
