"""The statistics screen: every section of `dlquiz stats`, scrollable, drawn for the width
of the terminal; `p` cycles the period. The report is computed in a worker, so the screen
(and the study session under it) never freezes while the bank is counted."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from dlquiz.srs.service import StudyService
from dlquiz.stats.clock import PERIODS
from dlquiz.stats.report import StatsReport
from dlquiz.stats.service import StatsService
from dlquiz.store.errors import BankError
from dlquiz.ui.labels import label
from dlquiz.ui.stats_text import heading, sections

PERIOD_ORDER = tuple(PERIODS)


class StatsScreen(Screen[None]):
    """Opened from the study screen (or `dlquiz stats --tui`); q or Escape closes it."""

    DEFAULT_CSS = """
    StatsScreen { layout: vertical; }
    StatsScreen #stats-head { height: auto; padding: 0 1; background: $panel; }
    StatsScreen #stats-body { height: 1fr; padding: 0 1; }
    StatsScreen .stats-title { margin-top: 1; text-style: bold underline; }
    StatsScreen #stats-keys { height: 1; padding: 0 1; background: $panel;
                              color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "next_period", "Period"),
        Binding("q,escape", "close", "Back"),
        Binding("j", "scroll(1)", show=False), Binding("k", "scroll(-1)", show=False),
    ]

    def __init__(self, service: StatsService, lang: str, *, period: str = "1m",
                 deck: str | None = None, topic: str | None = None) -> None:
        super().__init__()
        self.service = service
        self.lang = lang
        self.period = period
        self.deck = deck
        self.topic = topic
        self.report: StatsReport | None = None
        self.drawn_width = 0

    def compose(self) -> ComposeResult:
        yield Static(Text(label(self.lang, "loading"), style="italic"), id="stats-head")
        yield VerticalScroll(id="stats-body")
        yield Static(label(self.lang, "stats_keys"), id="stats-keys")

    def on_mount(self) -> None:
        self.query_one("#stats-body", VerticalScroll).focus()
        self.load()

    @work(exclusive=True, group="stats")
    async def load(self) -> None:
        try:
            report = await asyncio.to_thread(self.service.report, self.period, self.deck,
                                             self.topic, self.lang)
        except BankError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.report = report
        await self.draw()

    def _width(self) -> int:
        return max(self.query_one("#stats-body", VerticalScroll).size.width - 3, 40)

    async def draw(self) -> None:
        """Lay the report out for the current width (again after a resize)."""
        if self.report is None:
            return
        width = self._width()
        self.drawn_width = width
        self.query_one("#stats-head", Static).update(heading(self.report, self.lang))
        body = self.query_one("#stats-body", VerticalScroll)
        await body.remove_children()
        widgets: list[Static] = []
        for title, text in sections(self.report, self.lang, width):
            widgets.append(Static(title, classes="stats-title"))
            widgets.append(Static(text))
        await body.mount_all(widgets)

    async def on_resize(self, _event: events.Resize) -> None:
        if self.report is not None and self._width() != self.drawn_width:
            await self.draw()

    def action_next_period(self) -> None:
        self.period = PERIOD_ORDER[(PERIOD_ORDER.index(self.period) + 1) % len(PERIOD_ORDER)]
        self.query_one("#stats-head", Static).update(
            Text(label(self.lang, "loading"), style="italic"))
        self.load()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#stats-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss()


def stats_screen_for(study: StudyService) -> StatsScreen:
    """The statistics of the bank a study session uses, on the same clock, zone and
    settings (what the study and summary screens open)."""
    service = StatsService(study.bank, clock=study.clock, zone=study.zone,
                           settings=study.settings)
    return StatsScreen(service, study.lang)
