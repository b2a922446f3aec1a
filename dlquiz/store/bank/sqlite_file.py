"""Before a SQLite bank is opened: is the path one dlquiz may open or create?

dlquiz never guesses: a bank is created only where no file is yet, in a directory that
exists (the default location's directory is the one dlquiz makes itself), and an existing
file is opened only if it is a dlquiz bank. Everything here only reads (a WAL-mode file
without its `-wal` is read as immutable, since even a read-only connection would leave
`-wal` and `-shm` files beside it), so a refused path is left exactly as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dlquiz.store.schema.errors import BankError

SQLITE_HEADER = b"SQLite format 3\x00"
WAL_MODE = 2  # file format version bytes 18 and 19 of the header in WAL mode


def vet_sqlite_location(path: Path, *, default: bool) -> None:
    """Raise BankError (one sentence naming the path) unless `path` holds a dlquiz bank or
    is a free name in an existing directory; the default location's directory is made."""
    if path.is_dir():
        raise BankError(f"{path}: is a directory, not a bank; give a file inside it "
                        f"(e.g. --db {path / 'dlquiz.db'}).")
    if not path.exists():
        _vet_directory(path, default=default)
        return
    if not path.is_file():
        raise BankError(f"{path}: is not a regular file, so it cannot be a bank; choose "
                        "another path with --db.")
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        raise BankError(f"{path}: is an empty file, not a dlquiz bank; dlquiz creates a bank "
                        "only where no file is, so remove it or choose another path.")
    if not header.startswith(SQLITE_HEADER):
        raise BankError(f"{path}: is not a dlquiz bank (not a SQLite file), and nothing was "
                        "written to it; choose another path with --db (if it was a bank, "
                        "its header is damaged: run `dlquiz bank check` or restore a backup).")
    _vet_tables(path, wal=len(header) > 19 and header[18] == WAL_MODE)


def _vet_directory(path: Path, *, default: bool) -> None:
    if path.parent.is_dir():
        return
    if not default:
        raise BankError(f"{path}: the directory {path.parent} does not exist; create it "
                        "first or choose another path with --db (dlquiz does not make it).")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BankError(f"{path.parent}: cannot create the bank's directory "
                        f"({exc.strerror}); set DLQUIZ_HOME or --db.") from None


def _vet_tables(path: Path, *, wal: bool) -> None:
    """A SQLite file must hold dlquiz's revision table. An empty database in WAL mode is
    what an interrupted creation by dlquiz leaves (the schema was still in the `-wal`),
    so it is taken as the bank it was becoming."""
    immutable = not path.with_name(path.name + "-wal").exists()
    uri = f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            tables = sorted(str(row[0]) for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"))
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return  # a damaged bank: opening it reports the damage and points at `bank check`
    if "alembic_version" in tables or (not tables and wal):
        return
    if not tables:
        raise BankError(f"{path}: is an empty SQLite database, not a dlquiz bank; dlquiz "
                        "creates a bank only where no file is, so remove it or choose "
                        "another path.")
    shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
    raise BankError(f"{path}: holds tables that are not a dlquiz bank ({shown}); point --db "
                    "at an existing dlquiz bank or at a path where no file is.")
