"""`dlquiz notes fill`: the built-in answers written into the user's own notes file, in
place of its `- [ ] TODO` markers, then the file imported again (cards and history kept, the
notes now answered). The file is only touched when it is exactly what was last imported;
a backup is written beside it first, and the new text replaces it in one rename."""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from dlquiz.notes.errors import NotesError
from dlquiz.notes.fill import fill_text
from dlquiz.notes.identity import title_key
from dlquiz.notes.model import Note
from dlquiz.notes.parser import parse_notes
from dlquiz.notes.reading import decode_notes
from dlquiz.srs.file_write import write_atomically
from dlquiz.store.bank import Bank
from dlquiz.store.decks import builtin_answers, import_paths, imported_digests
from dlquiz.store.schema import BankError, ImportReport, InputError

OPEN = ("draft", "partial")
# interop.importing.FOREIGN_SUFFIXES (srs sits below interop): imported, but not notes files
_FOREIGN = (".apkg", ".colpkg", ".csv", ".tsv")


def fillable(path: Path) -> bool:
    """Could notes in this file be filled: a notes file rather than a package or table."""
    return path.suffix.lower() not in _FOREIGN


@dataclass(frozen=True)
class FillReport:
    """What was (or, on a dry run, would be) filled; `skipped` have no built-in answer."""

    path: str
    filled: tuple[str, ...]
    skipped: tuple[str, ...]
    diff: str
    backup: str | None
    dry_run: bool
    imported: ImportReport | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["filled"], data["skipped"] = list(self.filled), list(self.skipped)
        data["imported"] = self.imported.to_dict() if self.imported else None
        return data


def _name(note: Note) -> str:
    return f"{note.number} {note.title}" if note.number else note.title


def _read(path: Path) -> tuple[bytes, int]:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: is not a regular file; give the notes file you imported.")
        return path.read_bytes(), stat.S_IMODE(info.st_mode)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; give the notes file you imported.") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}).") from None


def _require_current(path: Path, data: bytes, bank: Bank) -> list[str]:
    """The decks the file was imported into, when it is unchanged since; else one sentence."""
    if not fillable(path):
        raise InputError(f"{path}: is an Anki package or a CSV/TSV file, not a notes file; "
                         "`notes fill` writes into the markdown notes files you import.")
    digests = imported_digests(bank, str(path))
    if not digests:
        raise InputError(f"{path}: is not a notes file dlquiz imported; import it first "
                         f"(`dlquiz import {path}`), then fill it.")
    digest = hashlib.sha256(data).hexdigest()
    stale = sorted(deck for deck, known in digests.items() if known != digest)
    if stale:
        raise InputError(f"{path}: has changed since it was last imported; re-import it first "
                         f"(`dlquiz import {path} --deck {stale[0]}`), then fill it.")
    return sorted(digests)


def _matches(note: Note, wanted: str) -> bool:
    if note.number is None:
        return False
    if note.number == wanted:
        return True
    return wanted.isdigit() and note.number.isdigit() and int(wanted) == int(note.number)


def _chosen(path: Path, notes: Sequence[Note], numbers: Sequence[str] | None,
            keys: Collection[str] | None) -> list[Note]:
    """The notes named by number (each must exist and be open) or key; all open notes when
    neither is given."""
    if keys is not None:
        return [n for n in notes if title_key(n.title) in keys and n.status in OPEN]
    if not numbers:
        return [n for n in notes if n.status in OPEN]
    chosen: list[Note] = []
    for wanted in numbers:
        found = [n for n in notes if _matches(n, wanted)]
        if not found:
            have = [n.number for n in notes if n.number]
            span = f"its questions are numbered {have[0]}–{have[-1]}" if have else \
                "its questions have no numbers"
            raise InputError(f"{path}: has no question numbered {wanted} ({span}).")
        for note in found:
            if note.status not in OPEN:
                raise InputError(f"{path}: question {_name(note)} is already answered; only drafts "
                                 "and partial notes (`- [ ] TODO`) are filled.")
            chosen.append(note)
    return list(dict.fromkeys(chosen))


def _require_writable(path: Path, mode: int) -> None:
    """A read-only file or folder is refused before anything is written (by its permission
    bits too, so running as root does not overrule the user's choice)."""
    folder = path.parent
    if not os.access(path, os.W_OK) or not mode & 0o222:
        raise InputError(f"{path}: is read-only; make it writable (chmod u+w) and fill again.")
    folder_mode = stat.S_IMODE(os.stat(folder).st_mode)
    if not os.access(folder, os.W_OK | os.X_OK) or not folder_mode & 0o222:
        raise InputError(f"{path}: its folder {folder} is read-only (the backup and the new "
                         "file are written beside it); make it writable and fill again.")


def _diff(path: Path, old: str, new: str) -> str:
    lines = difflib.unified_diff(old.lstrip("\ufeff").splitlines(),
                                 new.lstrip("\ufeff").splitlines(),
                                 fromfile=str(path), tofile=f"{path} (filled)", lineterm="")
    return "\n".join(lines)


def backup_path(path: Path, now: datetime) -> Path:
    """`notes.md.20261207-225800.bak` beside the file; never one that is already there."""
    stem = f"{path.name}.{now:%Y%m%d-%H%M%S}"
    candidate, n = path.with_name(f"{stem}.bak"), 1
    while candidate.exists():
        candidate, n = path.with_name(f"{stem}-{n}.bak"), n + 1
    return candidate


def fill_notes(bank: Bank, path: Path, *, numbers: Sequence[str] | None = None,
               keys: Collection[str] | None = None, dry_run: bool = False,
               now: datetime) -> FillReport:
    """Fill the open notes of `path` (those numbered, or with these title keys, or all)
    from their built-in twins; then import the file again into its decks."""
    path = path.expanduser().resolve()
    data, mode = _read(path)
    decks = _require_current(path, data, bank)
    decode_notes(data, str(path))  # a non-UTF-8 file is refused with its offset
    text = data.decode("utf-8")
    notes = parse_notes(text, base_dir=path.parent, source=str(path)).notes
    chosen = _chosen(path, notes, numbers, keys)
    answers = builtin_answers(bank, {title_key(n.title) for n in chosen})
    missing = [n for n in chosen if title_key(n.title) not in answers]
    if numbers and missing:
        raise InputError(f"{path}: question {_name(missing[0])} has no built-in answer to "
                         "fill it with; write that one yourself.")
    todo = [n for n in chosen if title_key(n.title) in answers]
    filled = fill_text(text, notes, {n.line: answers[title_key(n.title)] for n in todo})
    report = FillReport(path=str(path), filled=tuple(_name(n) for n in todo),
                        skipped=tuple(_name(n) for n in missing),
                        diff=_diff(path, text, filled.text), backup=None, dry_run=dry_run)
    if dry_run or not todo:
        return report
    _require_writable(path, mode)
    backup = backup_path(path, now)
    _write(backup, data, mode, path)
    try:
        if _read(path)[0] != data:  # edited while we worked: leave it to the user
            raise InputError(f"{path}: changed while it was being filled; nothing was "
                             "written, re-import it and fill again.")
        _write(path, filled.text.encode("utf-8"), mode, path)
    except BaseException:
        backup.unlink(missing_ok=True)
        raise
    try:
        imported = [import_paths(bank, [path], deck=deck, now=now) for deck in decks]
    except (BankError, NotesError) as exc:  # the file is filled: say how to finish
        raise InputError(f"{path}: was filled (the old text is in {backup.name}), but "
                         f"importing it again failed ({exc}); run `dlquiz import {path} "
                         f"--deck {decks[0]}`.") from None
    return FillReport(path=report.path, filled=report.filled, skipped=report.skipped,
                      diff=report.diff, backup=str(backup), dry_run=False,
                      imported=imported[0] if imported else None)


def _write(target: Path, data: bytes, mode: int, notes_file: Path) -> None:
    try:
        write_atomically(target, data, mode)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"{notes_file}: could not write {target.name} ({reason}); the notes "
                         "file is unchanged.") from None
