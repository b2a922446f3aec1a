"""The interview countdown in the study screen's top line and in the session summary, at
80x24, with the user's own notes imported and a target set."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.srs.targets import Target, add_target
from dlquiz.store.bank.database import open_bank
from dlquiz.store.decks.importing import import_paths
from dlquiz.tui.app.study_app import make_app
from dlquiz.tui.widgets.counts import CountsBar

from .tui_support import settle

NOW = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)


async def test_the_countdown_is_in_the_top_line_and_the_summary(tmp_path: Path) -> None:
    bank = open_bank(f"sqlite:///{tmp_path / 'bank.db'}", now=NOW)
    notes = tmp_path / "mine.md"
    notes.write_text("# 卷积\n\n## 001 卷积是什么\n\n答案。\n", encoding="utf-8")
    import_paths(bank, [notes], now=NOW)
    add_target(bank, Target(interview=date(2027, 1, 15), minutes_per_day=45))
    service = StudyService(bank, clock=lambda: NOW, zone=UTC,
                           settings=StudySettings(enable_fuzzing=False))
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        top = str(app.screen.query_one(CountsBar).render())
        # 2027-01-15 04:00 UTC is 38 days and 14 hours away: 39 study days
        assert "距面试 39 天 · 预计当天记得" in top, top
        await pilot.press("q")
        await settle(pilot)
        assert "距面试 39 天" in str(app.screen.query_one("#summary").render())

