"""Hostile Anki packages: a media entry of 1 GB of zeros (about 1 MB packed), a 150 MB
zip bomb under the per-file limit, a planted symlink in the media folder, and media names
that try to leave it. Imports run in a child process under a 600 MB address-space limit:
the bombs are refused with one sentence and exit 2, nothing written; a real 30 MB file
still imports under the same limit."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from dlquiz.cli.main import app
from tests.functional.anki_support import collection

MEMORY_LIMIT = 600 * 1024**2
MB = 1024**2
ODD_NAMES = ("../../enc.txt", "..%2F..%2Fenc.txt", "/tmp/abs.png", "a\\b.png", "bad\x01.png",
             "C:evil.png", ".hidden.png")
KEPT = "/:\\"  # characters left unencoded in an <img src>
runner = CliRunner()


def zeros(total: int) -> Iterator[bytes]:
    for _ in range(total // MB):
        yield bytes(MB)


def noise(total: int) -> Iterator[bytes]:
    """Incompressible bytes, the same on every run."""
    block = hashlib.sha256(b"dlquiz").digest()
    for i in range(total // MB):
        seed = hashlib.sha256(block + i.to_bytes(4, "big")).digest()
        yield b"".join(hashlib.sha256(seed + j.to_bytes(4, "big")).digest()
                       for j in range(MB // 32))


def package(folder: Path, name: str, media: dict[str, Iterator[bytes]]) -> Path:
    """A legacy .apkg from Anki's exporter, one note showing every media name (percent-
    encoded in the HTML, as a browser would need), with our own media entries written a
    chunk at a time."""
    exported = folder / f"{name}-plain.apkg"
    with collection(folder / f"{name}.anki2") as col:
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"] = f"media of {name}"
        note["Back"] = "answer " + "".join(f'<img src="{quote(n, safe=KEPT)}">' for n in media)
        col.add_note(note, col.decks.id("Bombs"))
        from anki.collection import ExportAnkiPackageOptions

        col.export_anki_package(out_path=str(exported), limit=None, options=(
            ExportAnkiPackageOptions(with_scheduling=False, with_media=False, legacy=True)))
    target = folder / f"{name}.apkg"
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(
            target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "media":
                out.writestr(info, source.read(info))
        out.writestr("media", json.dumps({str(i): n for i, n in enumerate(media)}))
        for i, chunks in enumerate(media.values()):
            with out.open(str(i), "w", force_zip64=True) as entry:
                for chunk in chunks:
                    entry.write(chunk)
    return target


def limited_import(path: Path, work: Path) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = {**os.environ, "DLQUIZ_HOME": str(work / "home"), "PYTHONPATH": os.pathsep.join(
        [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "dlquiz", "--db", f"sqlite:///{work / 'bank.db'}", "import",
         str(path), "--media", str(work / "media"), "--json"],
        capture_output=True, text=True, env=env, preexec_fn=limit, timeout=600)


def bank_decks(work: Path) -> list[str]:
    result = runner.invoke(app, ["--db", f"sqlite:///{work / 'bank.db'}", "decks", "--json"])
    assert result.exit_code == 0, result.output
    return [d["name"] for d in json.loads(result.stdout)]


@pytest.mark.parametrize(("size", "why"), [(1024 * MB, "more than the 200 MB allowed"),
                                           (150 * MB, "zip bomb")])
def test_a_bomb_is_refused_in_bounded_memory(size: int, why: str, tmp_path: Path) -> None:
    bomb = package(tmp_path, "bomb", {"ok.png": iter([b"png"]), "big.png": zeros(size)})
    assert bomb.stat().st_size < 2 * MB
    done = limited_import(bomb, tmp_path)
    assert done.returncode == 2, done.stderr[-3000:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "'big.png'" in lines[0] and why in lines[0], lines
    assert lines[0].endswith("nothing was imported.")
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").iterdir())
    assert "Bombs" not in bank_decks(tmp_path)


def test_a_large_real_file_imports_in_bounded_memory(tmp_path: Path) -> None:
    expected = hashlib.sha256()
    for chunk in noise(30 * MB):
        expected.update(chunk)
    path = package(tmp_path, "large", {"large.bin": noise(30 * MB)})
    done = limited_import(path, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout)["media_copied"] == 1
    got = hashlib.sha256((tmp_path / "media" / "large.bin").read_bytes()).hexdigest()
    assert got == expected.hexdigest()
    assert sorted(p.name for p in (tmp_path / "media").iterdir()) == ["large.bin"]
    assert "Bombs" in bank_decks(tmp_path)


def test_planted_symlinks_are_never_followed(tmp_path: Path) -> None:
    path = package(tmp_path, "plain", {"ok.png": iter([b"the picture"]),
                                       "two.png": iter([b"second"])})
    media, elsewhere = tmp_path / "media", tmp_path / "elsewhere"
    media.mkdir()
    elsewhere.mkdir()
    for victim in ("victim", "victim2"):
        (elsewhere / victim).write_bytes(b"untouched")
    (media / ".ok.png.partial").symlink_to(elsewhere / "victim")
    (media / "two.png").symlink_to(elsewhere / "victim2")
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'bank.db'}", "import",
                                 str(path), "--media", str(media)])
    assert result.exit_code == 0, result.output
    assert (elsewhere / "victim").read_bytes() == b"untouched"
    assert (elsewhere / "victim2").read_bytes() == b"untouched"
    assert (media / "ok.png").read_bytes() == b"the picture"
    assert not (media / "two.png").is_symlink()
    assert (media / "two.png").read_bytes() == b"second"
    assert (media / ".ok.png.partial").is_symlink()  # left as it was, never opened


def test_suspicious_media_names_are_warned_about_and_not_copied(tmp_path: Path) -> None:
    path = package(tmp_path, "odd", {name: iter([b"payload"]) for name in ODD_NAMES})
    media = tmp_path / "sub" / "media"
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'bank.db'}", "import",
                                 str(path), "--media", str(media), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["media_copied"] == 0
    warned = " ".join(report["warnings"])
    for name in ODD_NAMES:
        assert f"'{name}' is not a plain file name" in warned, name
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.read_bytes() == b"payload"]
    assert written == []


def test_a_folder_in_the_way_is_one_sentence(tmp_path: Path) -> None:
    path = package(tmp_path, "plain", {"ok.png": iter([b"the picture"])})
    media = tmp_path / "media"
    (media / "ok.png").mkdir(parents=True)
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'bank.db'}", "import",
                                 str(path), "--media", str(media)])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.strip().splitlines()
             if "created a new bank" not in line]  # the bank's first use says so
    assert len(lines) == 1 and "ok.png: cannot put the media file there" in lines[0], lines
    assert [p.name for p in media.iterdir()] == ["ok.png"]  # no temporary file left
