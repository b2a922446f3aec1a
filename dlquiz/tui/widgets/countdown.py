"""The exam clock: time left, redrawn once a second by itself (nothing else on the screen
is touched), turning yellow under five minutes and red under one. It posts Warning when the
time left crosses 5 and 1 minutes while it runs (never for a mark already passed when it
opens: a 5-minute exam does not start with "5 minutes left") and Expired at 0; the screen
decides what they mean."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

WARN_AT = (5 * 60, 60)


def format_left(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class Countdown(Static):
    DEFAULT_CSS = """
    Countdown { width: auto; height: 1; padding: 0 1; text-style: bold; }
    """

    class Warning(Message):
        def __init__(self, seconds_left: int) -> None:
            super().__init__()
            self.seconds_left = seconds_left

    class Expired(Message):
        pass

    def __init__(self, deadline: datetime, clock: Callable[[], datetime], label: str,
                 **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.deadline = deadline
        self.clock = clock
        self.label = label
        self.warned: set[int] = set()
        self.expired = False

    def on_mount(self) -> None:
        left = self.seconds_left()
        self.warned = {mark for mark in WARN_AT if left <= mark}  # passed before it opened
        self.tick()
        self.set_interval(1.0, self.tick)

    def seconds_left(self) -> float:
        return (self.deadline - self.clock()).total_seconds()

    def tick(self) -> None:
        left = self.seconds_left()
        style = "red" if left < 60 else ("yellow" if left < 300 else "")
        self.update(Text(f"{self.label} {format_left(left)}", style=style))
        for mark in WARN_AT:
            if left <= mark and mark not in self.warned and left > 0:
                self.warned.add(mark)
                self.post_message(self.Warning(mark))
        if left <= 0 and not self.expired:
            self.expired = True
            self.post_message(self.Expired())
