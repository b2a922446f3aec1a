"""The colours of the statistics, one table for the terminal, the screen and the page: the
kinds of rating coloured as Anki colours them (new blue, learning orange, relearning red,
young light green, mature dark green), so a legend reads the same everywhere."""

from __future__ import annotations

KIND_COLOURS: dict[str, str] = {
    "new": "#3b8fd9",
    "learning": "#f08c2e",
    "relearning": "#d9463b",
    "young": "#7cc462",
    "mature": "#2f7d32",
}
BAR = "#2a7ab0"  # a chart of one series
TEXT = "#444444"
HEAT = ("#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127")
