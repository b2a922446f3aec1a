"""Visual snapshots of the study app on a Chinese fixture bank, at 80×24 and 120×36.

Update after an intended change with `pytest tests/functional/test_tui_snapshots.py
--snapshot-update`, then look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dlquiz.store.schema.records import QueueFilter

from .tui_support import build_bank, run, study_app

SIZES = [(80, 24), (120, 36)]
Snap = Callable[..., bool]




@pytest.mark.parametrize("size", SIZES)
def test_question(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    app = study_app(build_bank(tmp_path), filters=QueueFilter(notes_only=True))
    assert snap_compare(app, terminal_size=size, run_before=run())


@pytest.mark.parametrize("size", SIZES)
def test_revealed_answer(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    app = study_app(build_bank(tmp_path), filters=QueueFilter(notes_only=True))
    assert snap_compare(app, terminal_size=size, run_before=run("space"))


@pytest.mark.parametrize("size", SIZES)
def test_markup_shown_literally(snap_compare: Snap, tmp_path: Path,
                                size: tuple[int, int]) -> None:
    app = study_app(build_bank(tmp_path), filters=QueueFilter(notes_only=True))
    assert snap_compare(app, terminal_size=size, run_before=run("space", "3", "space"))


@pytest.mark.parametrize("size", SIZES)
def test_skill_question(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    app = study_app(build_bank(tmp_path), filters=QueueFilter(skills_only=True))
    assert snap_compare(app, terminal_size=size, run_before=run())


@pytest.mark.parametrize("size", SIZES)
def test_skill_verdict(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    app = study_app(build_bank(tmp_path), filters=QueueFilter(skills_only=True))
    assert snap_compare(app, terminal_size=size, run_before=run("enter", "1", "2", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    app = study_app(build_bank(tmp_path), filters=QueueFilter(notes_only=True))
    assert snap_compare(app, terminal_size=size,
                        run_before=run("space", "3", "space", "1", "q"))


@pytest.mark.parametrize("size", SIZES)
def test_empty_state(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    app = study_app(build_bank(tmp_path), filters=QueueFilter(notes_only=True), new_per_day=1)
    assert snap_compare(app, terminal_size=size, run_before=run("space", "4"))
