"""The study screen on a bank another process is using: a write that meets the lock waits
with a notice and retries, gives up without losing the typed answer, a card changed
elsewhere is reloaded instead of rated twice, and a damaged bank ends the app with exit 2."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select
from textual.pilot import Pilot
from textual.widgets import Input

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank.database import Bank
from dlquiz.store.bank.explain import damage_marker
from dlquiz.store.schema.models import CardRow, ReviewLogRow
from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.app.bank_calls import RetryPolicy
from dlquiz.tui.screens.study import StudyScreen
from engine.questions import question_from_id

from .tui_support import NOW, ZONE, build_bank, settle, study_app

DEADLINE_PAUSES = 2000  # pauses of 50 ms: a generous bound for a loaded machine


@contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's write transaction, as `dlquiz import` would hold it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    for _ in range(DEADLINE_PAUSES):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never got there")


def status(screen: StudyScreen) -> str:
    return str(screen.query_one("#status").render())


def counts(bank: Bank) -> tuple[int, int]:
    with bank.read() as s:
        logs = int(s.scalar(select(func.count()).select_from(ReviewLogRow)) or 0)
        reps = int(s.scalar(select(func.sum(CardRow.reps))) or 0)
    return logs, reps


async def test_busy_bank_is_retried_with_a_notice(tmp_path: Path) -> None:
    bank = build_bank(tmp_path, busy_timeout_ms=50)
    app = study_app(bank, filters=QueueFilter(notes_only=True), lang="en",
                    retry=RetryPolicy(attempts=DEADLINE_PAUSES))
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        with write_lock(tmp_path / "tui.db"):
            await pilot.press("space", "3")
            await wait_for(pilot, lambda: "retrying" in status(screen))
            assert counts(bank) == (0, 0)
        await settle(pilot)
        assert counts(bank) == (1, 1)


async def test_busy_bank_gives_up_and_keeps_the_answer(tmp_path: Path) -> None:
    bank = build_bank(tmp_path, busy_timeout_ms=50)
    app = study_app(bank, filters=QueueFilter(skills_only=True), lang="en",
                    retry=RetryPolicy(attempts=2))
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item and screen.item.question
        answer = question_from_id(screen.item.question.id).expected_display
        await pilot.press(*answer, "enter")
        await settle(pilot)
        with write_lock(tmp_path / "tui.db"):
            await pilot.press("enter")  # accept Good
            await settle(pilot)
            assert "not saved" in status(screen)
            assert screen.phase == "skill-verdict" and screen.answer_text == answer
            assert screen.query_one("#answer-input", Input).value == answer
        await pilot.press("enter")  # the lock is gone: the same answer is recorded
        await settle(pilot)
    with bank.read() as s:
        (log,) = s.scalars(select(ReviewLogRow)).all()
        assert (log.answer, log.correct) == (answer, True)


async def test_card_rated_elsewhere_is_reloaded_not_rated_twice(tmp_path: Path) -> None:
    bank = build_bank(tmp_path)
    app = study_app(bank, filters=QueueFilter(notes_only=True), lang="en")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item is not None
        shown = screen.item.card.card_id
        elsewhere = StudyService(bank, clock=lambda: NOW, zone=ZONE,
                                 settings=StudySettings(enable_fuzzing=False))
        elsewhere.rate(shown, 3)  # another process rates the card on show
        await pilot.press("space", "3")
        await settle(pilot)
        assert screen.item is not None and screen.phase == "front"
    assert counts(bank) == (1, 1)


async def test_damaged_bank_ends_the_app_with_exit_2(tmp_path: Path) -> None:
    bank = build_bank(tmp_path)
    app = study_app(bank, filters=QueueFilter(notes_only=True), lang="en")
    async with app.run_test() as pilot:
        await settle(pilot)
        damage_marker(tmp_path / "tui.db").write_text("test", encoding="utf-8")
        await pilot.press("space", "3")
        await settle(pilot)
    assert app.return_code == 2
    assert counts(bank) == (0, 0)
