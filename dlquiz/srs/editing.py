"""The edit loop of the study screen: a note edited in the editor is imported again as soon
as the editor closes; a built-in note (whose file belongs to the installed package) is
first copied into a notes file of the user's, where it becomes the user's own note for that
question (and takes over the built-in card's history, see store/cards/twins.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from dlquiz.store.bank import Bank, default_home, sqlite_path
from dlquiz.store.decks import import_paths
from dlquiz.store.schema import ImportReport, InputError, NoteDetail

OWN_NOTES = "my-notes.md"  # the deck is named after the file: "my-notes"


def own_notes_file(bank: Bank) -> Path:
    """Where copies of built-in notes go: beside a SQLite bank, else the data directory."""
    path = sqlite_path(bank.url)
    return (path.parent if path is not None else default_home()) / OWN_NOTES


def reimport(bank: Bank, path: Path, deck: str, now: datetime) -> ImportReport:
    """The file an edited note lives in, imported again into its deck (history kept)."""
    return import_paths(bank, [path], deck=deck, now=now)


def note_source(note: NoteDetail) -> list[str]:
    """The lines of a note as written in its file: its `## ` heading up to the next heading
    of level one or two."""
    if not note.source_path or not note.source_line:
        raise InputError(f"note {note.id} has no source file to copy from.")
    lines = Path(note.source_path).read_text(encoding="utf-8").split("\n")
    start = note.source_line - 1
    end = start + 1
    while end < len(lines) and not lines[end].startswith(("# ", "## ")):
        end += 1
    return lines[start:end]


def copy_to_own_notes(bank: Bank, note: NoteDetail, now: datetime) -> tuple[Path, int]:
    """Append a built-in note to the user's notes file (created if needed, under the note's
    topic heading) and import it; returns the file and the line the copy starts on."""
    target = own_notes_file(bank)
    existing = target.read_text(encoding="utf-8") if target.exists() else ""
    lines = existing.rstrip("\n").split("\n") if existing.strip() else []
    topics = [line for line in lines if line.startswith("# ")]
    if note.topic and (not topics or topics[-1] != f"# {note.topic}"):
        lines += ["", f"# {note.topic}"] if lines else [f"# {note.topic}"]
    lines.append("")
    start = len(lines) + 1
    lines += note_source(note)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    reimport(bank, target, target.stem, now)
    return target, start
