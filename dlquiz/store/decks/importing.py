"""The import service: files or directories of notes -> decks in the bank, all or nothing.

Every file is read and parsed before the first write, so a bad file leaves the bank
exactly as it was; the writes then happen in one transaction.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dlquiz.notes.diagnose import no_notes_reason
from dlquiz.notes.errors import NotesError
from dlquiz.notes.identity import title_key
from dlquiz.notes.model import ParsedNotes
from dlquiz.notes.parallel import parse_notes_parallel
from dlquiz.notes.reading import decode_notes
from dlquiz.store.bank.database import Bank, serialize
from dlquiz.store.cards.cards import lock_journal
from dlquiz.store.cards.twins import settle_twins
from dlquiz.store.decks.changes import clean_deck_name
from dlquiz.store.decks.content import NOTES_SUFFIXES
from dlquiz.store.decks.sync import SourceFile, get_or_create_deck, record_sources, sync_deck
from dlquiz.store.journal.row_journal import high_water, journal_rows, merge, read_image
from dlquiz.store.journal.row_scopes import import_scope
from dlquiz.store.schema.models import DeckRow, SourceRow
from dlquiz.store.schema.records import ImportReport

MAX_FILE_BYTES = 200 * 1024 * 1024  # a notes file this big is a mistake, not notes


def require_paths(paths: Iterable[Path]) -> None:
    """Every path names an existing regular file or folder (checked before a bank is even
    opened, and without opening it: a FIFO would block, a device would never end)."""
    for raw in paths:
        try:
            mode = os.stat(raw.expanduser()).st_mode
        except OSError:
            raise NotesError(f"{raw}: no such file or directory; give a notes file or a "
                             "folder of .md files.", path=str(raw)) from None
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            raise NotesError(f"{raw}: is not a regular file ({_file_kind(mode)}); give a "
                             "markdown notes file or a folder of them.", path=str(raw))
        if stat.S_ISREG(mode):
            _require_size(raw, os.stat(raw.expanduser()).st_size)


def _require_size(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise NotesError(f"{path}: is {size / 2**20:.0f} MB, more than the "
                         f"{MAX_FILE_BYTES // 2**20} MB a notes file may be; split it into "
                         "several files.", path=str(path))


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _read_notes_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES (checked before reading)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise NotesError(f"{path}: is not a regular file ({_file_kind(info.st_mode)}); "
                             "give a markdown notes file.", path=str(path))
        _require_size(path, info.st_size)
        return path.read_bytes()
    except OSError as exc:
        raise NotesError(f"{path}: cannot be read ({exc.strerror}).", path=str(path)) from None


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given, directories searched recursively for markdown files (sorted)."""
    require_paths(paths)
    files: list[Path] = []
    for raw in paths:
        path = raw.expanduser()
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in NOTES_SUFFIXES))
        else:
            files.append(path)
    return list(dict.fromkeys(p.resolve() for p in files))


def _known_digests(session: Session, deck: str) -> dict[str, str]:
    rows = session.execute(
        select(SourceRow.path, SourceRow.digest).join(DeckRow, DeckRow.id == SourceRow.deck_id)
        .where(DeckRow.name == deck)
    ).all()
    return {path: digest for path, digest in rows}


GONE = ""  # digest recorded for a file that was imported before and has since been deleted


def _load(path: Path, known: dict[str, str]) -> SourceFile:
    if not path.exists() and str(path) in known:  # deleted since the last import
        if known[str(path)] == GONE:
            return SourceFile(path=str(path), digest=GONE, parsed=None)
        return SourceFile(path=str(path), digest=GONE, parsed=ParsedNotes(notes=()))
    data = _read_notes_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    if known.get(str(path)) == digest:
        return SourceFile(path=str(path), digest=digest, parsed=None)
    text = decode_notes(data, str(path))
    parsed = parse_notes_parallel(text, base_dir=path.parent, source=str(path))
    reason = no_notes_reason(text) if not parsed.notes else None
    return SourceFile(path=str(path), digest=digest, parsed=parsed, empty_reason=reason,
                      known=str(path) in known)


def _refuse_or_warn(sources: Sequence[SourceFile], explicit: frozenset[str]) -> list[str]:
    """A file named on the command line that holds no notes (and never did) is an error
    with the reason; one found in a folder is skipped with a warning. A file that had
    notes and now has none is a deliberate emptying: its notes are retired."""
    warnings = []
    for source in sources:
        if source.empty_reason is None or source.known:
            continue
        if source.path in explicit:
            raise NotesError(f"{source.path}: {source.empty_reason}; nothing was imported.",
                             path=source.path)
        warnings.append(f"{source.path}: {source.empty_reason}; skipped.")
    return warnings


def import_files(bank: Bank, groups: Sequence[tuple[str, Sequence[Path]]], *,
                 dry_run: bool = False, builtin: bool = False, now: datetime | None = None,
                 explicit: frozenset[str] = frozenset()) -> ImportReport:
    """Import `(deck name, files)` groups; returns the counts (nothing written on dry run).
    `explicit` are the files named on the command line (see _refuse_or_warn)."""
    now = now or datetime.now(UTC)
    report = ImportReport(dry_run=dry_run)
    with bank.read() as session:
        known = {deck: _known_digests(session, deck) for deck, _ in groups}
    # parsing may fork worker processes: no database connection is checked out meanwhile
    loaded = [(deck, [_load(path, known[deck]) for path in files]) for deck, files in groups]
    warnings = [w for _, sources in loaded for s in sources if s.parsed
                for w in s.parsed.warnings]
    for _, sources in loaded:
        warnings += _refuse_or_warn(sources, explicit)
    names = sorted({deck for deck, _ in loaded})
    with bank.write(dry_run=dry_run) as session:
        for deck in names:  # two imports of one deck (two machines) run one after the other
            serialize(session, f"deck:{deck}")
        journaled = not builtin and not dry_run
        if journaled:  # the import becomes one entry of the undo journal
            lock_journal(session)
            keys = {title_key(note.title) for _, sources in loaded for source in sources
                    if source.parsed for note in source.parsed.notes}
            scope = import_scope(session, names, keys)
            before = read_image(session, scope)
            fresh_above = high_water(session)
        for deck, sources in loaded:
            if all(s.parsed is None or not s.parsed.notes for s in sources):
                # nothing new to add: an existing deck is synced, none is created
                deck_id = session.scalar(select(DeckRow.id).where(DeckRow.name == deck))
            else:
                deck_id = get_or_create_deck(session, deck, now, builtin=builtin)
            if deck_id is None:
                continue
            changes = sync_deck(session, deck_id, sources, now)
            if not builtin:  # one question, one card: history follows the studied card
                settle_twins(session, changes.appeared, changes.went)
            record_sources(session, deck_id, sources, now)
            report = replace(
                report, added=report.added + changes.added,
                updated=report.updated + changes.updated,
                unchanged=report.unchanged + changes.unchanged,
                retired=report.retired + changes.retired,
                drafts=report.drafts + changes.drafts, files=report.files + len(sources),
                decks=(*report.decks, deck))
        if journaled and (report.added or report.updated or report.retired):
            session.flush()
            after = read_image(session, merge(scope, import_scope(session, names, keys)))
            journal_rows(session, "import", f"import into deck{'s' if len(names) > 1 else ''} "
                         + ", ".join(f"'{n}'" for n in names), now, before, after,
                         fresh_above=fresh_above)
    return replace(report, warnings=tuple(warnings))


def vanished_sources(bank: Bank, folders: Sequence[Path]) -> dict[str, list[Path]]:
    """Files imported earlier from these folders that are gone now, by deck: importing the
    folder again retires their notes (history kept), as deleting a question would."""
    roots = [folder.expanduser().resolve() for folder in folders if folder.is_dir()]
    if not roots:
        return {}
    with bank.read() as session:
        rows = session.execute(select(DeckRow.name, SourceRow.path, SourceRow.digest)
                               .join(DeckRow, DeckRow.id == SourceRow.deck_id)).all()
    gone: dict[str, list[Path]] = {}
    for deck, raw, digest in rows:
        path = Path(raw)
        if digest != GONE and not path.exists() and any(root in path.parents for root in roots):
            gone.setdefault(deck, []).append(path)
    return gone


def deck_names(paths: Sequence[Path], deck: str | None) -> dict[str, list[Path]]:
    """The deck each file goes into: `deck` if given (refused when empty or with control
    characters), else the file's stem. Nothing is read or written."""
    name = clean_deck_name(deck) if deck is not None else None
    by_deck: dict[str, list[Path]] = {}
    for path in expand_paths(paths):
        by_deck.setdefault(name if name is not None else clean_deck_name(path.stem),
                           []).append(path)
    return by_deck


def import_paths(bank: Bank, paths: Sequence[Path], *, deck: str | None = None,
                 dry_run: bool = False, now: datetime | None = None) -> ImportReport:
    """`dlquiz import`: each file becomes the deck named after it unless `deck` is given;
    a folder imported again also retires the notes of its files that were deleted."""
    by_deck = deck_names(paths, deck)
    for name, gone in vanished_sources(bank, paths).items():
        by_deck.setdefault(name, []).extend(gone)
    if not by_deck:
        raise NotesError(f"{', '.join(str(p) for p in paths)}: no markdown notes found "
                         f"(looked for {', '.join('*' + s for s in NOTES_SUFFIXES)} "
                         "recursively); give a notes file or a folder that holds some.")
    explicit = frozenset(str(p.expanduser().resolve()) for p in paths if not p.is_dir())
    return import_files(bank, list(by_deck.items()), dry_run=dry_run, now=now,
                        explicit=explicit)
