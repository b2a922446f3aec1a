"""Every screen at 80x24, in both languages: the keys line is on screen, whole and not
covered, and long content (a session of 53 ratings with many misses and named mistakes, the
study help, a long card, a long debrief, the statistics, a long exam history) scrolls with
Up/Down/PgUp/PgDn/Home/End until its last row is in view."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from dlquiz.exams.spec import ExamSpec
from dlquiz.store.bank.database import open_bank
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.app.session_stats import Missed, SessionStats
from dlquiz.tui.screens.browse import BrowseScreen
from dlquiz.tui.screens.debrief import DebriefScreen
from dlquiz.tui.screens.exam import ExamScreen
from dlquiz.tui.screens.exam_start import ExamStartScreen
from dlquiz.tui.screens.modals import Confirm, ConfirmSubmit, JumpTo, KeyHelp
from dlquiz.tui.screens.practice import PracticeScreen
from dlquiz.tui.screens.self_grade import SelfGradeScreen
from dlquiz.tui.screens.stats import StatsScreen
from dlquiz.tui.screens.study import StudyScreen
from dlquiz.tui.screens.summary import SummaryScreen

from .exam_support import Clock, exam_app, exam_service
from .test_tui_exam import wait_for_screen
from .tui_support import NOW, build_bank, settle, study_app

SIZE = (80, 24)
LANGS = pytest.mark.parametrize("lang", ["zh", "en"])


def keys_line_in_view(screen: Screen[Any], selector: str) -> None:
    """The keys line is inside the 80x24 screen, not covered, and its text fits."""
    keys = screen.query_one(selector, Static)
    region = keys.region
    assert region.height >= 1 and region.y >= 0 and region.bottom <= SIZE[1], region
    assert region.x >= 0 and region.right <= SIZE[0], region
    on_top, _ = screen.get_widget_at(region.x + 1, region.y)
    assert on_top is keys, f"{selector} is covered by {on_top!r}"
    text = str(keys.render())
    assert text.strip() and cell_len(text) <= keys.content_region.width, text


def last_row_in_view(area: Widget) -> bool:
    return area.scroll_y + area.scrollable_content_region.height >= area.virtual_size.height


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
        await pilot.wait_for_scheduled_animations()


async def scrolls_to_the_end(pilot: Pilot[None], area: Widget, *,
                             line_keys: bool = True) -> None:
    """Long content: End shows the last row, Home the first, PgDn and Down move on."""
    assert area.max_scroll_y > 0, "the content should be longer than the screen"
    assert not last_row_in_view(area)
    if line_keys:
        await press(pilot, "down")
        assert area.scroll_y == 1
        await press(pilot, "up")
        assert area.scroll_y == 0
    await press(pilot, "pagedown")
    assert area.scroll_y > 0
    await press(pilot, "end")
    assert area.scroll_y == area.max_scroll_y and last_row_in_view(area)
    await press(pilot, "pageup")
    assert area.scroll_y < area.max_scroll_y
    await press(pilot, "home")
    assert area.scroll_y == 0


def long_session() -> SessionStats:
    """53 ratings: 30 misses of 20 cards, 12 named mistakes."""
    stats = SessionStats(started=NOW - timedelta(minutes=40))
    for i in range(53):
        missed = i % 7 < 4 or i > 46
        mistake = f"named mistake number {i % 12} (B·(5+C))" if missed and i % 2 else None
        stats = stats.record(not missed, Missed(1000 + i % 20, f"{i % 20:03d} 卷积层的输出尺寸"
                                                f"怎么算，一个很长的题目标题 {i}", mistake))
    return stats


@LANGS
async def test_study_long_card_help_summary_browse_and_stats(tmp_path: Path,
                                                             lang: str) -> None:
    notes = tmp_path / "long.md"
    lines = "\n".join(f"- 第 {i} 点：卷积核在整张图上共享权重，参数量与输入尺寸无关。"
                      for i in range(1, 61))
    notes.write_text(f"# 长\n\n## 001 一个很长的答案\n\n{lines}\n", encoding="utf-8")
    bank = open_bank(f"sqlite:///{tmp_path / 'long.db'}")
    import_paths(bank, [notes], now=NOW - timedelta(days=1))
    app = study_app(bank, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        study = app.screen
        assert isinstance(study, StudyScreen) and study.item is not None
        keys_line_in_view(study, "#keys")
        await press(pilot, "space")  # the long answer
        assert study.phase == "back"
        keys_line_in_view(study, "#keys")
        await scrolls_to_the_end(pilot, study.query_one("#card", VerticalScroll))

        await press(pilot, "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, KeyHelp)
        keys_line_in_view(help_screen, "#help-keys")
        body = help_screen.query_one("#help-body", VerticalScroll)
        await press(pilot, "end")
        assert last_row_in_view(body)
        await press(pilot, "escape")

        await press(pilot, "B")
        assert isinstance(app.screen, BrowseScreen)
        keys_line_in_view(app.screen, "#browse-keys")
        await press(pilot, "escape")

        await press(pilot, "t")
        stats_screen = app.screen
        assert isinstance(stats_screen, StatsScreen)
        await settle(pilot)  # the screen counts its report in workers: wait for them
        assert stats_screen.report is not None
        keys_line_in_view(stats_screen, "#stats-keys")
        await scrolls_to_the_end(pilot, stats_screen.query_one("#stats-body", VerticalScroll))
        await press(pilot, "q")

        summary = SummaryScreen(app.service, long_session())
        await app.push_screen(summary)
        await settle(pilot)
        keys_line_in_view(summary, "#keys")
        assert "c" in str(summary.query_one("#keys", Static).render())
        await scrolls_to_the_end(pilot, summary.query_one("#summary-scroll", VerticalScroll))
        await press(pilot, "c")
        assert isinstance(app.screen, StudyScreen)
    bank.engine.dispose()


@LANGS
async def test_practice_modal(tmp_path: Path, lang: str) -> None:
    bank = build_bank(tmp_path)
    app = study_app(bank, lang=lang, filters=QueueFilter(notes_only=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "p")  # the note's linked question kind
        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        keys_line_in_view(practice, "#practice-keys")
        await pilot.press("1", "enter")  # wrong: the verdict and the worked solution
        await settle(pilot)
        assert practice.answered
        keys_line_in_view(practice, "#practice-keys")
        await scrolls_to_the_end(pilot, practice.query_one(VerticalScroll))
    bank.engine.dispose()


@LANGS
async def test_help_columns_aligned_and_wrapped_lines_indented(tmp_path: Path,
                                                               lang: str) -> None:
    app = study_app(build_bank(tmp_path), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, KeyHelp)
        table = help_screen.query_one("#help-table", Static)
        size = table.content_region.size
        lines = [strip.text.rstrip() for strip in
                 table.render_lines(Region(0, 0, size.width, table.virtual_size.height))]
    keys = [key for key, _ in help_screen.keys]
    column = max(cell_len(key) for key in keys) + 2  # the meanings start here
    wrapped = 0
    for line in filter(None, lines):
        head, rest = split_at_cell(line, column)
        assert rest and not rest.startswith(" "), line  # the meaning starts in the column
        if head.strip():
            assert head.strip() in keys, line
        else:
            wrapped += 1  # a wrapped line, indented under its meaning
    assert len([line for line in lines if line]) == len(keys) + wrapped
    assert wrapped > 0 or lang == "zh"  # the English meanings are long enough to wrap


def split_at_cell(line: str, cells: int) -> tuple[str, str]:
    """`line` cut where `cells` terminal cells have been filled (CJK is two wide)."""
    used = 0
    for i, char in enumerate(line):
        if used >= cells:
            return line[:i], line[i:]
        used += cell_len(char)
    return line, ""


@LANGS
async def test_exam_start_exam_modals_self_grade_and_debrief(tmp_path: Path,
                                                             lang: str) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang=lang)
    for seed in range(1, 11):  # a long history
        exam = service.build(ExamSpec(items=2, computational=1.0, minutes=5, seed=seed))
        service.submit(exam.id)
    app = exam_app(service)
    async with app.run_test(size=SIZE) as pilot:
        start = await wait_for_screen(pilot, ExamStartScreen)
        assert isinstance(start, ExamStartScreen)
        keys_line_in_view(start, "#keys")
        await scrolls_to_the_end(pilot, start.query_one("#start-page", VerticalScroll),
                                 line_keys=False)  # ↑↓ choose from the list
        await press(pilot, "q")

    exam = service.build(ExamSpec(items=10, computational=0.5, minutes=45, seed=7,
                                  followups=False))
    app = exam_app(service, exam.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        keys_line_in_view(screen, "#exam-keys")
        await press(pilot, "ctrl+g")
        assert isinstance(app.screen, JumpTo)
        _modal_in_view(app.screen)
        await press(pilot, "escape", "escape", "q")
        assert isinstance(app.screen, Confirm)
        _modal_in_view(app.screen)
        await press(pilot, "escape", "s")
        assert isinstance(app.screen, ConfirmSubmit)
        _modal_in_view(app.screen)
        await press(pilot, "enter")
        grading = await wait_for_screen(pilot, SelfGradeScreen)
        assert isinstance(grading, SelfGradeScreen)
        keys_line_in_view(grading, "#keys")
        area = grading.query_one("#grading", VerticalScroll)
        await press(pilot, "end")
        assert last_row_in_view(area)
        while isinstance(app.screen, SelfGradeScreen):
            await press(pilot, "enter")
        debrief = await wait_for_screen(pilot, DebriefScreen)
        assert isinstance(debrief, DebriefScreen)
        keys_line_in_view(debrief, "#keys")
        await scrolls_to_the_end(pilot, debrief.query_one("#debrief", VerticalScroll))


def _modal_in_view(modal: Screen[Any]) -> None:
    box = modal.query_one("Vertical")
    assert box.region.y >= 0 and box.region.bottom <= SIZE[1], box.region
    assert box.region.x >= 0 and box.region.right <= SIZE[0], box.region


@LANGS
async def test_a_graded_exam_item_scrolls_out_of_the_box(tmp_path: Path, lang: str) -> None:
    service = exam_service(tmp_path, Clock(), lang=lang)
    exam = service.build(ExamSpec(items=2, computational=0.0, minutes=20, seed=3,
                                  feedback="immediate", followups=False))
    app = exam_app(service, exam.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        await press(pilot, "ctrl+d")  # answered aloud: self-grade it now
        await wait_for_screen(pilot, SelfGradeScreen)
        await press(pilot, "space", "enter")
        assert await wait_for_screen(pilot, ExamScreen) is screen
        await settle(pilot)
        assert screen.query("#grade")  # the key points under the answer: a long item
        await press(pilot, "escape")  # out of the box: the arrows scroll the item
        keys_line_in_view(screen, "#exam-keys")
        area = screen.query_one("#item-area", VerticalScroll)
        assert area.max_scroll_y > 0 and area.scroll_y == 0
        await press(pilot, "down")
        assert area.scroll_y == 1
        await press(pilot, "end")
        assert area.scroll_y == area.max_scroll_y and last_row_in_view(area)
        await press(pilot, "home")
        assert area.scroll_y == 0
