"""The top line: cards left today, coloured as in Anki (new blue, learning red, due green)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dlquiz.store.schema import QueueCounts
from dlquiz.ui.labels import label


class CountsBar(Static):
    """The counts, and after them the interview countdown when a target is active."""

    DEFAULT_CSS = """
    CountsBar { height: 1; padding: 0 1; background: $panel; }
    """

    tail = ""
    _last: Text | None = None

    def set_tail(self, tail: str) -> None:
        self.tail = tail
        if self._last is not None:
            self._show(self._last)

    def _show(self, counts_text: Text) -> None:
        self._last = counts_text
        text = counts_text.copy()
        if self.tail:
            text.append("  │  " + self.tail, style="italic")
        self.update(text)

    def show_counts(self, counts: QueueCounts, lang: str, current: str | None = None) -> None:
        text = Text()
        parts = (("new", counts.new, "bold dodger_blue1"), ("learning", counts.learning,
                 "bold red"), ("review", counts.review, "bold green"))
        for i, (key, value, style) in enumerate(parts):
            if i:
                text.append("  ·  ", style="dim")
            underline = " underline" if key == current else ""
            text.append(f"{label(lang, key)} ", style="dim")
            text.append(str(value), style=style + underline)
        self._show(text)
