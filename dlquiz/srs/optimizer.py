"""`dlquiz optimize`: FSRS fitted to this user's study reviews with fsrs-rs, in a separate
process (see fit_worker.py), kept only if it predicts the same history better.

A card's history becomes the library's training items as Anki makes them: ratings grouped
by study day (zone and rollover hour), an item ending at each rating a day or more after
the previous one. Only cards whose history starts with their first rating (a new card)
can be replayed from the start; others are left out.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from queue import Empty, Queue
from typing import Any

from dlquiz.srs.days import day_start
from dlquiz.srs.fit_record import FitRecord, Metrics, save_fit
from dlquiz.srs.settings import StudySettings, load_settings, save_settings
from dlquiz.store.bank import Bank
from dlquiz.store.schema import NEW, BankError
from dlquiz.store.stats import Rated, study_history

Review = tuple[int, int]  # rating, whole study days since the previous rating
Progress = Callable[[str, dict[str, Any]], None]
TICK = 0.5  # seconds between progress calls while the fit runs


def card_items(ratings: Iterable[Rated], zone: tzinfo, rollover: int) -> list[list[Review]]:
    """The training items of one card: its reviews up to each rating that came a day or
    more after the one before (same-day ratings stay in the history, Anki-style)."""
    reviews: list[Review] = []
    items: list[list[Review]] = []
    last = None
    for at, rating, _ in ratings:
        day = day_start(at, zone, rollover).astimezone(zone).date()
        delta = (day - last).days if last is not None else 0
        reviews.append((rating, delta))
        if delta > 0:
            items.append(list(reviews))
        last = day
    return items


def training_items(history: Iterable[tuple[int, list[Rated]]], zone: tzinfo,
                   rollover: int) -> tuple[list[list[Review]], int]:
    """Every card's items (cards whose log begins with their first rating), and the number
    of study reviews those cards hold."""
    items: list[list[Review]] = []
    reviews = 0
    for _card, ratings in history:
        if not ratings or ratings[0][2] != NEW:
            continue
        reviews += len(ratings)
        items.extend(card_items(ratings, zone, rollover))
    return items, reviews


@dataclass(frozen=True)
class FitOutcome:
    record: FitRecord
    items: int


def fit(items: list[list[Review]], current: tuple[float, ...],
        progress: Progress | None = None) -> dict[str, Any]:
    """Run the fit in a child process; `progress(phase, details)` is called for each phase
    and every TICK seconds while fsrs-rs works (with the seconds elapsed)."""
    child = subprocess.Popen([sys.executable, "-m", "dlquiz.srs.fit_worker"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    lines: Queue[str | None] = Queue()

    def pump() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        assert child.stdin is not None
        child.stdin.write(json.dumps({"items": items, "current": list(current)}))
        child.stdin.close()
        return _follow(lines, progress)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()


def _follow(lines: Queue[str | None], progress: Progress | None) -> dict[str, Any]:
    import time

    started = time.monotonic()
    phase = "reading"
    while True:
        try:
            line = lines.get(timeout=TICK)
        except Empty:
            if progress is not None:
                progress(phase, {"seconds": time.monotonic() - started})
            continue
        if line is None:
            raise BankError("the FSRS fit stopped without an answer; nothing was changed.")
        message = json.loads(line)
        if "error" in message:
            raise BankError(f"{message['error']}; nothing was changed.")
        if "result" in message:
            return dict(message["result"])
        phase = str(message["phase"])
        started = time.monotonic()
        if progress is not None:
            progress(phase, {**message, "seconds": 0.0})


def scope_of(fitted: list[float], default: list[float]) -> str:
    """What the library could fit: everything, only the four initial stabilities (fewer
    than 64 training items), or nothing (fewer than 8: the defaults come back)."""
    close = [abs(a - b) < 1e-6 for a, b in zip(fitted, default, strict=False)]
    if all(close):
        return "defaults"
    return "initial stabilities" if all(close[4:]) else "full"


def optimize(bank: Bank, zone: tzinfo, now: datetime,
             progress: Progress | None = None) -> FitOutcome | None:
    """Fit, compare on the same history, keep the fitted parameters only if their log loss
    is lower; record what happened. None when there is no history to fit."""
    settings = load_settings(bank)
    if progress is not None:
        progress("history", {})
    items, reviews = training_items(study_history(bank), zone, settings.day_rollover_hour)
    if not items:
        return None
    result = fit(items, settings.parameters, progress)
    fitted = [float(p) for p in result["fitted"]]
    scope = scope_of(fitted, [float(p) for p in result["default"]])
    current = Metrics(**result["current"])
    after = Metrics(**result["after"])
    kept = scope != "defaults" and after.log_loss < current.log_loss
    if kept:
        save_settings(bank, replace(settings, parameters=tuple(fitted)))
    record = FitRecord(fitted_at=now, reviews=reviews, items=len(items), scope=scope,
                       kept=kept, current=current, fitted=after, parameters=tuple(fitted))
    save_fit(bank, record)
    return FitOutcome(record=record, items=len(items))


def reset(bank: Bank) -> StudySettings:
    """Back to FSRS's default parameters (the fit record goes too)."""
    settings = replace(load_settings(bank), parameters=())
    save_settings(bank, settings)
    save_fit(bank, None)
    return settings
