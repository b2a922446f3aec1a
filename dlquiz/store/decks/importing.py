"""The import service: files or directories of notes -> decks in the bank, all or nothing.

Every file is read and parsed before the first write, so a bad file leaves the bank
exactly as it was; the writes then happen in one transaction.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dlquiz.notes.errors import NotesError
from dlquiz.notes.identity import title_key
from dlquiz.notes.model import ParsedNotes
from dlquiz.store.bank.backups import refuse_if_damaged
from dlquiz.store.bank.database import Bank, serialize
from dlquiz.store.bank.location import sqlite_path
from dlquiz.store.cards.cards import lock_journal
from dlquiz.store.cards.twins import settle_twins
from dlquiz.store.decks.changes import clean_deck_name
from dlquiz.store.decks.content import NOTES_SUFFIXES
from dlquiz.store.decks.notes_paths import expand_paths, read_notes_bytes
from dlquiz.store.decks.sync import (
    SourceFile,
    get_or_create_deck,
    record_sources,
    sync_deck,
    unchanged_counts,
)
from dlquiz.store.journal.row_journal import high_water, journal_rows, merge, read_image
from dlquiz.store.journal.row_scopes import import_scope
from dlquiz.store.schema.models import DeckRow, SourceRow
from dlquiz.store.schema.records import ImportReport


def _known_digests(session: Session, deck: str) -> dict[str, str]:
    rows = session.execute(
        select(SourceRow.path, SourceRow.digest).join(DeckRow, DeckRow.id == SourceRow.deck_id)
        .where(DeckRow.name == deck)
    ).all()
    return {path: digest for path, digest in rows}


GONE = ""  # digest recorded for a file that was imported before and has since been deleted


def _unchanged(path: Path, known: dict[str, str]) -> bool:
    """The digest recorded at the file's last import is its bytes' (or GONE, still gone)."""
    if not path.exists() and str(path) in known:
        return known[str(path)] == GONE
    return known.get(str(path)) == hashlib.sha256(read_notes_bytes(path)).hexdigest()


def _load(path: Path, known: dict[str, str], builtin: bool = False) -> SourceFile:
    if not path.exists() and str(path) in known:  # deleted since the last import
        if known[str(path)] == GONE:
            return SourceFile(path=str(path), digest=GONE, parsed=None)
        return SourceFile(path=str(path), digest=GONE, parsed=ParsedNotes(notes=()))
    data = read_notes_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    if known.get(str(path)) == digest:
        return SourceFile(path=str(path), digest=digest, parsed=None)
    # deferred: the parser (markdown-it) is only needed when a file changed
    from dlquiz.notes.diagnose import no_notes_reason
    from dlquiz.notes.reading import decode_notes
    from dlquiz.store.decks.parsed_files import parse_file

    text = decode_notes(data, str(path))
    parsed = parse_file(path, digest, text, builtin=builtin)
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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cycle collection while an import builds its hundreds of thousands of short-lived
    objects (tokens, notes, rows): it took a third of the parse's time and freed nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_files(bank: Bank, groups: Sequence[tuple[str, Sequence[Path]]], *,
                 dry_run: bool = False, builtin: bool = False, now: datetime | None = None,
                 explicit: frozenset[str] = frozenset()) -> ImportReport:
    """Import `(deck name, files)` groups; returns the counts (nothing written on dry run).
    `explicit` are the files named on the command line (see _refuse_or_warn)."""
    with _collector_paused():
        return _import_files(bank, groups, dry_run=dry_run, builtin=builtin, now=now,
                             explicit=explicit)


def _import_files(bank: Bank, groups: Sequence[tuple[str, Sequence[Path]]], *,
                  dry_run: bool, builtin: bool, now: datetime | None,
                  explicit: frozenset[str]) -> ImportReport:
    now = now or datetime.now(UTC)
    report = ImportReport(dry_run=dry_run)
    with bank.read() as session:
        known = {deck: _known_digests(session, deck) for deck, _ in groups}
        if all(_unchanged(path, known[deck]) for deck, files in groups for path in files):
            # the bank holds every file as it is: a full import would only count the notes
            return _count_unchanged(bank, session, groups, report)
    # parsing may fork worker processes: no database connection is checked out meanwhile
    loaded = [(deck, [_load(path, known[deck], builtin) for path in files])
              for deck, files in groups]
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


def _count_unchanged(bank: Bank, session: Session, groups: Sequence[tuple[str, Sequence[Path]]],
                     report: ImportReport) -> ImportReport:
    """What sync_deck would count when no file changed, read in the snapshot the digests
    were compared in. Nothing is written: no write lock, no undo entry, no daily backup; a
    bank found damaged still refuses, as a full import's write transaction would."""
    path = sqlite_path(bank.url)
    if path is not None:
        refuse_if_damaged(path)
    for deck, files in groups:
        deck_id = session.scalar(select(DeckRow.id).where(DeckRow.name == deck))
        if deck_id is None:
            continue
        unchanged, drafts = unchanged_counts(session, deck_id, [str(p) for p in files])
        report = replace(report, unchanged=report.unchanged + unchanged,
                         drafts=report.drafts + drafts, files=report.files + len(files),
                         decks=(*report.decks, deck))
    return report


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
