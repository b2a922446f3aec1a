"""Open the bank the commands use: resolve its URL, migrate, and seed the built-in deck."""

from __future__ import annotations

from datetime import UTC, datetime

from dlquiz.store.database import Bank, open_bank
from dlquiz.store.location import resolve_url


def open_default_bank(db: str | None = None, *, now: datetime | None = None) -> Bank:
    """The bank named by `--db`/env/defaults; a brand-new bank gets the built-in deck."""
    bank = open_bank(resolve_url(db), now=now)
    if bank.created:
        from dlquiz.store.builtin import import_builtin  # deferred: the parser is only needed here

        import_builtin(bank, now=now)
        from dlquiz.srs.service import StudyService  # deferred: loads the question engine

        StudyService(bank, clock=lambda: now or datetime.now(UTC)).ensure_skills()
    return bank
