"""Running totals of one study session, for the summary screen (pure, no UI)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta


@dataclass(frozen=True)
class SessionStats:
    started: datetime
    done: int = 0
    right: int = 0
    wrong: int = 0
    history: tuple[bool, ...] = field(default=())

    def record(self, passed: bool) -> SessionStats:
        return replace(self, done=self.done + 1, right=self.right + int(passed),
                       wrong=self.wrong + int(not passed), history=(*self.history, passed))

    def undo(self) -> SessionStats:
        if not self.history:
            return self
        last = self.history[-1]
        return replace(self, done=self.done - 1, right=self.right - int(last),
                       wrong=self.wrong - int(not last), history=self.history[:-1])

    def elapsed(self, now: datetime) -> timedelta:
        return now - self.started


def format_duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {seconds:02d}s"
