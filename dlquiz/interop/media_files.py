"""The media files of an Anki import, copied into the `--media` folder safely: a name that
could leave the folder (or only looks as if it might: percent-encoded, absolute, with a
backslash or control character) is refused with a warning; sizes are checked against the
limits before anything is written; each file is streamed into a fresh temporary file made
with mkstemp (O_EXCL, so a planted file or symlink is never opened) in the folder, and
renamed into place only after the notes are in the bank."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dlquiz.interop.limits import MAX_ENTRY_BYTES, MAX_TOTAL_BYTES, entry_problem
from dlquiz.store.schema import InputError

_SUSPICIOUS = re.compile(r"[/\\\x00-\x1f\x7f]|%[0-9A-Fa-f]{2}|^[A-Za-z]:")


def safe_media_name(name: str) -> bool:
    """A plain file name: no directory part, no leading dot, nothing encoded."""
    return (bool(name) and not _SUSPICIOUS.search(name) and not name.startswith(".")
            and name == Path(name).name)


@dataclass(frozen=True)
class MediaFile:
    """One file to copy: its name in the folder and where it sits in which package."""

    package: Path
    name: str
    entry: str
    zstd: bool
    size: int  # as declared


def check_sizes(path: Path, files: Sequence[MediaFile], packed: Iterable[int]) -> None:
    """Refuse the package (InputError) when a file or all of them are too large."""
    total = 0
    for media, size in zip(files, packed, strict=True):
        problem = entry_problem(media.size, size, MAX_ENTRY_BYTES)
        if problem:
            raise InputError(f"{path}: media file '{media.name}' {problem}; nothing was "
                             "imported.")
        total += media.size
    if total > MAX_TOTAL_BYTES:
        raise InputError(f"{path}: its media files unpack to {total / 1024**2:.0f} MB, more "
                         f"than the {MAX_TOTAL_BYTES // 1024**3} GB allowed; nothing was "
                         "imported.")


@dataclass(frozen=True)
class Staged:
    temporary: Path
    target: Path


def stage(folder: Path, files: Sequence[MediaFile]) -> list[Staged]:
    """Unpack every file to a temporary file in `folder` (all or none: on any error the
    temporary files are removed and the error raised)."""
    from dlquiz.interop.package import unpack_bounded  # deferred: imports the zip reader

    staged: list[Staged] = []
    archives: dict[Path, zipfile.ZipFile] = {}
    left = MAX_TOTAL_BYTES
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for media in files:
            archive = archives.get(media.package) or archives.setdefault(
                media.package, zipfile.ZipFile(media.package))
            fd, name = tempfile.mkstemp(dir=folder, prefix=".dlquiz-", suffix=".partial")
            staged.append(Staged(Path(name), folder / media.name))
            with os.fdopen(fd, "wb") as out:
                left -= unpack_bounded(media.package, archive, media.entry, out.write,
                                       zstd=media.zstd, limit=min(MAX_ENTRY_BYTES, left),
                                       what=f"media file '{media.name}'")
    except OSError as exc:
        discard(staged)
        raise InputError(f"{folder}: cannot write the media files there "
                         f"({exc.strerror or exc}); nothing was imported.") from None
    except BaseException:
        discard(staged)
        raise
    finally:
        for archive in archives.values():
            archive.close()
    return staged


def discard(staged: Iterable[Staged]) -> None:
    for item in staged:
        item.temporary.unlink(missing_ok=True)


def place(staged: Sequence[Staged]) -> int:
    """Rename the staged files into place (a rename replaces a symlink at the target
    rather than writing through it)."""
    for n, item in enumerate(staged):
        try:
            os.replace(item.temporary, item.target)
        except OSError as exc:
            discard(staged[n:])
            raise InputError(f"{item.target}: cannot put the media file there "
                             f"({exc.strerror or exc}); the notes were imported and {n} "
                             "media files copied; free the name and import again.") from None
    return len(staged)
