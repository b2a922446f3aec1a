"""Backups: a daily copy before the first write of the day (the newest `backups_kept`
kept), copies that are never overwritten or left half-written, and a full disk named as
the problem."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from dlquiz.srs.settings import StudySettings, save_settings
from dlquiz.store.bank.backups import backups_dir, copy_bank
from dlquiz.store.bank.database import open_bank
from dlquiz.store.schema.errors import BankError

from .bank_factory import bank_with_ratings


def reopened(path: Path) -> object:
    return open_bank(f"sqlite:///{path}")


def test_first_write_of_the_day_makes_one_daily_copy(tmp_path: Path) -> None:
    bank, _ = bank_with_ratings(tmp_path, ratings=1)  # created here: nothing to protect yet
    folder = backups_dir(tmp_path / "bank.db")
    assert not folder.exists()
    again = open_bank(bank.url)
    with again.write():
        pass
    with again.write():
        pass
    (daily,) = folder.glob("daily-*.db")
    assert daily.name == f"daily-{datetime.now().astimezone():%Y-%m-%d}.db"
    conn = sqlite3.connect(daily)
    assert conn.execute("SELECT count(*) FROM review_logs").fetchone() == (1,)
    conn.close()


def test_only_the_newest_daily_copies_are_kept(tmp_path: Path) -> None:
    bank, _ = bank_with_ratings(tmp_path, ratings=1)
    save_settings(bank, StudySettings(backups_kept=2))
    folder = backups_dir(tmp_path / "bank.db")
    folder.mkdir(exist_ok=True)
    for day in ("2026-01-01", "2026-01-02", "2026-01-03"):
        (folder / f"daily-{day}.db").write_bytes(b"old")
    with open_bank(bank.url).write():
        pass
    kept = sorted(p.name for p in folder.glob("daily-*.db"))
    assert kept == ["daily-2026-01-03.db", f"daily-{datetime.now().astimezone():%Y-%m-%d}.db"]


def test_a_backup_never_overwrites(tmp_path: Path) -> None:
    bank_with_ratings(tmp_path)
    target = tmp_path / "copy.db"
    target.write_bytes(b"precious")
    with pytest.raises(BankError, match="already exists"):
        copy_bank(tmp_path / "bank.db", target)
    assert target.read_bytes() == b"precious"


def test_a_copy_finished_after_another_process_made_it_is_dropped(tmp_path: Path) -> None:
    """Two processes making the day's copy at once: each writes its own partial file, the
    first to finish stands, the other's is discarded (before: one `.partial` for both, and
    one of them failed with a disk I/O error)."""
    bank_with_ratings(tmp_path)
    target = tmp_path / "daily.db"
    partial_of_the_other = target.with_name(target.name + ".partial")
    partial_of_the_other.write_bytes(b"half-written by another process")
    target.write_bytes(b"the first copy")
    assert copy_bank(tmp_path / "bank.db", target, exist_ok=True) == target
    assert target.read_bytes() == b"the first copy"
    assert partial_of_the_other.read_bytes() == b"half-written by another process"
    assert sorted(p.name for p in tmp_path.glob("daily.db*")) == ["daily.db", "daily.db.partial"]


def test_full_disk_during_a_backup_leaves_nothing_behind(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """The fault injected where the copy writes: SQLite's backup step reports a full disk."""
    bank_with_ratings(tmp_path)

    class FullDisk(sqlite3.Connection):
        def backup(self, *args: object, **kwargs: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect",
                        lambda *a, **k: real_connect(*a, **k, factory=FullDisk))
    with pytest.raises(BankError, match=r"no room for a backup.*free on the disk"):
        copy_bank(tmp_path / "bank.db", tmp_path / "copy.db")
    assert not list(tmp_path.glob("copy.db*"))


@contextlib.contextmanager
def tiny_disk(folder: Path, size: str) -> Iterator[Path]:
    """A real, small tmpfs (needs root, which CI has)."""
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                   check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")


@needs_root
def test_migration_backup_on_a_full_disk_says_so_and_changes_nothing(tmp_path: Path) -> None:
    from dlquiz.store.bank.database import make_engine
    from dlquiz.store.bank.migrate import current_revision, upgrade

    with tiny_disk(tmp_path / "small", "400k") as disk:
        path = disk / "bank.db"
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine, "0002")
        with engine.begin() as conn:  # fill the bank until a copy of it no longer fits
            conn.exec_driver_sql("CREATE TABLE ballast (x BLOB)")
            while True:
                try:
                    conn.exec_driver_sql("INSERT INTO ballast VALUES (zeroblob(20000))")
                except Exception:
                    break
        engine.dispose()
        with pytest.raises(BankError, match="free"):
            open_bank(f"sqlite:///{path}")
        assert not list(disk.glob("bank.db.bak-*"))  # no empty or partial copy left
        engine = make_engine(f"sqlite:///{path}")
        assert current_revision(engine) == "0002"
        engine.dispose()
