"""Whole study sessions driven with Textual's Pilot; effects checked in the bank."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from textual.widgets import Input

from dlquiz.store.bank.database import Bank
from dlquiz.store.schema.models import CardRow, ReviewLogRow
from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.screens.study import StudyScreen
from dlquiz.tui.screens.summary import SummaryScreen
from dlquiz.tui.widgets.note_view import NoteView
from dlquiz.tui.widgets.skill_view import SkillView
from engine.questions import question_from_id

from .tui_support import SEED, build_bank, fake_editor, settle, study_app


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return build_bank(tmp_path)


def phase(screen: StudyScreen) -> str:
    """Read through a function: mypy would otherwise pin the phase after the first assert."""
    return screen.phase


def logs(bank: Bank) -> list[ReviewLogRow]:
    with bank.sessions() as s:
        return list(s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)))


async def test_reveal_and_rate(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and phase(screen) == "front"
        assert not screen.query("#answer")
        await pilot.press("space")
        assert phase(screen) == "back"
        assert screen.query_one(NoteView).query("#answer")
        first = screen.item
        assert first is not None and first.note is not None and first.note.number == "001"
        await pilot.press("3")
        await settle(pilot)
        assert screen.item is not None and screen.item.card.card_id != first.card.card_id
    (log,) = logs(bank)
    assert (log.card_id, log.rating, log.state_before) == (first.card.card_id, 3, 0)


async def test_rating_keys_do_nothing_before_reveal(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("3")
    assert logs(bank) == []


async def test_undo_restores_card(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item is not None
        card_id = screen.item.card.card_id
        await pilot.press("space", "4")
        await settle(pilot)
        assert len(logs(bank)) == 1
        await pilot.press("u")
        await settle(pilot)
        assert screen.item is not None and screen.item.card.card_id == card_id
        assert screen.stats.done == 0
    assert logs(bank) == []
    with bank.sessions() as s:
        row = s.get(CardRow, card_id)
        assert row is not None and (row.state, row.reps, row.stability) == (0, 0, None)


async def test_suspend_and_bury(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item is not None
        suspended = screen.item.card.card_id
        await pilot.press("s")
        await settle(pilot)
        assert screen.item is not None
        buried = screen.item.card.card_id
        await pilot.press("b")
        await settle(pilot)
    with bank.sessions() as s:
        first, second = s.get(CardRow, suspended), s.get(CardRow, buried)
        assert first is not None and first.suspended
        assert second is not None and second.buried_until is not None and not second.suspended


async def test_skill_card_right_answer(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(skills_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item is not None
        question = screen.item.question
        assert question is not None and question.id.endswith(f"/{SEED}")
        expected = question_from_id(question.id).expected_display
        await pilot.press(*expected)
        await pilot.press("enter")
        await settle(pilot)
        assert phase(screen) == "skill-verdict" and screen.proposed == 3
        assert screen.query_one(SkillView).query("#verdict")
        await pilot.press("enter")  # accept the proposed rating
        await settle(pilot)
    (log,) = logs(bank)
    assert (log.rating, log.correct, log.question_id, log.answer) == (
        3, True, question.id, expected)


async def test_skill_card_wrong_answer_rating_changed(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(skills_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        await pilot.press("3", "3")  # the previous card's rhythm: not typed into the box
        await pilot.press("space", "3", "space", "3")  # nor Anki's reveal-then-Good
        await settle(pilot)
        assert screen.query_one("#answer-input", Input).value == ""
        assert not screen.query_one("#answer-input", Input).has_focus
        await pilot.press("enter", "1", "2", "3", "enter")  # Enter opens the box
        await settle(pilot)
        assert phase(screen) == "skill-verdict" and screen.proposed == 1
        assert logs(bank) == []
        await pilot.press("2")  # overrule the proposed Again with Hard
        await settle(pilot)
    (log,) = logs(bank)
    assert (log.rating, log.correct, log.answer) == (2, False, "123")


async def test_escape_leaves_answer_box_then_q_ends(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(skills_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("enter", "q")  # typed into the box, not a command
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("escape", "q")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)


async def test_quit_to_summary_and_continue(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("space", "3", "space", "1")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert (summary.stats.done, summary.stats.right, summary.stats.wrong) == (2, 1, 1)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)


async def test_empty_state_offers_more_new_cards(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(notes_only=True), new_per_day=1)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("space", "4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and phase(screen) == "empty"
        await pilot.press("n")
        await settle(pilot)
        assert phase(screen) == "front"


async def test_note_offers_its_linked_practice_kind(bank: Bank) -> None:
    from sqlalchemy import func

    from dlquiz.store.schema.models import AttemptRow
    from dlquiz.tui.screens.practice import PracticeScreen

    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("p")  # nothing before the answer is shown
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("space", "p")
        await settle(pilot)
        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        assert practice.question.kind == "conv-output-shape"  # the note's **练习** link
        await pilot.press(*practice.question.expected_display, "enter")
        await settle(pilot)
        assert practice.answered
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen) and app.screen.phase == "back"
    assert logs(bank) == []  # practice is not a rating
    with bank.sessions() as s:
        attempt = s.scalars(select(AttemptRow)).one()
        assert attempt.correct and attempt.kind == "conv-output-shape"
        assert s.scalar(select(func.count()).select_from(AttemptRow)) == 1


async def test_o_opens_the_note_in_the_editor_at_its_line(bank: Bank, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    record = tmp_path / "editor-args.txt"
    fake_editor(tmp_path, monkeypatch, f'echo "$@" > "{record}"\n')
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item and screen.item.note
        note = screen.item.note
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await settle(pilot)
    assert record.read_text(encoding="utf-8").split() == [f"+{note.source_line}", "--",
                                                         str(note.source_path)]
    assert note.source_line == 3  # `## 001` is on line 3 of the fixture file


async def test_partial_note_shows_the_builtin_answer(tmp_path: Path) -> None:
    from dlquiz.store.decks.importing import import_files

    from .tui_support import NOW

    bank = build_bank(tmp_path)
    own = tmp_path / "own.md"
    own.write_text("## 7 池化层有参数吗?\n\n我记得没有。\n\n- [ ] TODO\n", encoding="utf-8")
    builtin = tmp_path / "builtin.md"
    builtin.write_text("## 040 池化层有参数吗？\n\n内置的完整答案：池化层没有可学习参数。\n",
                       encoding="utf-8")
    import_files(bank, [("own", [own])], now=NOW)
    import_files(bank, [("builtin", [builtin])], builtin=True, now=NOW)
    app = study_app(bank, filters=QueueFilter(deck="own"))
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item and screen.item.twin
        assert screen.item.twin.deck == "builtin"
        await pilot.press("space")
        await settle(pilot)
        assert screen.query_one(NoteView).query("#twin")


async def test_unreadable_answer_can_be_retyped(bank: Bank) -> None:
    app = study_app(bank, filters=QueueFilter(skills_only=True), lang="en")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item and screen.item.question
        await pilot.press(*"no idea", "enter")
        await settle(pilot)
        assert phase(screen) == "skill-input"
        assert "Could not read your answer" in str(screen.query_one("#status").render())
        expected = question_from_id(screen.item.question.id).expected_display
        box = screen.query_one("#answer-input", Input)
        box.value = ""
        await pilot.press(*expected, "enter")
        await settle(pilot)
        assert phase(screen) == "skill-verdict" and screen.proposed == 3
