"""Open an Anki package (.apkg, .colpkg): which collection file to read, unpacked to a
temporary SQLite file, and the media list.

The zip's `meta` entry (a small protocol-buffer message) names the package version:
1 means `collection.anki2`, 2 `collection.anki21` (both plain SQLite), 3 the
zstd-compressed `collection.anki21b` with a zstd-compressed protobuf media list and
zstd-compressed media files. A package without `meta` is version 2 when it holds a
`collection.anki21`, else version 1. Current Anki also writes a small dummy
`collection.anki2` beside the real collection, telling old clients to upgrade: it is never
read when the meta entry (or a `collection.anki21`) names another file. Unknown versions
are refused, as Anki itself refuses them.
"""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from dlquiz.interop import wire
from dlquiz.interop.anki_file import unicase
from dlquiz.interop.limits import MAX_COLLECTION_BYTES, copy_bounded, entry_problem
from dlquiz.store.schema import InputError

COLLECTIONS = {1: "collection.anki2", 2: "collection.anki21", 3: "collection.anki21b"}
MAX_LIST_BYTES = 64 * 1024**2  # the media list and the meta entry


@dataclass(frozen=True)
class OpenedPackage:
    """A package unpacked far enough to read: its version, the collection as a SQLite file,
    and the media files by name -> their entry in the zip."""

    path: Path
    version: int
    collection: Path
    media: dict[str, str]
    archive: zipfile.ZipFile

    def media_sizes(self, name: str) -> tuple[int, int]:
        """(unpacked, packed) bytes of one media file as the package declares them."""
        return declared_sizes(self.archive, self.media[name], zstd=self.version >= 3)

    @contextmanager
    def open_media(self, name: str) -> Iterator[IO[bytes]]:
        """One media file as a stream (decompressed for version 3 packages)."""
        with self.archive.open(self.media[name]) as raw:
            yield _unzstd_reader(raw) if self.version >= 3 else raw


def _refuse(path: Path, why: str) -> InputError:
    return InputError(f"{path}: {why}; nothing was imported.")


def package_version(path: Path, archive: zipfile.ZipFile) -> int:
    names = set(archive.namelist())
    if "meta" in names:
        try:
            version = wire.first_int(_entry_bytes(path, archive, "meta", zstd=False,
                                                  what="its 'meta' entry"), 1)
        except (wire.WireError, zipfile.BadZipFile, OSError):
            raise _refuse(path, "its 'meta' entry is unreadable, so the package version is "
                                "unknown") from None
        if version not in COLLECTIONS:
            raise _refuse(path, f"it is an Anki package of version {version}, newer than "
                                "dlquiz can read; export it again from Anki with "
                                "'Support older Anki versions' ticked")
        return version
    return 2 if COLLECTIONS[2] in names else 1


def _unzstd_reader(source: IO[bytes]) -> IO[bytes]:
    """A zstd stream read a chunk at a time: output per read is bounded, however much a
    frame expands (a one-shot decompress of a crafted 1 MB frame could need gigabytes)."""
    import zstandard  # deferred: only current-format packages need it

    return zstandard.ZstdDecompressor().stream_reader(source)


def _stated_size(archive: zipfile.ZipFile, entry: str) -> int:
    """The content size a zstd frame header states, or -1 (streamed frames state none)."""
    import zstandard  # deferred: only current-format packages need it

    with archive.open(entry) as raw:
        header = raw.read(18)
    try:
        return int(zstandard.frame_content_size(header))
    except zstandard.ZstdError:
        return -1


def declared_sizes(archive: zipfile.ZipFile, entry: str, *, zstd: bool) -> tuple[int, int]:
    """(unpacked, packed) bytes of a zip entry as declared: the zip's own sizes, and for a
    zstd-compressed entry the content size its frame header states (when it states none,
    the packed size: the limits are then enforced while unpacking)."""
    info = archive.getinfo(entry)
    stated = _stated_size(archive, entry) if zstd else -1
    return (stated if stated >= 0 else info.file_size), info.compress_size


def unpack_bounded(path: Path, archive: zipfile.ZipFile, entry: str, write: Callable[[bytes],
                   object], *, zstd: bool, limit: int, what: str) -> int:
    """Copy one entry out of the package through `write`, refused (InputError, one
    sentence) when its declared or actual size passes `limit` or the bomb ratio."""
    unpacked, packed = declared_sizes(archive, entry, zstd=zstd)
    problem = entry_problem(unpacked, packed, limit)
    if problem:
        raise _refuse(path, f"{what} {problem}")
    damaged: tuple[type[Exception], ...] = (zipfile.BadZipFile, EOFError, OSError, ValueError)
    if zstd:
        import zstandard  # deferred: only current-format packages need it

        damaged += (zstandard.ZstdError,)
    try:
        with archive.open(entry) as raw:
            source = _unzstd_reader(raw) if zstd else raw
            copied = copy_bounded(source, write, limit,
                                  lambda why: _refuse(path, f"{what} {why}"))
    except damaged as exc:
        raise _refuse(path, f"{what} is truncated or damaged ({exc}); export it again"
                      ) from None
    if zstd and _stated_size(archive, entry) > copied:
        raise _refuse(path, f"{what} is truncated; export it again")
    return copied


def _entry_bytes(path: Path, archive: zipfile.ZipFile, entry: str, *, zstd: bool,
                 what: str) -> bytes:
    out = io.BytesIO()
    unpack_bounded(path, archive, entry, out.write, zstd=zstd, limit=MAX_LIST_BYTES,
                   what=what)
    return out.getvalue()


def _media_map(path: Path, archive: zipfile.ZipFile, version: int) -> dict[str, str]:
    """name -> zip entry. Legacy packages keep a JSON object {"0": "name.jpg", …}; version 3
    a zstd-compressed MediaEntries message (field 1: entries, each with name = 1 and an
    optional legacy zip name = 255; otherwise the entry is named by its index)."""
    if "media" not in archive.namelist():
        return {}
    try:
        data = _entry_bytes(path, archive, "media", zstd=version >= 3, what="its media list")
        if version < 3:
            raw = json.loads(data.decode("utf-8") or "{}")
            return {str(name): str(entry) for entry, name in raw.items()} if isinstance(
                raw, dict) else {}
        found = {}
        for index, entry in enumerate(wire.repeated(data, 1)):
            name = wire.first_text(entry, 1)
            zip_name = wire.first_int(entry, 255, index)
            if name:
                found[name] = str(zip_name)
        return found
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
        raise _refuse(path, "its media list is unreadable") from None


def _check_sqlite(path: Path, db: Path) -> None:
    """A collection that SQLite cannot read whole (truncated, damaged) is refused here,
    before anything is converted."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        conn.create_collation("unicase", unicase)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, f"its collection is not a readable database ({exc}); the file "
                            "is truncated or damaged: export it again") from None
    if verdict is None or verdict[0] != "ok":
        raise _refuse(path, "its collection is truncated or damaged (SQLite's check fails); "
                            "export it again")
    if not {"notes", "cards", "revlog", "col"} <= tables:
        raise _refuse(path, "its collection has no notes, cards or review tables")


@contextmanager
def open_package(path: Path) -> Iterator[OpenedPackage]:
    """Unpack the collection of the package at `path` into a temporary directory that lives
    as long as the block."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        why = ("is not an Anki package (not a zip file, or a truncated one); export it "
               "from Anki as .apkg or .colpkg" if isinstance(exc, zipfile.BadZipFile)
               else f"cannot be read ({exc.strerror or exc})")
        raise InputError(f"{path}: {why}; nothing was imported.") from None
    with archive, tempfile.TemporaryDirectory(prefix="dlquiz-anki-") as tmp:
        version = package_version(path, archive)
        name = COLLECTIONS[version]
        if name not in archive.namelist():
            raise _refuse(path, "it holds no Anki collection (no collection.anki2, "
                                "collection.anki21 or collection.anki21b)")
        target = Path(tmp) / "collection.sqlite"
        with target.open("wb") as out:
            unpack_bounded(path, archive, name, out.write, zstd=version == 3,
                           limit=MAX_COLLECTION_BYTES, what=f"its collection ({name})")
        _check_sqlite(path, target)
        yield OpenedPackage(path=path, version=version, collection=target,
                            media=_media_map(path, archive, version), archive=archive)
