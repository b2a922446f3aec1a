"""The suite's long-first order names files by path: a renamed or removed file must be
renamed there too, or its tests would quietly go back to their collected place."""

from __future__ import annotations

from tests.conftest import LONG_FIRST, REPO_ROOT


def test_every_long_first_file_exists() -> None:
    assert [name for name in LONG_FIRST if not (REPO_ROOT / name).is_file()] == []
    assert len(set(LONG_FIRST)) == len(LONG_FIRST)
