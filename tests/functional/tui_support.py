"""A study bank for the TUI tests: Chinese notes from tests/fixtures, two skill kinds,
a frozen clock and time zone, fixed question seeds and no cursor blink."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.cards.skills import ensure_skill_cards
from dlquiz.store.decks.importing import import_paths
from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.app.bank_calls import RetryPolicy
from dlquiz.tui.app.study_app import DlquizApp, make_app

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "study_notes.md"
NOW = datetime(2026, 11, 28, 1, 30, tzinfo=UTC)
ZONE = ZoneInfo("Asia/Shanghai")
SKILLS = ("conv-output-shape", "box-iou")
SEED = 4242


def build_bank(tmp: Path, *, busy_timeout_ms: int = 5000, url: str | None = None) -> Bank:
    """The study bank, in a SQLite file under `tmp` unless `url` names another database."""
    bank = open_bank(url or f"sqlite:///{tmp / 'tui.db'}", busy_timeout_ms=busy_timeout_ms)
    notes = tmp / "深度学习.md"
    notes.write_bytes(FIXTURE.read_bytes())
    import_paths(bank, [notes], now=NOW - timedelta(days=1))
    ensure_skill_cards(bank, SKILLS, NOW - timedelta(days=1))
    return bank


def study_app(bank: Bank, *, lang: str = "zh", filters: QueueFilter = QueueFilter(),
              new_per_day: int = 20, retry: RetryPolicy = RetryPolicy()) -> DlquizApp:
    service = StudyService(bank, filters=filters, lang=lang, clock=lambda: NOW, zone=ZONE,
                           settings=StudySettings(enable_fuzzing=False, new_per_day=new_per_day),
                           seeds=lambda: SEED)
    return make_app(service, cursor_blink=False, retry=retry)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every bank call the app and its screen started has finished and the
    screen has caught up with the result (an event, not a timer)."""
    await pilot.pause()
    while pilot.app.workers._workers or pilot.app.screen.workers._workers:
        await pilot.app.workers.wait_for_complete()
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()


def run(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """For snapshots: press `keys` one by one, settling after each, then let scheduled
    animations finish before the screen is taken."""
    async def before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await pilot.wait_for_scheduled_animations()
    return before


def fake_editor(tmp: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """An executable shell script as $EDITOR (and no $VISUAL), for the `o` key."""
    editor = tmp / "fake-editor.sh"
    editor.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
