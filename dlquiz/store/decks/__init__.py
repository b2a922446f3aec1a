"""Notes files into decks: importing (all or nothing), keeping a deck in step with its files,
the built-in deck, and renaming or deleting decks and notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlquiz.store.exports import lazy_exports

if TYPE_CHECKING:
    from dlquiz.store.decks.builtin import import_builtin
    from dlquiz.store.decks.changes import (
        Refused,
        clean_deck_name,
        deck_counts,
        delete_deck,
        delete_notes,
        note_review_count,
        rename_deck,
    )
    from dlquiz.store.decks.content import BUILTIN_DECK, builtin_files
    from dlquiz.store.decks.importing import deck_names, import_paths
    from dlquiz.store.decks.note_files import builtin_answers, imported_digests
    from dlquiz.store.decks.notes_paths import require_paths

__all__ = [
    "BUILTIN_DECK",
    "Refused",
    "builtin_answers",
    "builtin_files",
    "clean_deck_name",
    "deck_counts",
    "deck_names",
    "delete_deck",
    "delete_notes",
    "import_builtin",
    "import_paths",
    "imported_digests",
    "note_review_count",
    "rename_deck",
    "require_paths",
]

# public name -> the inner module that defines it, imported on first use (PEP 562): importing
# the subpackage costs nothing, so a command loads only the modules it calls
_EXPORTS = {
    "builtin_answers": "note_files",
    "BUILTIN_DECK": "content",
    "builtin_files": "content",
    "clean_deck_name": "changes",
    "deck_counts": "changes",
    "deck_names": "importing",
    "delete_deck": "changes",
    "delete_notes": "changes",
    "import_builtin": "builtin",
    "import_paths": "importing",
    "imported_digests": "note_files",
    "note_review_count": "changes",
    "Refused": "changes",
    "rename_deck": "changes",
    "require_paths": "notes_paths",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)
