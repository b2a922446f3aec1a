"""A screen that talks to the bank from workers: while a call is in flight the screen is
in the "saving" phase, keys that act on cards are kept in order and replayed when it is
done (a fast "Space 3 Space 3" never loses a key and never rates a card twice), a busy bank
is retried with a notice, a card changed elsewhere is reloaded, an unreachable database
server is reported with the screen left as it was (a typed answer stays in its box; the key
can be pressed again once the server is back), and any other bank error ends the app with
exit code 2 and the error's one sentence."""

from __future__ import annotations

import inspect
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TypeVar

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from dlquiz.store.schema import (
    BankBusyError,
    BankError,
    BankUnreachableError,
    StaleCardError,
)
from dlquiz.tui.app.bank_calls import RetryPolicy, call_bank
from dlquiz.ui.labels import label

T = TypeVar("T")
SAVING = "saving"


class BankScreen(Screen[None]):
    """Subclasses set `phase`, `lang`, `retry`, have a `#status` Static, and define
    `after_stale()` (what to show once a card turned out to have changed elsewhere)."""

    def __init__(self, lang: str, retry: RetryPolicy) -> None:
        super().__init__()
        self.lang = lang
        self.retry = retry
        self.phase = "loading"
        self.deferred: deque[Callable[[], object]] = deque()

    def set_phase(self, phase: str) -> None:
        self.phase = phase

    def run_bank(self, job: Callable[[], Awaitable[None]]) -> None:
        """Run a job that talks to the bank as a worker; errors become notices."""
        resume = self.phase
        self.set_phase(SAVING)
        self.run_worker(self._guarded(job, resume), group="bank")

    async def _guarded(self, job: Callable[[], Awaitable[None]], resume: str) -> None:
        try:
            await job()
            if self.phase == SAVING:  # the job showed nothing new: back to where it was
                self.set_phase(resume)
        except BankBusyError:
            self.set_phase(resume)
            self.deferred.clear()
            self.show_status(label(self.lang, "busy_gave_up"))
        except BankUnreachableError as exc:
            self.set_phase(resume)
            self.deferred.clear()
            self.show_status(label(self.lang, "unreachable_kept"))
            self.notify(str(exc), severity="error", timeout=10)
        except StaleCardError:
            self.deferred.clear()
            self.notify(label(self.lang, "card_changed"), severity="warning")
            await self.after_stale()
        except BankError as exc:
            self.app.exit(return_code=2, message=f"dlquiz: {exc}")
            return
        while self.deferred and self.phase != SAVING:
            result = self.deferred.popleft()()
            if inspect.isawaitable(result):
                await result

    async def after_stale(self) -> None:
        raise NotImplementedError

    def deferred_while_saving(self, action: Callable[[], object]) -> bool:
        """Keep a key's action for later if a bank call is in flight (True if kept)."""
        if self.phase == SAVING:
            self.deferred.append(action)
            return True
        return False

    async def call(self, fn: Callable[..., T], *args: object) -> T:
        return await call_bank(fn, *args, policy=self.retry, on_busy=self._busy)

    def _busy(self, _attempt: int) -> None:
        self.show_status(label(self.lang, "busy_retrying"))

    def show_status(self, message: str) -> None:
        self.query_one("#status", Static).update(Text(message, style="italic"))
