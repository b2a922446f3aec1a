"""Open the bank a command studies from: resolve its URL, migrate it, and keep the built-in
deck and the skill cards in step with the installed dlquiz.

This sits in srs (not store) because seeding needs both the store and the question engine.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import dlquiz
from dlquiz.store.bank import Bank, get_meta, open_bank, resolve_url, set_meta
from dlquiz.store.decks import builtin_files

STAMP_KEY = "builtin_content"
KINDS_KEY = "skill_kinds"  # {kind: [topic, title_zh, title_en]}, refreshed with the stamp


def content_stamp() -> str:
    """Changes whenever the shipped content or dlquiz itself changes (new notes, new kinds):
    a digest of the content files' bytes and of the question kinds' file names (a few
    hundred KB and a directory listing: about a millisecond, and no numpy import)."""
    digest = hashlib.sha256()
    for path in builtin_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    kinds = Path(dlquiz.__file__).resolve().parent.parent / "engine" / "questions" / "kinds"
    for name in sorted(p.name for p in kinds.glob("*.py")):
        digest.update(name.encode())
    return f"{dlquiz.__version__}|{digest.hexdigest()[:16]}"


def open_study_bank(db: str | None = None, *, now: datetime | None = None) -> Bank:
    """The bank named by `--db`/env/defaults, with the built-in deck and a skill card per
    question kind; both are refreshed after dlquiz is upgraded (unchanged files are skipped
    by their digest, so a refresh writes only what changed)."""
    bank = open_bank(resolve_url(db), now=now)
    stamp = content_stamp()
    if get_meta(bank, STAMP_KEY) == stamp:
        if get_meta(bank, KINDS_KEY) is None:  # a bank seeded before the table was kept
            set_meta(bank, KINDS_KEY, json.dumps(_kind_table(), ensure_ascii=False))
        return bank
    from dlquiz.srs.service import StudyService  # deferred: loads the question engine
    from dlquiz.store.decks import import_builtin  # deferred: loads the notes parser

    import_builtin(bank, now=now)
    StudyService(bank, clock=lambda: now or datetime.now(UTC)).ensure_skills()
    set_meta(bank, KINDS_KEY, json.dumps(_kind_table(), ensure_ascii=False))
    set_meta(bank, STAMP_KEY, stamp)
    return bank


def _kind_table() -> dict[str, list[str]]:
    from engine.questions import list_kinds  # deferred: numpy

    return {k.id: [k.topic, k.title_zh, k.title_en] for k in list_kinds()}


def skill_catalog(bank: Bank) -> dict[str, tuple[str, str, str]]:
    """Every question kind's topic and titles. Kept in the bank when it is seeded, so the
    statistics need not load the question engine (numpy) just to name a kind."""
    raw = get_meta(bank, KINDS_KEY)
    table = json.loads(raw) if raw else _kind_table()
    return {kind: (str(v[0]), str(v[1]), str(v[2])) for kind, v in table.items()}
