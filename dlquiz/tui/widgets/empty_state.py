"""What the study screen shows when nothing is due: when the next card comes, and whether
more new cards can be studied today."""

from __future__ import annotations

from datetime import tzinfo

from rich.text import Text

from dlquiz.store.schema import DueForecast
from dlquiz.ui.labels import label


def empty_text(forecast: DueForecast, zone: tzinfo, lang: str, more_new: bool,
               extra_new: int) -> Text:
    text = Text(label(lang, "empty_title") + "\n\n", style="bold")
    if forecast.next_due is not None:
        when = forecast.next_due.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        text.append(f"{label(lang, 'next_due')}: {when}\n")
    else:
        text.append(label(lang, "none_scheduled") + "\n")
    if more_new:
        text.append(label(lang, "more_new", n=extra_new) + "\n")
    else:
        text.append(label(lang, "no_more_new") + "\n")
    text.append(label(lang, "quit_hint"), style="dim")
    return text
