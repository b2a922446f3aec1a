"""Deleting a note from the browse screen: D asks in a modal (Esc keeps everything), Enter
deletes the note with its cards and history, and u in the study view puts the bank back
row for row; a card without a note gets a notice and nothing changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from textual.widgets import DataTable

from dlquiz.store.bank.database import Bank
from dlquiz.store.schema.models import Base, NoteRow
from dlquiz.tui.screens.browse import BrowseScreen
from dlquiz.tui.screens.modals import Confirm
from dlquiz.tui.screens.study import StudyScreen

from .tui_support import build_bank, settle, study_app


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return build_bank(tmp_path)


def dump(bank: Bank) -> dict[str, list[tuple[Any, ...]]]:
    with bank.read() as session:
        return {t.name: [tuple(r) for r in session.execute(
                    select(t).order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables}


def note_exists(bank: Bank, note_id: int) -> bool:
    with bank.read() as session:
        return session.get(NoteRow, note_id) is not None


def on_top(app: Any) -> object:
    """Read through a function: mypy would otherwise pin the screen after an isinstance."""
    return app.screen


async def open_browse(pilot: Any) -> BrowseScreen:
    await settle(pilot)
    await pilot.press("B")
    await settle(pilot)
    browse = pilot.app.screen
    assert isinstance(browse, BrowseScreen) and browse.rows
    browse.query_one(DataTable).focus()
    return browse


async def test_delete_from_browse_asks_then_undo_restores_everything(bank: Bank) -> None:
    app = study_app(bank)
    async with app.run_test(size=(100, 30)) as pilot:
        study = app.screen
        assert isinstance(study, StudyScreen)
        await settle(pilot)
        await pilot.press("space", "3")  # some history on the first card
        await settle(pilot)
        before = dump(bank)
        browse = await open_browse(pilot)
        target = browse.rows[0]
        assert target.note_id is not None
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(on_top(app), Confirm)
        await pilot.press("escape")  # no
        await settle(pilot)
        assert on_top(app) is browse and dump(bank) == before
        await pilot.press("D")
        await settle(pilot)
        await pilot.press("enter")  # yes
        await settle(pilot)
        assert on_top(app) is browse and not note_exists(bank, target.note_id)
        assert all(row.note_id != target.note_id for row in browse.rows)
        await pilot.press("escape")  # back to studying, which looks again
        await settle(pilot)
        assert on_top(app) is study
        await pilot.press("u")
        await settle(pilot)
    assert dump(bank) == before


async def test_a_card_without_a_note_gets_a_notice(bank: Bank) -> None:
    app = study_app(bank)
    async with app.run_test(size=(100, 30)) as pilot:
        browse = await open_browse(pilot)
        before = dump(bank)
        skill = next(i for i, row in enumerate(browse.rows) if row.note_id is None)
        browse.query_one(DataTable).move_cursor(row=skill)
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert on_top(app) is browse  # no question asked
        assert any("计算题卡片不能删除" in n.message for n in app._notifications)
        assert dump(bank) == before
