"""An Anki collection -> the notes dlquiz imports: one dlquiz note per Anki card (a
reversed card asks the other way round, each cloze deletion is its own question), the
question and answer as Anki shows them turned into markdown, deck and tags kept, and each
card's review history (the ratings that shape its schedule) ready to be replayed.

Notes of dlquiz's own note type (an exported dlquiz deck) come back field by field, with
their original key, topic, number and references; the generated skill-question samples in
such a package are skipped (dlquiz generates fresh ones).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

from dlquiz.interop import anki_model as dm
from dlquiz.interop.anki_records import (
    QUEUE_SUSPENDED,
    AnkiCard,
    AnkiCollection,
    AnkiNote,
    AnkiNotetype,
    AnkiReview,
)
from dlquiz.interop.html_md import escape_text, html_to_markdown, one_line
from dlquiz.interop.keys import UniqueKeys, anki_key
from dlquiz.interop.templates import card_sides
from dlquiz.notes.builtin_section import without_section_html
from dlquiz.notes.model import Note, NoteStatus, Reference
from dlquiz.store.interop import IncomingNote, IncomingReview

_WORDY = re.compile(r"\w")
_SOUND = re.compile(r"\[sound:([^\]]+)\]")
_TAGS = re.compile(r"<[^>]*>")
_LINK = re.compile(r"<a\s[^>]*href\s*=\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a>", re.I | re.S)


@dataclass(frozen=True)
class Conversion:
    notes: tuple[IncomingNote, ...]
    media: frozenset[str]  # media file names the notes refer to
    skipped_generated: int
    reviews_before_reset: int
    warnings: tuple[str, ...]


class _Media:
    """Image and sound references: a URL stays, a media file becomes a path under the media
    folder (when one is given) or the bare file name."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def path(self, src: str) -> str:
        if re.match(r"^[a-z]+://", src, re.I) or src.startswith("data:"):
            return src
        name = unquote(src)
        self.used.add(name)
        target = str(self.folder / name) if self.folder is not None else name
        return target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")

    def image(self, src: str, alt: str) -> str:
        return f"![{escape_text(alt or unquote(src))}]({self.path(src)})"

    def sounds(self, field: str) -> str:
        return _SOUND.sub(lambda m: f'<a href="{html.escape(self.path(m.group(1)))}">'
                                    f"{html.escape(m.group(1))}</a>", field)


def _plain(field: str) -> str:
    """A field's text without markup (reference titles and kind lists are plain text)."""
    return " ".join(html.unescape(_TAGS.sub("", field)).split())


def _status(answer: str) -> NoteStatus:
    return "answered" if _WORDY.search(re.sub(r"!\[[^\]]*\]\([^)]*\)", "", answer)) else "draft"


def _history(reviews: Sequence[AnkiReview]) -> tuple[tuple[IncomingReview, ...], int]:
    """The ratings that shape the schedule, after the last 'Forget'; returns them and how
    many rated reviews came before that reset."""
    start = max((i + 1 for i, r in enumerate(reviews) if r.reset), default=0)
    kept = tuple(IncomingReview(at=datetime.fromtimestamp(r.id / 1000, UTC), rating=r.ease,
                                duration_ms=max(r.time_ms, 0))
                 for r in reviews[start:] if r.rated)
    return kept, sum(1 for r in reviews[:start] if r.rated)


class _Converter:
    def __init__(self, collection: AnkiCollection, source: str, deck: str | None,
                 media: Path | None) -> None:
        self.col = collection
        self.source = source
        self.deck = deck
        self.media = _Media(media)
        self.keys = UniqueKeys()
        self.cards: dict[int, list[AnkiCard]] = {}
        for card in collection.cards:
            self.cards.setdefault(card.note_id, []).append(card)
        self.reviews: dict[int, list[AnkiReview]] = {}
        for review in collection.reviews:
            self.reviews.setdefault(review.card_id, []).append(review)
        self.out: list[IncomingNote] = []
        self.warnings: list[str] = []
        self.generated = 0
        self.before_reset = 0

    def md(self, field: str) -> str:
        return html_to_markdown(self.media.sounds(field), self.media.image)

    def deck_of(self, card: AnkiCard) -> str:
        if self.deck is not None:
            return self.deck
        return dm.import_deck_name(self.col.decks.get(card.deck_id, "Default"))

    def add(self, deck: str, key: str, note: Note, card: AnkiCard, *,
            by_dlquiz: bool = False) -> None:
        history, before = _history(self.reviews.get(card.id, []))
        self.before_reset += before
        self.out.append(IncomingNote(deck=deck, key=key, note=note, source=self.source,
                                     position=len(self.out),
                                     suspended=card.queue == QUEUE_SUSPENDED,
                                     reviews=history, study_days=not by_dlquiz))

    def note(self, note: AnkiNote) -> None:
        kind = self.col.notetypes.get(note.notetype_id)
        cards = self.cards.get(note.id, [])
        if kind is None:
            self.warnings.append(f"{self.source}: note {note.id} uses a note type the "
                                 "package does not hold; skipped.")
            return
        if not cards:
            return
        values = dict(zip(kind.fields, note.fields, strict=False))
        if kind.id == dm.MODEL_ID and set(dm.FIELDS) <= set(kind.fields):
            self.dlquiz_note(note, values, cards[0])
            return
        for card in cards:
            self.card(note, kind, values, card)

    def card(self, note: AnkiNote, kind: AnkiNotetype, values: dict[str, str],
             card: AnkiCard) -> None:
        index = 0 if kind.cloze else card.ord
        if index >= len(kind.templates):
            self.warnings.append(f"{self.source}: card {card.id} has no template "
                                 f"{card.ord + 1} in note type '{kind.name}'; skipped.")
            return
        question, answer = card_sides(*kind.templates[index], values,
                                      card.ord + 1 if kind.cloze else None)
        title = one_line(self.md(question))
        if not title:
            self.warnings.append(f"{self.source}: card {card.id} (note {note.guid}) shows an "
                                 "empty question; skipped.")
            return
        text = self.md(answer)
        tags = tuple(t for t in note.tags if not t.startswith(dm.DECK_PREFIX))
        self.add(self.deck_of(card), anki_key(note.guid, card.ord, kind.cloze),
                 Note(topic=None, number=None, title=title, answer=text, references=(),
                      status=_status(text), line=0, tags=tags), card)

    def dlquiz_note(self, note: AnkiNote, values: dict[str, str], card: AnkiCard) -> None:
        if dm.GENERATED_TAG in note.tags or dm.FOLLOWUP_TAG in note.tags:
            self.generated += 1  # they come back from their notes, not as notes of their own
            return
        # the built-in section an export added is the built-in note's answer, not this one's
        answer = self.md(without_section_html(values.get("Answer", "")))
        status: NoteStatus = _status(answer)
        if dm.STATUS_TAGS["partial"] in note.tags and status == "answered":
            status = "partial"
        elif dm.STATUS_TAGS["draft"] in note.tags:  # e.g. only an image, which is no answer
            status = "draft"
        refs = tuple(Reference(title=_plain(label) or html.unescape(url), url=html.unescape(url))
                     for url, label in _LINK.findall(values.get("References", "")))
        tags = tuple(t for t in note.tags if not t.startswith((dm.DECK_PREFIX, dm.TOPIC_TAG)))
        deck = self.deck_of(card)
        title = one_line(self.md(values.get("Question", "")))
        key = html.unescape(values.get("Key", "")).strip()
        self.add(deck, self.keys.key(deck, key) if key else self.keys.for_title(deck, title),
                 Note(topic=html.unescape(values.get("Topic", "")).strip() or None,
                      number=html.unescape(values.get("Number", "")).strip() or None,
                      title=title, answer=answer, references=refs, status=status, line=0,
                      tags=tags, practice=tuple(_plain(values.get("Practice", "")).split())),
                 card, by_dlquiz=True)


def convert(collection: AnkiCollection, source: str, *, deck: str | None = None,
            media: Path | None = None) -> Conversion:
    """The notes of a collection, ready for the store (pure)."""
    converter = _Converter(collection, source, deck, media)
    for note in collection.notes:
        converter.note(note)
    return Conversion(notes=tuple(converter.out), media=frozenset(converter.media.used),
                      skipped_generated=converter.generated,
                      reviews_before_reset=converter.before_reset,
                      warnings=tuple(converter.warnings))
