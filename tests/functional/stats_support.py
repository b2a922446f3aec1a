"""The statistics screen on the hand-made history (tests/unit/stats/history.py): frozen
clock, New York time, and settle() that waits for the report to be drawn."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from dlquiz.srs.settings import StudySettings
from dlquiz.stats.service import StatsService
from dlquiz.tui.stats_app import StatsApp, make_stats_app

from ..unit.stats.history import NEW_YORK, NOW, build


def stats_app(tmp: Path, lang: str = "zh") -> StatsApp:
    bank, _ = build(tmp)
    service = StatsService(bank, clock=lambda: NOW, zone=NEW_YORK,
                           settings=StudySettings(enable_fuzzing=False))
    return make_stats_app(service, lang)


async def settle(pilot: Pilot[None]) -> None:
    """Until the report's workers are done and the screen shows their result."""
    await pilot.pause()
    while pilot.app.screen.workers._workers or pilot.app.workers._workers:
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()
