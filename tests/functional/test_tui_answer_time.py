"""The study screen's answer clock: it stands still while the terminal is in the background
(AppBlur .. AppFocus) and a card left idle counts for `max_answer_seconds` at most; the
rating stores exactly the time counted (a fake monotonic clock, advanced by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from textual import events

from dlquiz.store.bank.database import Bank
from dlquiz.store.schema.models import ReviewLogRow
from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.app.answer_clock import AnswerClock
from dlquiz.tui.screens.study import StudyScreen

from .tui_support import build_bank, settle, study_app


class Ticks:
    """A monotonic clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return build_bank(tmp_path)


def durations(bank: Bank) -> list[int | None]:
    with bank.sessions() as s:
        return list(s.scalars(select(ReviewLogRow.duration_ms).order_by(ReviewLogRow.id)))


async def test_time_in_the_background_is_not_counted(bank: Bank) -> None:
    ticks = Ticks()
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        screen.answer_clock = AnswerClock(60, now=ticks)  # the card was shown at 1000 s
        ticks.advance(5)
        await pilot.press("space")  # 5 s to reveal
        app.post_message(events.AppBlur())
        await settle(pilot)
        assert not app.app_focus and not screen.answer_clock.running
        ticks.advance(1800)  # half an hour in another window
        app.post_message(events.AppFocus())
        await settle(pilot)
        assert screen.answer_clock.running
        ticks.advance(7)
        await pilot.press("3")  # 7 s more to rate
        await settle(pilot)
    assert durations(bank) == [12_000]


async def test_an_idle_card_counts_for_the_cap_at_most(bank: Bank) -> None:
    ticks = Ticks()
    app = study_app(bank, filters=QueueFilter(notes_only=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        screen.answer_clock = AnswerClock(60, now=ticks)
        ticks.advance(20)
        await pilot.press("space")
        ticks.advance(3000)  # walked away with the answer on show
        await pilot.press("2")
        await settle(pilot)
        # the next card starts from zero: 4 s, however long the previous one took
        ticks.advance(4)
        await pilot.press("space")
        await pilot.press("3")
        await settle(pilot)
    assert durations(bank) == [60_000, 4_000]  # 20 s + at most 60 s idle, capped at 60 s
