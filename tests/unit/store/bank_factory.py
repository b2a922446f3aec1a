"""Small banks for store tests: notes, cards and ratings written through the real paths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from dlquiz.srs.service import StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.store.bank.database import Bank, open_bank
from dlquiz.store.decks.importing import import_paths

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def bank_with_ratings(folder: Path, ratings: int = 3) -> tuple[Bank, StudyService]:
    """A bank of five notes with `ratings` ratings recorded on its first cards."""
    bank = open_bank(f"sqlite:///{folder / 'bank.db'}")
    notes = folder / "deck.md"
    notes.write_text("\n".join(f"## {i:03d} 问题 {i}\n\n答案 {i}。\n" for i in range(1, 6)),
                     encoding="utf-8")
    import_paths(bank, [notes], now=NOW - timedelta(days=1))
    service = StudyService(bank, clock=lambda: NOW,
                           settings=StudySettings(enable_fuzzing=False))
    for _ in range(ratings):
        item = service.next_item()
        assert item is not None
        service.rate(item.card.card_id, 3)
    return bank, service
