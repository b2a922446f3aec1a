"""The study loop as an Anki user drives it: `?` lists the keys in the study language, Space
rates a shown answer Good, Ctrl+Z undoes from the answer box, the line at the bottom offers
only keys that work on this card, a skill card opens unscrolled and scrolls to its verdict,
a follow-up shows its parent, `o` re-imports the edited file, a built-in note is copied
into the user's notes first, and the browse screen finds, suspends and opens cards."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import DataTable, Input, Static

from dlquiz.store.bank.database import Bank
from dlquiz.store.schema.models import CardRow, ReviewLogRow
from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.screens.browse import BrowseScreen
from dlquiz.tui.screens.modals import Confirm, KeyHelp
from dlquiz.tui.screens.study import StudyScreen
from engine.questions import question_from_id

from .tui_support import build_bank, fake_editor, settle, study_app


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return build_bank(tmp_path)


def keys_line(screen: StudyScreen) -> str:
    return str(screen.query_one("#keys", Static).render())


def logs(bank: Bank) -> list[ReviewLogRow]:
    with bank.read() as s:
        return list(s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)))


async def test_help_lists_the_keys_in_the_study_language(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(notes_only=True), lang="zh")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, KeyHelp)
        table = app.screen.query_one("#help-table", Static)
        shown = "".join(strip.text for strip in table.render_lines(
            Region(0, 0, table.content_region.width, table.virtual_size.height)))
        assert "撤销上一步" in shown and "今天的卡片学完后" in shown  # u and n, in Chinese


async def test_space_rates_a_shown_answer_good(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("space", "space")
        await settle(pilot)
    (log,) = logs(bank)
    assert log.rating == 3


async def test_ctrl_z_undoes_from_the_answer_box(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(skills_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item and screen.item.question
        first = screen.item.card.card_id
        answer = question_from_id(screen.item.question.id).expected_display
        await pilot.press("enter", *answer, "enter")
        await settle(pilot)
        await pilot.press("enter")  # accept Good: the next skill card, its box not open
        await settle(pilot)
        await pilot.press("enter", "7")  # typing in the next card's box
        await settle(pilot)
        assert isinstance(screen.focused, Input)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert screen.item is not None and screen.item.card.card_id == first
    assert logs(bank) == []


async def test_key_line_offers_only_what_works(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(skills_only=True), lang="en")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        line = keys_line(screen)
        assert "Enter answer" in line and "o edit" not in line  # nothing to edit on a skill
        await pilot.press("enter")
        await settle(pilot)
        assert keys_line(screen).startswith("Enter check")


async def test_skill_card_opens_unscrolled_and_scrolls_to_the_verdict(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(skills_only=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item and screen.item.question
        area = screen.query_one("#card", VerticalScroll)
        assert area.scroll_y == 0
        await pilot.press("enter", "1", "2", "enter")
        await settle(pilot)
        verdict = screen.query_one("#verdict")
        assert verdict.region.y < area.region.bottom  # on screen, not below the fold


async def test_edited_note_is_imported_again_in_place(bank: Bank, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # an "editor" that rewrites one answer and exits
    fake_editor(tmp_path, monkeypatch, 'for last; do :; done\n'
                'sed -i "s/每个空间维度分别计算/每个空间维度分别计算（已编辑）/" "$last"\n')
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item and screen.item.note
        card = screen.item.card.card_id
        assert "已编辑" not in screen.item.note.answer
        await pilot.press("o")
        for _ in range(100):
            await settle(pilot)
            if screen.item and screen.item.note and "已编辑" in screen.item.note.answer:
                break
            await pilot.pause(0.05)
        assert screen.item is not None and screen.item.card.card_id == card
        assert screen.item.note is not None and "已编辑" in screen.item.note.answer


async def test_browse_finds_suspends_and_opens(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        study = app.screen
        assert isinstance(study, StudyScreen)
        await pilot.press("B")
        await settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        await pilot.press(*"池化")
        for _ in range(100):
            await settle(pilot)
            if browse.rows and all("池化" in r.title or r.type != "note" for r in browse.rows):
                break
            await pilot.pause(0.05)
        target = browse.rows[0]
        assert "池化" in target.title
        browse.query_one(DataTable).focus()
        await pilot.press("s")
        await settle(pilot)
        with app_bank(study).read() as s:
            row = s.get(CardRow, target.id)
            assert row is not None and row.suspended
        await pilot.press("s", "enter")  # unsuspend, then study it now
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        await settle(pilot)
        assert study.item is not None and study.item.card.card_id == target.id


def app_bank(screen: StudyScreen) -> Bank:
    return screen.service.bank


async def test_builtin_note_is_copied_before_editing(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from dlquiz.store.decks.builtin import import_builtin

    bank = build_bank(tmp_path)
    import_builtin(bank)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "true")
    app = study_app(bank, filters=QueueFilter(deck="builtin"), lang="en")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item and screen.item.note
        title = screen.item.note.title
        assert "copy to my notes" in keys_line(screen)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")
        for _ in range(100):
            await settle(pilot)
            if screen.item and screen.item.note and screen.item.note.deck == "my-notes":
                break
            await pilot.pause(0.05)
        assert screen.item is not None and screen.item.note is not None
        assert screen.item.note.deck == "my-notes" and screen.item.note.title == title
    own = tmp_path / "my-notes.md"
    assert own.exists() and f"## {screen.item.note.number}" in own.read_text(encoding="utf-8")


async def test_t_opens_the_statistics_with_this_sessions_rating(bank: Bank) -> None:
    """Ratings given a moment ago are in the statistics; Escape goes back to the card."""
    from dlquiz.tui.screens.stats import StatsScreen

    app = study_app(bank, filters=QueueFilter(notes_only=True), lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("space", "1")  # Again: a miss, for the summary too
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert screen.report is not None
        assert (screen.report.today.reviews, screen.report.today.again) == (1, 1)
        assert len(screen.query_one("#stats-body").children) > 4  # the sections are drawn
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        assert len(app.screen.stats.misses) == 1 and app.screen.stats.misses[0] is not None
