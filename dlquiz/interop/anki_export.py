"""Write an Anki package with genanki: one note of dlquiz's note type per dlquiz note (and
per follow-up and generated skill sample given), one Anki deck `dlquiz::<deck>` per dlquiz
deck, stable GUIDs, and on request the review history and card states written into
genanki's collection before it is zipped (genanki itself writes no revlog).

The package is built in a temporary file and moved into place only when complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from dlquiz.interop import anki_model as dm
from dlquiz.interop.anki_history import card_columns, package_days, revlog_rows
from dlquiz.interop.md_html import inline_html, markdown_html, references_html
from dlquiz.notes.builtin_section import section_html
from dlquiz.notes.model import Reference
from dlquiz.store.interop import ExportNote


@dataclass(frozen=True)
class SkillSample:
    """A frozen instance of a question kind: its prompt and the worked answer."""

    kind: str
    topic: str
    question_id: str
    prompt: str
    answer: str


@dataclass(frozen=True)
class FollowUpExport:
    """A follow-up card: its own note, asked after its parent note's question."""

    deck: str
    key: str
    topic: str | None
    question: str
    answer: str


@dataclass(frozen=True)
class HistoryOptions:
    """How study days are counted (the user's zone and rollover hour) and the retention the
    FSRS memory states were computed for."""

    zone: tzinfo
    rollover_hour: int
    desired_retention: float


@dataclass(frozen=True)
class AnkiExportCounts:
    notes: int = 0
    skill_samples: int = 0
    followups: int = 0
    reviews: int = 0
    decks: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"notes": self.notes, "skill_samples": self.skill_samples,
                "followups": self.followups, "reviews": self.reviews,
                "decks": list(self.decks)}


def note_guid(deck: str, key: str) -> str:
    """The Anki GUID of a dlquiz note: a digest of its identity (deck and key), so every
    export of the same note updates one Anki note."""
    import genanki  # deferred: only Anki export needs it

    return str(genanki.guid_for("dlquiz", deck, key))


def _deck_id(name: str) -> int:
    """A stable deck id from the deck's name (Anki also matches decks by name)."""
    return (1 << 30) + int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") % (
        1 << 30)


def _tag(text: str) -> str:
    return "_".join(text.split())


class _Builder:
    def __init__(self) -> None:
        import genanki  # deferred: only Anki export needs it

        self.genanki = genanki
        self.model = genanki.Model(
            dm.MODEL_ID, dm.MODEL_NAME, fields=[{"name": name} for name in dm.FIELDS],
            templates=[{"name": "dlquiz", "qfmt": dm.QUESTION, "afmt": dm.ANSWER}],
            css=dm.CSS, sort_field_index=1)
        self.decks: dict[str, Any] = {}

    def add(self, deck: str, guid: str, values: Sequence[str], tags: Sequence[str]) -> None:
        name = dm.export_deck_name(deck)
        if name not in self.decks:
            self.decks[name] = self.genanki.Deck(_deck_id(name), name)
        tags = list(dict.fromkeys(_tag(t) for t in tags if t.strip()))
        self.decks[name].add_note(self.genanki.Note(model=self.model, fields=list(values),
                                                    tags=tags, guid=guid))

    def note(self, note: ExportNote) -> None:
        tags = [*note.tags]
        if note.topic:
            tags.append(dm.topic_tag(note.topic))
        if note.status in dm.STATUS_TAGS:
            tags.append(dm.STATUS_TAGS[note.status])
        refs = [Reference(title=r.title, url=r.url) for r in note.references]
        answer = markdown_html(note.answer)
        if note.twin is not None:  # the built-in answer the draft is studied with
            answer += section_html(markdown_html(note.twin.answer),
                                   references_html(note.twin.references))
        self.add(note.deck, note_guid(note.deck, note.key),
                 [note.number or "", inline_html(note.title), answer,
                  references_html(refs), note.topic or "", note.key, " ".join(note.practice)],
                 tags)

    def skill(self, sample: SkillSample) -> None:
        self.add("skills", note_guid("skills", sample.question_id),
                 ["", markdown_html(sample.prompt), markdown_html(sample.answer), "",
                  sample.topic, sample.question_id, sample.kind],
                 [dm.GENERATED_TAG, dm.topic_tag(sample.topic), f"kind::{sample.kind}"])

    def followup(self, item: FollowUpExport) -> None:
        tags = [dm.FOLLOWUP_TAG] + ([dm.topic_tag(item.topic)] if item.topic else [])
        self.add(item.deck, note_guid(item.deck, item.key),
                 ["", inline_html(item.question), markdown_html(item.answer), "",
                  item.topic or "", item.key, ""], tags)


def _write_history(db: Path, notes: Sequence[ExportNote], now: datetime,
                   options: HistoryOptions) -> int:
    """Card states and revlog rows into genanki's collection; returns the reviews written."""
    moments = [now] + [r.at for n in notes for r in n.reviews]
    days = package_days(moments, options.zone, options.rollover_hour)
    conn = sqlite3.connect(db)
    try:
        conf = json.loads(conn.execute("SELECT conf FROM col").fetchone()[0])
        conf.update({"schedVer": 2, "rollover": options.rollover_hour})
        conn.execute("UPDATE col SET crt = ?, conf = ?",
                     (int(days.crt.timestamp()), json.dumps(conf)))
        cards = dict(conn.execute(
            "SELECT notes.guid, cards.id FROM cards JOIN notes ON notes.id = cards.nid"))
        taken: set[int] = set()
        reviews = 0
        for position, note in enumerate(notes):
            card_id = cards.get(note_guid(note.deck, note.key))
            if note.card is None or card_id is None:
                continue
            columns = card_columns(note.card, days, position, options.desired_retention)
            conn.execute(
                "UPDATE cards SET type=:type, queue=:queue, due=:due, ivl=:ivl, "
                "factor=:factor, reps=:reps, lapses=:lapses, left=:left, data=:data "
                "WHERE id=:id", {**columns, "id": card_id})
            rows = revlog_rows(card_id, note.card, note.reviews, taken)
            conn.executemany("INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)", rows)
            reviews += len(rows)
        conn.commit()
        return reviews
    finally:
        conn.close()


def write_apkg(target: Path, notes: Sequence[ExportNote], now: datetime, *,
               skills: Sequence[SkillSample] = (), followups: Sequence[FollowUpExport] = (),
               history: HistoryOptions | None = None) -> AnkiExportCounts:
    """Build the package and move it to `target`."""
    builder = _Builder()
    for note in notes:
        builder.note(note)
    for item in followups:
        builder.followup(item)
    for sample in skills:
        builder.skill(sample)
    package = builder.genanki.Package(list(builder.decks.values()))
    reviews = 0
    with tempfile.TemporaryDirectory(prefix="dlquiz-apkg-") as tmp:
        db = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            with warnings.catch_warnings():  # genanki warns about HTML it cannot validate
                warnings.simplefilter("ignore")
                ids = iter(range(int(now.timestamp() * 1000), 1 << 62))
                package.write_to_db(conn.cursor(), now.timestamp(), ids)
            conn.commit()
        finally:
            conn.close()
        if history is not None:
            reviews = _write_history(db, notes, now, history)
        partial = target.with_name(f".{target.name}.partial")
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(db, "collection.anki2")
                archive.writestr("media", "{}")
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return AnkiExportCounts(notes=len(notes), skill_samples=len(skills),
                            followups=len(followups), reviews=reviews,
                            decks=tuple(builder.decks))
