"""`o` on a draft that has a built-in answer: a choice between writing that answer into the
user's file (the card stays, now answered) and opening the file in the editor."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.decks.builtin import import_builtin
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.app.study_app import DlquizApp
from dlquiz.tui.screens.fill_choice import FillChoice
from dlquiz.tui.screens.study import StudyScreen

from .tui_support import NOW, fake_editor, settle, study_app

NOTES = "# 深度学习\n\n## 003 卷积操作\n\n- [ ] TODO\n\n**参考资料**\n\n- [mine](https://example.org/m)\n"


@pytest.fixture
def draft_bank(tmp_path: Path) -> tuple[Bank, Path]:
    bank = open_bank(f"sqlite:///{tmp_path / 'tui.db'}")
    import_builtin(bank, now=NOW - timedelta(days=2))
    path = tmp_path / "mine.md"
    path.write_text(NOTES, encoding="utf-8")
    import_paths(bank, [path], deck="mine", now=NOW - timedelta(days=1))
    return bank, path


async def _choice_on_the_draft(pilot: Pilot[None], app: DlquizApp) -> StudyScreen:
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, StudyScreen) and screen.item and screen.item.note
    assert screen.item.note.status == "draft" and screen.item.twin is not None
    await pilot.press("o")
    await settle(pilot)
    assert isinstance(app.screen, FillChoice)
    return screen


async def test_f_fills_the_card_in_front_of_you(draft_bank: tuple[Bank, Path]) -> None:
    bank, path = draft_bank
    app = study_app(bank, filters=QueueFilter(deck="mine"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _choice_on_the_draft(pilot, app)
        assert screen.item is not None
        card, twin = screen.item.card.card_id, screen.item.twin
        assert twin is not None
        await pilot.press("f")
        await settle(pilot)  # the fill and the card shown afresh run as workers
        assert app.screen is screen
        assert screen.item is not None and screen.item.card.card_id == card
        assert screen.item.note is not None and screen.item.note.status == "answered"
        assert screen.item.twin is None  # the answer is the user's own now
    written = path.read_text(encoding="utf-8")
    assert "- [ ] TODO" not in written
    assert twin.answer.split("\n")[0] in written
    assert written.index("- [mine](https://example.org/m)") < written.index(twin.references[0].url)
    assert [p.name for p in path.parent.iterdir() if p.suffix == ".bak"]


async def test_e_opens_the_editor_and_escape_does_nothing(draft_bank: tuple[Bank, Path],
                                                          tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    bank, path = draft_bank
    record = tmp_path / "editor-args"
    fake_editor(tmp_path, monkeypatch, f'echo "$@" > "{record}"\n')
    app = study_app(bank, filters=QueueFilter(deck="mine"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _choice_on_the_draft(pilot, app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and not record.exists()
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)  # the editor runs (and the file is re-imported) in a worker
        assert record.read_text().split() == ["+3", "--", str(path)]
    assert path.read_text(encoding="utf-8") == NOTES
