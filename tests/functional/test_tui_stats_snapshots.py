"""Snapshots of the statistics screen on the hand-made history, Chinese, at 80×24 and
120×36: the top of the report, and further down after scrolling.

Update after an intended change with `pytest tests/functional/test_tui_stats_snapshots.py
--snapshot-update`, then look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .stats_support import stats_app
from .tui_support import run

SIZES = [(80, 24), (120, 36)]
Snap = Callable[..., bool]



@pytest.mark.parametrize("size", SIZES)
def test_statistics_top(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(stats_app(tmp_path), terminal_size=size, run_before=run())


@pytest.mark.parametrize("size", SIZES)
def test_statistics_scrolled(snap_compare: Snap, tmp_path: Path,
                             size: tuple[int, int]) -> None:
    assert snap_compare(stats_app(tmp_path), terminal_size=size,
                        run_before=run("pagedown", "pagedown", "pagedown"))
