"""The statistics screen on the hand-made history (tests/unit/stats/history.py): frozen
clock, New York time (tui_support.settle waits for the report's workers)."""

from __future__ import annotations

from pathlib import Path

from dlquiz.srs.settings import StudySettings
from dlquiz.stats.service import StatsService
from dlquiz.tui.app.stats_app import StatsApp, make_stats_app

from ..unit.stats.history import NEW_YORK, NOW, build


def stats_app(tmp: Path, lang: str = "zh") -> StatsApp:
    bank, _ = build(tmp)
    service = StatsService(bank, clock=lambda: NOW, zone=NEW_YORK,
                           settings=StudySettings(enable_fuzzing=False))
    return make_stats_app(service, lang)
