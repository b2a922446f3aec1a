"""End of session: what was done, how it went, and when cards come back."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from dlquiz.srs.service import StudyService
from dlquiz.tui.session_stats import SessionStats, format_duration
from dlquiz.ui.labels import label


class SummaryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "continue_study", "Continue"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, service: StudyService, stats: SessionStats) -> None:
        super().__init__()
        self.service = service
        self.stats = stats

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="summary-box"):
            yield Static(id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.run_worker(self.refresh_summary(), group="bank")

    async def refresh_summary(self) -> None:
        import asyncio

        lang = self.service.lang
        stats = self.stats
        forecast = await asyncio.to_thread(self.service.forecast)
        text = Text(label(lang, "summary_title") + "\n\n", style="bold")
        rows = [
            (label(lang, "cards_done"), str(stats.done)),
            (label(lang, "right_wrong"), f"{stats.right} / {stats.wrong}"),
            (label(lang, "time"), format_duration(stats.elapsed(self.service.clock()))),
            (label(lang, "due_tomorrow"), str(forecast.tomorrow)),
        ]
        if forecast.next_due is not None:
            rows.append((label(lang, "next_due"),
                         forecast.next_due.astimezone(self.service.zone)
                         .strftime("%Y-%m-%d %H:%M")))
        width = max(cell_len(name) for name, _ in rows)
        for name, value in rows:
            text.append(name + " " * (width - cell_len(name) + 2), style="dim")
            text.append(value + "\n", style="bold")
        text.append("\n" + label(lang, "continue"), style="dim")
        self.query_one("#summary", Static).update(text)

    def action_continue_study(self) -> None:
        self.dismiss()
