"""What other programs' formats (Anki packages, CSV, Markdown) read from the bank and write
into it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlquiz.store.exports import lazy_exports

if TYPE_CHECKING:
    from dlquiz.store.interop.incoming import IncomingNote, IncomingReview, Replay
    from dlquiz.store.interop.read import ExportNote, ExportReview, export_followups, export_notes
    from dlquiz.store.interop.write import import_foreign_notes

__all__ = [
    "ExportNote",
    "ExportReview",
    "IncomingNote",
    "IncomingReview",
    "Replay",
    "export_followups",
    "export_notes",
    "import_foreign_notes",
]

# public name -> the inner module that defines it, imported on first use (PEP 562): importing
# the subpackage costs nothing, so a command loads only the modules it calls
_EXPORTS = {
    "export_followups": "read",
    "export_notes": "read",
    "ExportNote": "read",
    "ExportReview": "read",
    "import_foreign_notes": "write",
    "IncomingNote": "incoming",
    "IncomingReview": "incoming",
    "Replay": "incoming",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)
