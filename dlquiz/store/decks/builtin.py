"""The built-in deck: the notes in content/ that ship with dlquiz, imported into the bank."""

from __future__ import annotations

from datetime import datetime

from dlquiz.store.bank.database import Bank
from dlquiz.store.decks.content import BUILTIN_DECK, builtin_files
from dlquiz.store.decks.importing import import_files
from dlquiz.store.schema.records import ImportReport


def import_builtin(bank: Bank, *, now: datetime | None = None) -> ImportReport:
    """Import (or refresh) the built-in deck; unchanged files cost one digest each."""
    return import_files(bank, [(BUILTIN_DECK, builtin_files())], builtin=True, now=now)
