"""One concept per file (DESIGN.md principle 6): every Python file of dlquiz/ and engine/
stays under 300 lines, Alembic's migrations excepted (a revision is written once and never
split). A file that outgrows this is split along a seam that has a name, not cut."""

from __future__ import annotations

from pathlib import Path

import dlquiz
import engine

LIMIT = 300


def oversized(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.relative_to(root).parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines >= LIMIT:
            found.append(f"{path.relative_to(root.parent)}: {lines} lines")
    return found


def test_the_check_counts_lines(tmp_path: Path) -> None:
    (tmp_path / "small.py").write_text("x = 1\n" * (LIMIT - 1))
    (tmp_path / "big.py").write_text("x = 1\n" * LIMIT)
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "0001.py").write_text("x = 1\n" * (2 * LIMIT))
    assert oversized(tmp_path) == [f"{tmp_path.name}/big.py: {LIMIT} lines"]


def test_every_file_is_under_the_limit() -> None:
    too_big = [line for package in (dlquiz, engine)
               for line in oversized(Path(package.__path__[0]))]
    assert not too_big, "files of 300 lines or more: " + "; ".join(too_big)
