"""Read an Anki collection file (SQLite, schema 11 or 18) into records.

This is SQL on a foreign file, not on the bank: the collection is a format dlquiz reads,
like a CSV file, so it is read here with the standard library's sqlite3 (read-only).
Schema 11 keeps note types and decks as JSON in the `col` row; schema 18 (current Anki)
keeps them in tables, with settings as protocol-buffer blobs and deck names split by
\\x1f instead of `::`.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from dlquiz.interop import wire
from dlquiz.interop.anki_records import (
    AnkiCard,
    AnkiCollection,
    AnkiNote,
    AnkiNotetype,
    AnkiReview,
)

FIELD_SEP = "\x1f"


def unicase(a: str, b: str) -> int:
    """Anki's `unicase` collation (case-insensitive), needed to query schema-18 tables."""
    x, y = a.casefold(), b.casefold()
    return (x > y) - (x < y)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _notetypes_v11(conn: sqlite3.Connection) -> dict[int, AnkiNotetype]:
    raw = conn.execute("SELECT models FROM col").fetchone()
    models: dict[str, Any] = json.loads(raw[0]) if raw and raw[0] else {}
    found = {}
    for model in models.values():
        fields = tuple(f["name"] for f in sorted(model.get("flds", []), key=lambda f: f["ord"]))
        templates = tuple((t.get("qfmt", ""), t.get("afmt", ""))
                          for t in sorted(model.get("tmpls", []), key=lambda t: t["ord"]))
        found[int(model["id"])] = AnkiNotetype(id=int(model["id"]), name=str(model["name"]),
                                               cloze=model.get("type") == 1, fields=fields,
                                               templates=templates)
    return found


def _notetypes_v18(conn: sqlite3.Connection) -> dict[int, AnkiNotetype]:
    fields: dict[int, list[str]] = {}
    for ntid, name in conn.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields.setdefault(ntid, []).append(name)
    templates: dict[int, list[tuple[str, str]]] = {}
    for ntid, config in conn.execute("SELECT ntid, config FROM templates ORDER BY ntid, ord"):
        templates.setdefault(ntid, []).append((wire.first_text(config, 1),
                                               wire.first_text(config, 2)))
    return {ntid: AnkiNotetype(id=ntid, name=name, cloze=wire.first_int(config, 1) == 1,
                               fields=tuple(fields.get(ntid, ())),
                               templates=tuple(templates.get(ntid, ())))
            for ntid, name, config in conn.execute("SELECT id, name, config FROM notetypes")}


def _decks(conn: sqlite3.Connection, v18: bool) -> dict[int, str]:
    if v18:
        return {deck_id: name.replace(FIELD_SEP, "::")
                for deck_id, name in conn.execute("SELECT id, name FROM decks")}
    raw = conn.execute("SELECT decks FROM col").fetchone()
    decks: dict[str, Any] = json.loads(raw[0]) if raw and raw[0] else {}
    return {int(d["id"]): str(d["name"]) for d in decks.values()}


def read_collection(path: Path) -> AnkiCollection:
    """Everything dlquiz imports from the collection at `path` (already checked readable)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.create_collation("unicase", unicase)
        v18 = "notetypes" in _tables(conn)
        notetypes = _notetypes_v18(conn) if v18 else _notetypes_v11(conn)
        notes = tuple(
            AnkiNote(id=nid, guid=str(guid), notetype_id=mid,
                     fields=tuple(str(flds).split(FIELD_SEP)),
                     tags=tuple(t for t in str(tags).split() if t))
            for nid, guid, mid, tags, flds in conn.execute(
                "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"))
        cards = tuple(AnkiCard(id=cid, note_id=nid, deck_id=did, ord=ord_, queue=queue)
                      for cid, nid, did, ord_, queue in conn.execute(
                          "SELECT id, nid, did, ord, queue FROM cards ORDER BY nid, ord"))
        reviews = tuple(AnkiReview(id=rid, card_id=cid, ease=ease, kind=kind, factor=factor,
                                   time_ms=time_ms)
                        for rid, cid, ease, kind, factor, time_ms in conn.execute(
                            "SELECT id, cid, ease, type, factor, time FROM revlog "
                            "ORDER BY cid, id"))
        return AnkiCollection(notetypes=notetypes, decks=_decks(conn, v18), notes=notes,
                              cards=cards, reviews=reviews)
    finally:
        conn.close()
