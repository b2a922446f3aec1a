"""How a note is recognised across edits: a normalised title key and a content hash."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from dlquiz.notes.model import Note

_SPACE = re.compile(r"\s+")


def title_key(title: str) -> str:
    """Identity of a question title: NFKC folds full-width to half-width, then case and
    whitespace are dropped, so `ResNet  V2`, `resnet v2` and `ＲｅｓＮｅｔ v2` are one note."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    return _SPACE.sub("", folded)


def content_hash(note: Note) -> str:
    """Digest of everything the bank stores for a note except its position in the file,
    so moving a note (or editing the one above it) does not count as a change."""
    payload = {
        "topic": note.topic,
        "number": note.number,
        "title": note.title,
        "answer": note.answer,
        "references": [[r.title, r.url] for r in note.references],
        "status": note.status,
        "tags": list(note.tags),
        "practice": list(note.practice),
    }
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()
