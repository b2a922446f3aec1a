"""The four rating keys with the interval each would give, e.g. `3 Good · 2d`."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.widgets import Static

from dlquiz.srs.records import format_interval
from dlquiz.ui.labels import RATING_KEYS, label

STYLES = {1: "red", 2: "dark_orange", 3: "green", 4: "dodger_blue1"}


class RatingBar(Static):
    DEFAULT_CSS = """
    RatingBar { height: auto; padding: 0 1; }
    """

    def show_ratings(self, previews: dict[int, timedelta], lang: str,
                     proposed: int | None = None) -> None:
        text = Text()
        for rating in (1, 2, 3, 4):
            if rating > 1:
                text.append("   ")
            chosen = rating == proposed
            style = f"bold reverse {STYLES[rating]}" if chosen else STYLES[rating]
            text.append(f" {rating} {label(lang, RATING_KEYS[rating])} · "
                        f"{format_interval(previews[rating])} ", style=style)
        if proposed is not None:
            text.append(f"\n{label(lang, 'proposed')}: {label(lang, RATING_KEYS[proposed])} — "
                        f"{label(lang, 'accept')}", style="dim")
        self.update(text)
