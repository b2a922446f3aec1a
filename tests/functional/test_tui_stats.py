"""The statistics screen under Pilot: it draws every section of the hand-made history,
scrolls, changes period, closes; it fills from the top while the cards are still being
counted, and what it drew does not move; and the summary lists what was missed."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from textual.app import App
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.stats.parts import PARTS, Plan
from dlquiz.stats.service import StatsService
from dlquiz.store.bank.database import Bank
from dlquiz.store.schema.models import CardRow
from dlquiz.tui.app.session_stats import Missed, SessionStats, missed_from
from dlquiz.tui.app.stats_app import make_stats_app
from dlquiz.tui.screens.stats import StatsScreen
from dlquiz.tui.screens.summary import SummaryScreen
from dlquiz.ui.stats_text import SECTIONS

from ..unit.stats.history import NEW_YORK, NOW, build
from .stats_support import stats_app
from .tui_support import NOW as NOW_STUDY
from .tui_support import build_bank, settle, study_app


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
        await pilot.press("q")  # leaving run_test waits for the app to close
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


HELD = "memory"


class HeldCards(StatsService):
    """The pass over every card (the costliest part) waits until the test lets it go."""

    def __init__(self, bank: Bank) -> None:
        super().__init__(bank, clock=lambda: NOW, zone=NEW_YORK,
                         settings=StudySettings(enable_fuzzing=False))
        self.release = threading.Event()

    def _memory(self, plan: Plan) -> dict[str, Any]:
        self.release.wait(timeout=60)
        return super()._memory(plan)


async def test_the_screen_fills_from_the_top_and_nothing_drawn_moves(tmp_path: Path) -> None:
    bank, _ = build(tmp_path)
    service = HeldCards(bank)
    app = make_stats_app(service, "zh")
    seen: list[StatsScreen.Drawn] = []
    arrived = asyncio.Event()

    def hook(message: Message) -> None:
        if isinstance(message, StatsScreen.Drawn):
            seen.append(message)
            arrived.set()

    async def drawn(test: Callable[[StatsScreen.Drawn], bool]) -> None:
        while not (seen and test(seen[-1])):
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), timeout=30)
        # no timer: lets the screen process what it posted with the message (settle() would
        # wait for the held worker)
        await pilot.pause()

    try:
        async with app.run_test(size=(100, 40), message_hook=hook) as pilot:
            # every part but the cards' is counted
            await drawn(lambda _: set(getattr(app.screen, "counted", ())) == set(PARTS) - {HELD})
            screen = app.screen
            assert isinstance(screen, StatsScreen) and screen.report is None
            titles = [str(w.render()) for w in screen.query(".stats-title")]
            # the weakest topics (third) wait for the cards, and so all below them
            assert titles == ["今天", "还没有数据：常见错误"]
            assert "正在统计" in shown(app) and "学习 2 次（1 张卡）" in shown(app)
            assert "当前连续 4 天" not in shown(app)  # the calendar is below the forecast
            body = screen.query_one("#stats-body", VerticalScroll)
            before = [(str(w.render()), w.virtual_region) for w in body.children
                      if w.id != "stats-more"]
            service.release.set()
            await drawn(lambda last: last.complete)
            assert screen.report is not None and len(screen.drawn) == len(SECTIONS)
            kept = body.children[:len(before)]
            assert [(str(w.render()), w.virtual_region) for w in kept] == before
            assert "正在统计" not in shown(app)
            titles = [str(w.render()) for w in screen.query(".stats-title")]
            assert titles[2] == "主题"
            assert titles[list(SECTIONS).index("sec_counts")] == "卡片数量"
    finally:
        service.release.set()


def test_a_skill_card_missed_twice_is_listed_once_by_its_kind(tmp_path: Path) -> None:
    # each showing of a skill card asks a fresh question: the summary names the skill,
    # not the first question missed
    bank = build_bank(tmp_path)
    seeds = itertools.count(1)
    service = StudyService(bank, clock=lambda: NOW_STUDY, zone=UTC,
                           settings=StudySettings(enable_fuzzing=False),
                           seeds=lambda: next(seeds))
    with bank.read() as session:
        card_id, kind = session.execute(select(CardRow.id, CardRow.skill_kind)
                                        .where(CardRow.note_id.is_(None))
                                        .order_by(CardRow.id).limit(1)).one()
    first = service.item_by_id(card_id)
    service.rate(card_id, 1, answer="0")
    second = service.item_by_id(card_id)
    assert first.question is not None and second.question is not None
    assert first.question.id != second.question.id
    stats = SessionStats(started=NOW_STUDY)
    stats = stats.record(False, missed_from(first)).record(False, missed_from(second))
    assert stats.missed_cards == [(Missed(card_id, str(kind)), 2)]
