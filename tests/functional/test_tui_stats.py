"""The statistics screen under Pilot: it draws every section of the hand-made history,
scrolls, changes period, closes; and the summary lists what was missed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Static

from dlquiz.tui.screens.stats import StatsScreen
from dlquiz.tui.screens.summary import SummaryScreen
from dlquiz.tui.session_stats import Missed, SessionStats

from .stats_support import settle, stats_app
from .tui_support import build_bank, study_app


def shown(app: App[None]) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_the_screen_draws_every_section_and_scrolls(tmp_path: Path) -> None:
    app = stats_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        text = shown(app)
        for title in ("今天", "未来到期", "日历", "复习与用时", "卡片数量", "真实保持率",
                      "时段分布", "按键分布", "主题", "计算题型", "常见错误", "模拟面试",
                      "FSRS 校准"):
            assert title in text, title
        assert "当前连续 4 天，最长 4 天" in text
        body = app.screen.query_one("#stats-body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert body.scroll_y > 0
        await pilot.press("p")
        await settle(pilot)
        assert "最近 3 个月" in str(app.screen.query_one("#stats-head", Static).render())
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)


async def test_summary_lists_missed_cards_and_mistakes(tmp_path: Path) -> None:
    app = study_app(build_bank(tmp_path))
    stats = SessionStats(started=datetime(2026, 11, 28, tzinfo=UTC))
    stats = stats.record(False, Missed(1, "001 卷积输出尺寸", "忘了 padding"))
    stats = stats.record(True)
    stats = stats.record(False, Missed(1, "001 卷积输出尺寸", "忘了 padding"))
    stats = stats.record(False, Missed(2, "conv-params/1/7", "把 bias 算进去了"))
    stats = stats.record(False, Missed(3, "003 步长", None)).undo()
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await app.push_screen(SummaryScreen(app.service, stats))
        await settle(pilot)
        text = shown(app)
        assert "本次错过的卡片" in text and "001 卷积输出尺寸 ×2" in text
        assert "conv-params/1/7" in text and "003 步长" not in text
        assert "忘了 padding ×2" in text and "把 bias 算进去了 ×1" in text
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
