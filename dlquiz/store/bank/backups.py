"""Copies of a SQLite bank: before a migration, once a day before the first write, and on
request (`dlquiz bank backup`). Every copy is made with SQLite's online backup API (so it is
consistent even while another process writes), into a `.partial` file of this process's own
that is linked into place only when complete: a backup that exists is a whole one, none is
ever overwritten, and two processes making the same daily copy at once do not collide.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import sqlite3
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from dlquiz.store.bank.explain import damage_marker, free_space_note
from dlquiz.store.schema.errors import BankDamagedError, BankError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Bank(Protocol):
    """What a daily backup needs of database.Bank (whose writes call it), named here so
    that this module does not import database back."""

    @property
    def created(self) -> bool: ...
    def read(self) -> AbstractContextManager[Session]: ...

DEFAULT_BACKUPS_KEPT = 7
SETTINGS_KEY = "study_settings"


def refuse_if_damaged(path: Path) -> None:
    marker = damage_marker(path)
    if marker.exists():
        raise BankDamagedError(f"{path}: the bank was found damaged and is read-only until "
                               "`dlquiz bank check` passes; run it first.")


def copy_bank(source: Path, target: Path, *, exist_ok: bool = False) -> Path:
    """Online backup of `source` into `target` (refused if it exists, unless `exist_ok`:
    then the copy that got there first stands); on any failure the partial copy is removed
    and the error names the disk space when that is the cause."""
    if target.exists() and not exist_ok:
        raise BankError(f"{target}: already exists; choose another name for the backup.")
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(partial)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
        published = _publish(partial, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise _failure(exc, source, target) from None
    if not published and not exist_ok:
        raise BankError(f"{target}: was made by another process meanwhile; choose another "
                        "name for the backup.")
    return target


def _publish(partial: Path, target: Path) -> bool:
    """Move the finished copy into place without overwriting anything: False (and the
    copy dropped) when `target` appeared meanwhile."""
    try:
        os.link(partial, target)
    except FileExistsError:
        published = False
    except OSError:  # a file system without hard links: check, then rename
        published = not target.exists()
        if published:
            partial.replace(target)
            return True
    else:
        published = True
    partial.unlink()
    return published


def _failure(exc: BaseException, source: Path, target: Path) -> BankError:
    detail = str(exc).lower()
    if "full" in detail or "no space" in detail or getattr(exc, "errno", None) == errno.ENOSPC:
        return BankError(f"{target}: no room for a backup of {source}: "
                         f"{free_space_note(target.parent)}; free some disk space and try "
                         "again (nothing was changed).")
    return BankError(f"{target}: the backup of {source} failed ({exc}); nothing was changed.")


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file, so the file's bytes are the whole bank."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def migration_backup(path: Path, revision: str, now: datetime) -> Path:
    """The copy taken before upgrading from `revision`. Named by time and content digest;
    an upgrade that is retried after being interrupted finds its earlier copy (same bytes,
    since the interrupted upgrade rolled back) instead of writing another."""
    try:
        checkpoint(path)
        short = file_digest(path)[:12]
    except (OSError, sqlite3.Error) as exc:
        raise _failure(exc, path, path.with_name(f"{path.name}.bak-{revision}")) from None
    existing = sorted(path.parent.glob(f"{path.name}.bak-{revision}-*-{short}"))
    if existing:
        return existing[-1]
    stamp = now.strftime("%Y%m%dT%H%M%S")
    return copy_bank(path, path.with_name(f"{path.name}.bak-{revision}-{stamp}-{short}"))


def backups_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def daily_backup(path: Path, bank: Bank, now: datetime) -> Path | None:
    """Before the first write of a (local) day, copy the bank and keep the newest
    `backups_kept` daily copies. A bank created by this process has nothing to protect."""
    if bank.created or not path.exists():
        return None
    folder = backups_dir(path)
    target = folder / f"daily-{now.astimezone():%Y-%m-%d}.db"
    if target.exists():
        return None
    kept = _backups_kept(bank)
    if kept <= 0:
        return None
    folder.mkdir(exist_ok=True)
    copy_bank(path, target, exist_ok=True)  # another process may be making it right now
    for old in sorted(folder.glob("daily-*.db"))[:-kept]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def _backups_kept(bank: Bank) -> int:
    from sqlalchemy import text  # the store's own engine; deferred with the rest of it

    with bank.read() as session:
        raw = session.execute(text("SELECT value FROM meta WHERE key = :k"),
                              {"k": SETTINGS_KEY}).scalar()
    if raw is None:
        return DEFAULT_BACKUPS_KEPT
    value = json.loads(raw).get("backups_kept", DEFAULT_BACKUPS_KEPT)
    return int(value)
