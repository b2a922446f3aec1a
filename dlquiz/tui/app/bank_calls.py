"""Bank calls from the TUI: each runs in a thread, so a slow or locked bank never freezes
input, and a write that meets another process's lock is retried with a visible notice
before the screen gives up (keeping whatever the user typed)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from dlquiz.store.schema import BankBusyError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How many times a busy bank is tried (each try waits up to the bank's busy timeout)."""

    attempts: int = 6


async def call_bank(fn: Callable[..., T], *args: Any, policy: RetryPolicy,
                    on_busy: Callable[[int], None]) -> T:
    """`fn(*args)` in a worker thread; BankBusyError is retried `policy.attempts` times
    (`on_busy(attempt)` is told before each retry) and raised after the last."""
    for attempt in range(1, policy.attempts + 1):
        try:
            return await asyncio.to_thread(fn, *args)
        except BankBusyError:
            if attempt == policy.attempts:
                raise
            on_busy(attempt)
    raise AssertionError("unreachable")
