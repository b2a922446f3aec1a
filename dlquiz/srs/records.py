"""Frozen records the scheduling services return to the CLI and the TUI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from dlquiz.store.schema import RATING_NAMES, STATE_NAMES


@dataclass(frozen=True)
class RatingResult:
    card_id: int
    rating: int
    state: int
    due: datetime
    interval: timedelta
    leech: bool
    lapses: int
    version: int

    def to_dict(self) -> dict[str, Any]:
        return {"card": self.card_id, "rating": RATING_NAMES[self.rating],
                "state": STATE_NAMES[self.state], "due": self.due.isoformat(),
                "interval_seconds": int(self.interval.total_seconds()),
                "interval": format_interval(self.interval), "leech": self.leech}


def format_interval(delta: timedelta) -> str:
    """Anki-style short interval: `<1m`, `10m`, `3h`, `2d`, `1.5mo`, `1.2y`."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        months = days / 30
        return f"{months:.1f}mo".replace(".0mo", "mo")
    years = days / 365
    return f"{years:.1f}y".replace(".0y", "y")
