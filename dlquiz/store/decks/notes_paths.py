"""Which files an import reads, and reading one: the paths checked before a bank is even
opened, folders searched for markdown files, and a file's bytes read only when it is a
regular file of sane size."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from dlquiz.notes.errors import NotesError
from dlquiz.store.decks.content import NOTES_SUFFIXES

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


def read_notes_bytes(path: Path) -> bytes:
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
