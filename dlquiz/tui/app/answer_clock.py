"""How long the user spent on the card on show, honestly: the clock stands still while the
terminal is in the background (Textual's AppBlur/AppFocus), and a stretch without a key
press counts for `cap` seconds at most (a card left open over a break is not an hour of
study); the service caps the whole answer at the same setting."""

from __future__ import annotations

import time
from collections.abc import Callable


class AnswerClock:
    def __init__(self, cap_seconds: float, now: Callable[[], float] = time.monotonic) -> None:
        self.cap = cap_seconds
        self._now = now
        self._counted = 0.0
        self._since: float | None = now()  # None while paused

    def restart(self, *, running: bool = True) -> None:
        """A new card is on show."""
        self._counted = 0.0
        self._since = self._now() if running else None

    def _settle(self) -> None:
        if self._since is not None:
            now = self._now()
            self._counted += min(now - self._since, self.cap)
            self._since = now

    def touch(self) -> None:
        """A key was pressed: the user is still at the card."""
        self._settle()

    def pause(self) -> None:
        """The terminal lost focus."""
        self._settle()
        self._since = None

    def resume(self) -> None:
        """The terminal has focus again."""
        if self._since is None:
            self._since = self._now()

    @property
    def running(self) -> bool:
        return self._since is not None

    def elapsed_ms(self) -> int:
        """The time counted for the card so far, at most `cap` seconds of it per stretch
        between key presses."""
        self._settle()
        return int(self._counted * 1000)
