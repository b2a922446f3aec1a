"""How a note is recognised across edits: a normalised title key and a content hash."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from dlquiz.notes.model import Note

_SPACE = re.compile(r"\s+")
# what json.dumps(..., ensure_ascii=False, sort_keys=True) builds on every call, built once
_HASHED_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


# Spelling fixes in built-in titles, as (corrected, as first stored) pairs of folded text
# (NFKC, lower case, no spaces). Built-in titles were corrected (issue 14); the user's own
# notes keep the old spellings. `title_key` writes the corrected spelling the old way, so
#  - a corrected built-in title keeps the key it was stored under: its card and review
#    history stay with it, and no bank needs a migration;
#  - the user's note with the old spelling and the corrected built-in note share one key,
#    so the built-in twin match still pairs them.
# The replacement applies wherever the word appears, so any title with either spelling
# gets the same key. Adding a pair later changes the key of stored notes whose titles hold
# the corrected spelling: check the bank (or migrate keys) before adding one.
TITLE_ALIASES: tuple[tuple[str, str], ...] = (
    ("边框回归", "边框回顾"),  # detection 027 边框回归（Bounding-Box Regression）
    ("降采样", "降采用"),  # pooling 043 为什么降采样使用max pooling…
    ("shortcut", "shotcut"),  # lightweight 060 MobileNetv2为什么会加shortcut
    ("deconvolution", "deconvlution"),  # convolution 048 …/deconvolution）
    ("depthwiseseparable", "depthseparable"),  # lightweight 062 Depthwise separable convolution
)


def title_key(title: str) -> str:
    """Identity of a question title: NFKC folds full-width to half-width, then case and
    whitespace are dropped, so `ResNet  V2`, `resnet v2` and `ＲｅｓＮｅｔ v2` are one note;
    then the spelling fixes of TITLE_ALIASES are written the way they were first stored."""
    key = _SPACE.sub("", unicodedata.normalize("NFKC", title).casefold())
    for corrected, stored in TITLE_ALIASES:
        key = key.replace(corrected, stored)
    return key


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
    blob = _HASHED_JSON.encode(payload).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()
