"""End of session: what was done, how it went, the cards missed and the named mistakes
made, and when cards come back; `t` opens the statistics. It scrolls (Up/Down/PgUp/PgDn/
Home/End) under a keys line that always stays in view."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from dlquiz.srs.service import StudyService
from dlquiz.tui.app.session_stats import SessionStats, format_duration
from dlquiz.ui.charts import clip
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe

SHOWN = 8  # missed cards and mistakes listed; the rest are counted
LINE = 56  # cells for a title in the summary box


class SummaryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "continue_study", show=False),
        Binding("t", "statistics", show=False),
        Binding("q", "app.quit", show=False),
    ]

    def __init__(self, service: StudyService, stats: SessionStats) -> None:
        super().__init__()
        self.service = service
        self.stats = stats

    def compose(self) -> ComposeResult:
        # the box scrolls (a long session's misses do not fit 24 rows); the keys stay on a
        # line of their own at the bottom, in the study language (a Footer would say them
        # in English)
        with VerticalScroll(id="summary-scroll"), Center(), Vertical(id="summary-box"):
            yield Static(id="summary")
        yield Static(Text(label(self.service.lang, "continue") + " · "
                          + label(self.service.lang, "summary_scroll"), style="dim"),
                     id="keys")

    def on_mount(self) -> None:
        self.app.clear_notifications()  # the last card's toasts would cover the summary
        self.query_one("#summary-scroll", VerticalScroll).focus()
        self.run_worker(self.refresh_summary(), group="bank")

    async def refresh_summary(self) -> None:
        import asyncio

        lang = self.service.lang
        stats = self.stats
        forecast = await asyncio.to_thread(self.service.forecast)
        countdown = await asyncio.to_thread(self.service.countdown)
        text = Text(label(lang, "summary_title") + "\n\n", style="bold")
        if countdown is not None:
            text.append(label(lang, "plan_line", days=countdown[0],
                              recall=f"{100 * countdown[1]:.0f}%") + "\n\n", style="italic")
        rows = [
            (label(lang, "cards_done"), str(stats.done)),
            (label(lang, "right_wrong"), f"{stats.right} / {stats.wrong}"),
            (label(lang, "time"), format_duration(stats.elapsed(self.service.clock()))),
        ]
        if forecast.later_today:  # learning cards coming back within the day
            rows.append((label(lang, "due_later_today"), str(forecast.later_today)))
        rows.append((label(lang, "due_tomorrow"), str(forecast.tomorrow)))
        if forecast.next_due is not None:
            rows.append((label(lang, "next_due"),
                         forecast.next_due.astimezone(self.service.zone)
                         .strftime("%Y-%m-%d %H:%M")))
        width = max(cell_len(name) for name, _ in rows)
        for name, value in rows:
            text.append(name + " " * (width - cell_len(name) + 2), style="dim")
            text.append(value + "\n", style="bold")
        self._misses(text)
        self.query_one("#summary", Static).update(text)

    def _misses(self, text: Text) -> None:
        """The cards missed and the named mistakes made this session (text from the bank
        goes through safe())."""
        lang = self.service.lang
        missed = self.stats.missed_cards
        if missed:
            text.append("\n" + label(lang, "missed_title") + "\n", style="bold")
            for miss, times in missed[:SHOWN]:
                suffix = f" ×{times}" if times > 1 else ""
                text.append(f"  {clip(safe(miss.title), LINE - cell_len(suffix))}{suffix}\n")
            if len(missed) > SHOWN:
                text.append(f"  … +{len(missed) - SHOWN}\n", style="dim")
        mistakes = self.stats.mistakes
        if mistakes:
            text.append("\n" + label(lang, "mistakes_title") + "\n", style="bold")
            for name, times in mistakes[:SHOWN]:
                suffix = f" ×{times}"
                text.append(f"  {clip(safe(name), LINE - cell_len(suffix))}{suffix}\n")

    def action_statistics(self) -> None:
        from dlquiz.tui.screens.stats import stats_screen_for

        self.app.push_screen(stats_screen_for(self.service))

    def action_continue_study(self) -> None:
        self.dismiss()
