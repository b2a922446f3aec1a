"""A small bank with notes and skill cards, a frozen clock, fuzz off, a fixed time zone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.cards.skills import ensure_skill_cards
from dlquiz.store.decks.importing import import_paths

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def notes_text(count: int) -> str:
    parts = ["# 卷积\n"]
    for i in range(1, count + 1):
        parts.append(f"## {i:03d} 问题 {i}\n\n答案 {i}：卷积的要点。\n")
    parts.append("## 999 草稿\n\n- [ ] TODO\n")
    return "\n".join(parts)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def make_bank(tmp_path: Path, bank_url: str) -> Callable[..., Bank]:
    def make(notes: int = 5, skills: tuple[str, ...] = ()) -> Bank:
        bank = open_bank(bank_url)
        path = tmp_path / "deck.md"
        path.write_text(notes_text(notes), encoding="utf-8")
        import_paths(bank, [path], now=START - timedelta(days=1))
        ensure_skill_cards(bank, skills, START - timedelta(days=1))
        return bank
    return make


@pytest.fixture
def service_for(clock: Clock) -> Callable[..., StudyService]:
    def make(bank: Bank, **settings: object) -> StudyService:
        chosen = StudySettings(enable_fuzzing=False, **settings)  # type: ignore[arg-type]
        return StudyService(bank, clock=clock, zone=SHANGHAI, settings=chosen)
    return make
