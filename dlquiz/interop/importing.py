"""`dlquiz import` for files of other programs: Anki packages (.apkg, .colpkg) and CSV/TSV.

Every file is read and converted before the first write, so a bad file leaves the bank as
it was; media files (when a media folder is given) are unpacked to temporary files within
their size limits, the notes and their histories are then written in one transaction, and
only after that are the media files renamed into place (see media_files).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from dlquiz.interop.keys import UniqueKeys
from dlquiz.interop.media_files import (
    MediaFile,
    check_sizes,
    discard,
    place,
    safe_media_name,
    stage,
)
from dlquiz.srs.days import local_zone
from dlquiz.srs.settings import load_settings
from dlquiz.store.bank import Bank
from dlquiz.store.interop import IncomingNote, import_foreign_notes
from dlquiz.store.schema import InputError

ANKI_SUFFIXES = (".apkg", ".colpkg")
TABLE_SUFFIXES = (".csv", ".tsv")
FOREIGN_SUFFIXES = ANKI_SUFFIXES + TABLE_SUFFIXES
MAX_PACKAGE_BYTES = 4 * 1024**3


def is_foreign(path: Path) -> bool:
    """A file `dlquiz import` reads here rather than as markdown notes."""
    return path.suffix.lower() in FOREIGN_SUFFIXES


@dataclass(frozen=True)
class ForeignImportReport:
    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    reviews: int = 0
    reviews_known: int = 0
    reviews_before_reset: int = 0
    skipped_generated: int = 0
    media_copied: int = 0
    decks: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["decks"] = list(self.decks)
        data["warnings"] = list(self.warnings)
        return data


@dataclass(frozen=True)
class _Read:
    notes: tuple[IncomingNote, ...]
    media: tuple[MediaFile, ...]
    skipped_generated: int = 0
    before_reset: int = 0
    warnings: tuple[str, ...] = ()


def _require_file(path: Path) -> None:
    try:
        info = os.stat(path)
    except OSError:
        raise InputError(f"{path}: no such file; nothing was imported.") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: is not a regular file; give an .apkg, .colpkg, .csv or "
                         ".tsv file; nothing was imported.")
    if info.st_size > MAX_PACKAGE_BYTES:
        raise InputError(f"{path}: is larger than {MAX_PACKAGE_BYTES // 1024**3} GB; "
                         "nothing was imported.")


def _read_anki(path: Path, deck: str | None, media: Path | None) -> _Read:
    from dlquiz.interop.anki_convert import convert
    from dlquiz.interop.anki_file import read_collection
    from dlquiz.interop.package import open_package

    with open_package(path) as package:
        try:
            collection = read_collection(package.collection)
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: its collection is not one dlquiz can read ({exc}); "
                             "nothing was imported.") from None
        result = convert(collection, str(path.resolve()), deck=deck, media=media)
        files: list[MediaFile] = []
        packed: list[int] = []
        warnings = list(result.warnings)
        if media is not None:
            for name in sorted(result.media):
                if not safe_media_name(name):
                    warnings.append(f"{path}: media file name '{name}' is not a plain file "
                                    "name; not copied.")
                    continue
                if name not in package.media:
                    continue
                unpacked, size = package.media_sizes(name)
                files.append(MediaFile(package=path, name=name, entry=package.media[name],
                                       zstd=package.version >= 3, size=unpacked))
                packed.append(size)
            check_sizes(path, files, packed)
    return _Read(notes=result.notes, media=tuple(files),
                 skipped_generated=result.skipped_generated,
                 before_reset=result.reviews_before_reset, warnings=tuple(warnings))


def _read_table(path: Path, deck: str | None) -> _Read:
    from dlquiz.interop.csv_io import read_csv

    rows = read_csv(path, path.read_bytes())
    keys = UniqueKeys()
    notes = []
    for position, row in enumerate(rows):
        name = deck or row.deck or path.stem
        key = keys.key(name, row.key) if row.key else keys.for_title(name, row.note.title)
        notes.append(IncomingNote(deck=name, key=key, note=row.note,
                                  source=str(path.resolve()), position=position))
    return _Read(notes=tuple(notes), media=())


@dataclass(frozen=True)
class ForeignFiles:
    """Files read and converted, ready to write: nothing of the bank was touched yet."""

    reads: tuple[_Read, ...]
    media: Path | None


def read_foreign(paths: Sequence[Path], *, deck: str | None = None,
                 media: Path | None = None) -> ForeignFiles:
    """Read and convert every file (a bad one raises InputError before any write; the
    bank need not even exist yet)."""
    if media is not None and media.expanduser().exists() and not media.expanduser().is_dir():
        raise InputError(f"{media}: --media must name a folder; nothing was imported.")
    folder = media.expanduser().resolve() if media is not None else None
    reads = []
    for raw in paths:
        path = raw.expanduser()
        _require_file(path)
        if path.suffix.lower() in ANKI_SUFFIXES:
            reads.append(_read_anki(path, deck, folder))
        elif path.suffix.lower() in TABLE_SUFFIXES:
            reads.append(_read_table(path, deck))
        else:
            raise InputError(f"{path}: not an Anki package or a CSV/TSV file; nothing was "
                             "imported.")
    return ForeignFiles(reads=tuple(reads), media=folder)


def import_foreign(bank: Bank, files: ForeignFiles, *, dry_run: bool = False,
                   now: datetime | None = None, zone: tzinfo | None = None) -> ForeignImportReport:
    """Write what read_foreign read; returns what was (or would be) done. Review histories
    are replayed in study days of `zone` (default: the machine's)."""
    from dlquiz.interop.replay import replayer  # deferred: loads the scheduler

    now = now or datetime.now(UTC)
    reads = files.reads
    notes = [note for read in reads for note in read.notes]
    media = list({m.name: m for read in reads for m in read.media}.values())
    copied = len(media)
    staged = stage(files.media, media) if files.media is not None and not dry_run else []
    try:
        counts = import_foreign_notes(bank, notes, replayer(load_settings(bank),
                                                            zone or local_zone()),
                                      now, dry_run=dry_run)
    except BaseException:
        discard(staged)
        raise
    if staged:
        copied = place(staged)
    return ForeignImportReport(
        files=len(reads), added=counts.added, updated=counts.updated,
        unchanged=counts.unchanged, reviews=counts.reviews, reviews_known=counts.reviews_known,
        reviews_before_reset=sum(r.before_reset for r in reads),
        skipped_generated=sum(r.skipped_generated for r in reads), media_copied=copied,
        decks=counts.decks, warnings=tuple(w for r in reads for w in r.warnings),
        dry_run=dry_run)
