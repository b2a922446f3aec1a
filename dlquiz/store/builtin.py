"""The built-in deck: the notes in content/ that ship with dlquiz, loaded into a new bank."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import dlquiz
from dlquiz.store.database import Bank
from dlquiz.store.importing import NOTES_SUFFIXES, import_files
from dlquiz.store.records import ImportReport

BUILTIN_DECK = "builtin"


def builtin_content_dir() -> Path:
    """content/ sits beside the dlquiz package both in a source checkout and in the wheel."""
    return Path(dlquiz.__file__).resolve().parent.parent / "content"


def builtin_files() -> list[Path]:
    root = builtin_content_dir()
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in NOTES_SUFFIXES)


def import_builtin(bank: Bank, *, now: datetime | None = None) -> ImportReport:
    """Import (or refresh) the built-in deck; unchanged files cost one digest each."""
    return import_files(bank, [(BUILTIN_DECK, builtin_files())], builtin=True, now=now)
