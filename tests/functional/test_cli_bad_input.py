"""Bad input is one sentence and exit code 2, with nothing written: out-of-range ids,
settings out of bounds, files that are not regular files, a full disk, a damaged bank."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.store.bank.location import resolve_url, sqlite_path

runner = CliRunner()
TOO_BIG = "9223372036854775808"  # 2**63: one past SQLite's largest integer


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def one_sentence(err: str) -> bool:
    return err.startswith("dlquiz: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture
def bank(bank_home: Path, tmp_path: Path) -> Path:
    notes = tmp_path / "mine.md"
    notes.write_text("## 001 卷积是什么？\n\n滑动窗口内的加权求和。\n\n## 002 100% 的 a_b\n\n"
                     "答案。\n", encoding="utf-8")
    assert invoke("import", str(notes))[0] == 0
    path = sqlite_path(resolve_url())
    assert path is not None
    return path


@pytest.mark.parametrize("args", [
    ("show", TOO_BIG), ("show", "0"), ("show", "-5"), ("review", "rate", TOO_BIG, "good"),
    ("suspend", TOO_BIG), ("unsuspend", TOO_BIG), ("bury", TOO_BIG), ("unbury", TOO_BIG),
])
def test_ids_out_of_range(bank: Path, args: tuple[str, ...]) -> None:
    code, _, err = invoke(*args)
    assert code == 2 and one_sentence(err), err
    assert "no " in err and "id" in err


@pytest.mark.parametrize(("name", "value"), [
    ("new_per_day", "99999999999999999999999"), ("new_per_day", "-1"),
    ("desired_retention", "nan"), ("desired_retention", "1.5"), ("learning_steps", "0"),
    ("maximum_interval", "0"), ("leech_lapses", "1000"), ("day_rollover_hour", "24"),
    ("backups_kept", "-2"), ("enable_fuzzing", "maybe"),
])
def test_settings_out_of_bounds_are_refused(bank: Path, name: str, value: str) -> None:
    code, _, err = invoke("config", name, value)
    assert code == 2 and one_sentence(err), err
    assert invoke("due")[0] == 0  # nothing stored, everything still works
    assert invoke("config", "new_per_day")[1].strip() == "new_per_day = 20"


def test_device_fifo_and_huge_files_are_refused_without_a_bank(bank_home: Path,
                                                                 tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:  # sparse: 201 MB without writing them
        handle.truncate(201 * 1024 * 1024)
    for path, words in ((Path("/dev/zero"), "a device"), (fifo, "a named pipe"),
                        (huge, "more than the 200 MB")):
        code, _, err = invoke("import", str(path))
        assert code == 2 and one_sentence(err) and words in err, err
    assert not bank_home.exists()  # no bank was created for a bad argument


def test_search_wildcards_are_literal(bank: Path) -> None:
    code, out, _ = invoke("cards", "--deck", "mine", "--search", "%", "--json")
    assert code == 0 and [n["number"] for n in __import__("json").loads(out)] == ["002"]
    code, out, _ = invoke("cards", "--deck", "mine", "--search", "a_b", "--json")
    assert [n["number"] for n in __import__("json").loads(out)] == ["002"]
    code, out, _ = invoke("cards", "--deck", "mine", "--search", "_", "--json")
    assert [n["number"] for n in __import__("json").loads(out)] == ["002"]


def test_empty_file_creates_no_deck(bank: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    invoke("import", str(empty))
    _, out, _ = invoke("decks", "--json")
    assert "empty" not in out


def test_damaged_bank_refuses_writes_until_checked(bank: Path) -> None:
    conn = sqlite3.connect(bank)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with bank.open("r+b") as handle:  # damage the header: SQLite no longer recognises it
        handle.write(b"garbage" * 3)
    code, _, err = invoke("review", "rate", "1", "good")
    assert code == 2 and one_sentence(err) and "damaged" in err and "bank check" in err
    code, out, err = invoke("bank", "check")
    assert code == 1 and "NOT repaired" in out


def run_in_subprocess(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dlquiz", *args], env=env, text=True,
                          capture_output=True, timeout=120)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_a_completely_full_disk_is_named(tmp_path: Path) -> None:
    disk = tmp_path / "small"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)], check=True)
    try:
        env = {**os.environ, "DLQUIZ_HOME": str(disk),
               "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        assert run_in_subprocess(["decks"], env).returncode == 0
        (disk / "dlquiz.db-shm").unlink(missing_ok=True)  # as after a reboot
        with pytest.raises(OSError), (disk / "filler").open("wb") as handle:
            while True:  # every last block
                handle.write(b"\0" * 4096)
                handle.flush()
        done = run_in_subprocess(["decks"], env)
        assert done.returncode == 2 and one_sentence(done.stderr), done.stderr
        assert "free on the disk" in done.stderr
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)
