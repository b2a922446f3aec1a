"""The study screen on a PostgreSQL bank whose server drops off the network mid-session
(a real server behind a forwarder the test cuts): the rating is not recorded, the screen
says why in one line and keeps the typed answer in its box; once the server is back, the
same key records the rating."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url
from textual.widgets import Input, Static

from dlquiz.store.bank.database import driver_url
from dlquiz.store.schema.models import ReviewLogRow
from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.screens.study import StudyScreen
from tests.postgres import fresh_database, server
from tests.tcp_proxy import CuttableProxy

from .tui_support import build_bank, settle, study_app


@pytest.fixture
def direct_url() -> Iterator[str]:
    with fresh_database() as url:
        yield url


def ratings(url: str) -> int:
    """Counted over a direct connection, not through the forwarder."""
    engine = create_engine(driver_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(ReviewLogRow)) or 0)
    finally:
        engine.dispose()


async def test_a_lost_server_keeps_the_typed_answer_until_it_is_back(
        tmp_path: Path, direct_url: str) -> None:
    proxy = CuttableProxy(server())
    try:
        bank = build_bank(tmp_path, url=proxy.url(str(make_url(direct_url).database)))
        app = study_app(bank, filters=QueueFilter(skills_only=True), lang="en")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, StudyScreen) and screen.item is not None
            first = screen.item.card.card_id
            await pilot.press("enter", "1", "2", "enter")  # answer, and check it
            await settle(pilot)
            assert screen.phase == "skill-verdict"

            proxy.cut()
            await pilot.press("enter")  # accept the proposed rating: cannot be saved
            await settle(pilot)
            assert app.is_running and isinstance(app.screen, StudyScreen)
            status = str(screen.query_one("#status", Static).render())
            assert "Cannot reach the database server" in status and "kept" in status
            assert screen.query_one("#answer-input", Input).value == "12"
            assert screen.item.card.card_id == first and screen.phase == "skill-verdict"
            assert ratings(direct_url) == 0

            proxy.restore()
            await pilot.press("enter")  # the same key again
            await settle(pilot)
            assert ratings(direct_url) == 1
            assert screen.item is not None and screen.item.card.card_id != first
        bank.engine.dispose()
    finally:
        proxy.cut()
