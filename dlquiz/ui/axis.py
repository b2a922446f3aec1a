"""Axes for every chart (text, screen and page alike): "nice" ticks in 1-2-5 steps, tick
labels of at most three significant figures, and a time unit chosen by magnitude, so a
study-time axis reads "40 min" or "1.5 h" instead of `62.4754`."""

from __future__ import annotations

import math
from dataclasses import dataclass

STEPS = (1.0, 2.0, 5.0, 10.0)


def nice_step(raw: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least `raw` (> 0)."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    for step in STEPS:
        if step * power >= raw * (1 - 1e-9):
            return step * power
    return 10 * power  # unreachable: 10 x power >= raw by the floor above


@dataclass(frozen=True)
class Axis:
    """Ticks from 0 to `top` (inclusive) every `step`; `top` is the axis' upper end."""

    step: float
    top: float

    @property
    def ticks(self) -> list[float]:
        count = round(self.top / self.step)
        return [self.step * i for i in range(count + 1)]


def axis(largest: float, most_ticks: int = 5, whole: bool = False) -> Axis:
    """An axis from 0 that holds `largest` with at most `most_ticks` intervals; `whole`
    keeps the step an integer (for counts)."""
    if largest <= 0 or not math.isfinite(largest):
        return Axis(1.0, 1.0)
    step = nice_step(largest / max(most_ticks, 1))
    if whole:
        step = max(step, 1.0)
    return Axis(step, step * math.ceil(largest / step - 1e-9))


def tick_label(value: float, step: float) -> str:
    """A tick's value with only the decimals its step needs, large values as k/M with at
    most three significant figures: 0, 0.5, 2.5, 40, 1.2k, 35k, 1.5M."""
    if value == 0:
        return "0"
    for limit, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return _short(value / limit, step / limit) + suffix
    return _short(value, step)


def _short(value: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    figures = len(str(int(abs(value)))) if abs(value) >= 1 else 0
    decimals = min(decimals, max(3 - figures, 0))
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class TimeUnit:
    """Seconds are divided by `seconds` to read in `key` ("s", "min" or "h")."""

    key: str
    seconds: int


def time_unit(largest_seconds: float) -> TimeUnit:
    """Seconds under two minutes, minutes under two hours, hours above."""
    if largest_seconds < 120:
        return TimeUnit("s", 1)
    if largest_seconds < 7200:
        return TimeUnit("min", 60)
    return TimeUnit("h", 3600)
