"""The statistics screen: every section of `dlquiz stats`, scrollable, drawn for the width
of the terminal; `p` cycles the period. The report is counted part by part in workers, so
the screen (and the study session under it) never freezes while the bank is counted, and
it fills from the top as the parts come in: a section is added below the last one drawn
once its parts and those of every section above it are counted, so nothing drawn moves.
The two costly parts (the forecast and the pass over every card) are counted each in a
thread of its own, beside the others, which come in the order the screen needs them."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from dlquiz.srs.service import StudyService
from dlquiz.stats.clock import PERIODS
from dlquiz.stats.parts import PARTS, Plan, assemble
from dlquiz.stats.report import StatsReport
from dlquiz.stats.service import StatsService
from dlquiz.store.schema import BankError
from dlquiz.ui.labels import label
from dlquiz.ui.stats_text import HEADING_PART, SECTIONS, heading, sections

PERIOD_ORDER = tuple(PERIODS)
# each counted in a thread of its own, beside the others
ALONE = ("forecast", "memory", "ready")
# the other parts in the order the screen needs them: the heading's first, then top down
IN_TURN = tuple(dict.fromkeys([HEADING_PART, *(part for _, parts in SECTIONS.values()
                                                for part in parts if part not in ALONE)]))


class StatsScreen(Screen[None]):
    """Opened from the study screen (or `dlquiz stats --tui`); q or Escape closes it."""

    DEFAULT_CSS = """
    StatsScreen { layout: vertical; }
    StatsScreen #stats-head { height: auto; padding: 0 1; background: $panel; }
    StatsScreen #stats-body { height: 1fr; padding: 0 1; scrollbar-gutter: stable; }
    StatsScreen .stats-title { margin-top: 1; text-style: bold underline; }
    StatsScreen .stats-empty { text-style: none; color: $text-muted; }
    StatsScreen #stats-more { margin-top: 1; color: $text-muted; text-style: italic; }
    StatsScreen #stats-keys { height: 1; padding: 0 1; background: $panel;
                              color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "next_period", "Period"),
        Binding("q,escape", "close", "Back"),
        Binding("j", "scroll(1)", show=False), Binding("k", "scroll(-1)", show=False),
    ]

    class Drawn(Message):
        """Sections were added (`sections` are on the screen now; `complete` once all)."""

        def __init__(self, sections: int, complete: bool) -> None:
            super().__init__()
            self.sections = sections
            self.complete = complete

    def __init__(self, service: StatsService, lang: str, *, period: str = "1m",
                 deck: str | None = None, topic: str | None = None) -> None:
        super().__init__()
        self.service = service
        self.lang = lang
        self.period = period
        self.deck = deck
        self.topic = topic
        self.plan: Plan | None = None
        self.counted: dict[str, dict[str, Any]] = {}
        self.drawn: list[str] = []  # keys of the sections on the screen, top down
        self.drawn_width = 0
        self._layout = asyncio.Lock()  # the worker adds sections while a resize redraws

    @property
    def report(self) -> StatsReport | None:
        """The whole report, once every part is counted."""
        if self.plan is None or len(self.counted) < len(PARTS):
            return None
        return assemble(self.plan, self.counted)

    def compose(self) -> ComposeResult:
        yield Static(Text(label(self.lang, "loading"), style="italic"), id="stats-head")
        yield VerticalScroll(id="stats-body")
        yield Static(label(self.lang, "stats_keys"), id="stats-keys")

    def on_mount(self) -> None:
        self.query_one("#stats-body", VerticalScroll).focus()
        self.load()

    @work(exclusive=True, group="stats")
    async def load(self) -> None:
        async with self._layout:
            self.plan, self.counted, self.drawn = None, {}, []
            body = self.query_one("#stats-body", VerticalScroll)
            await body.remove_children()
            await body.mount(Static(label(self.lang, "loading"), id="stats-more"))
        try:
            await self._count()
        except BankError as exc:
            self.notify(str(exc), severity="error", timeout=10)

    async def _count(self) -> None:
        service = self.service
        plan = await asyncio.to_thread(service.plan, self.period, self.deck, self.topic,
                                       self.lang)
        alone = {name: asyncio.ensure_future(asyncio.to_thread(service.part, plan, name))
                 for name in ALONE}
        try:
            self.plan = plan
            for name in IN_TURN:
                self.counted[name] = await asyncio.to_thread(service.part, plan, name)
                await self._extend()
            for done in asyncio.as_completed(alone.values()):
                await done
                self.counted |= {name: task.result() for name, task in alone.items()
                                 if task.done() and name not in self.counted}
                await self._extend()
        finally:
            for task in alone.values():
                task.cancel()  # a new period (or closing) no longer waits for them

    def _ready(self) -> list[str]:
        """The sections from the top whose parts (and those of all above) are counted."""
        ready = []
        for key, (_, parts) in SECTIONS.items():
            if any(part not in self.counted for part in parts):
                break
            ready.append(key)
        return ready

    async def _extend(self) -> None:
        """Draw the heading once its part is in, and the sections newly ready below the
        last one drawn."""
        if self.plan is None or HEADING_PART not in self.counted:
            return
        async with self._layout:
            report = assemble(self.plan, self.counted)
            if not self.drawn:
                self.query_one("#stats-head", Static).update(heading(report, self.lang))
            new = self._ready()[len(self.drawn):]
            if new:
                if not self.drawn:
                    self.drawn_width = self._width()
                more = self.query_one("#stats-more", Static)
                await self.query_one("#stats-body", VerticalScroll).mount_all(
                    self._widgets(report, new, self.drawn_width), before=more)
                self.drawn.extend(new)
            complete = len(self.drawn) == len(SECTIONS)
            if complete:
                await self.query("#stats-more").remove()
        self.post_message(self.Drawn(len(self.drawn), complete))

    def _widgets(self, report: StatsReport, keys: list[str], width: int) -> list[Static]:
        widgets: list[Static] = []
        for title, text in sections(report, self.lang, width, keys):
            if not text:  # a section with no data: its one line
                widgets.append(Static(title, classes="stats-title stats-empty"))
                continue
            widgets.append(Static(title, classes="stats-title"))
            widgets.append(Static(text, classes="stats-text"))
        return widgets

    def _width(self) -> int:
        return max(self.query_one("#stats-body", VerticalScroll).size.width - 3, 40)

    async def on_resize(self, _event: events.Resize) -> None:
        """Lay the sections drawn so far out again for the new width."""
        async with self._layout:
            if self.plan is None or not self.drawn or self._width() == self.drawn_width:
                return
            self.drawn_width = self._width()
            body = self.query_one("#stats-body", VerticalScroll)
            report = assemble(self.plan, self.counted)
            await body.remove_children(".stats-title, .stats-text")
            widgets = self._widgets(report, self.drawn, self.drawn_width)
            more = body.query("#stats-more")
            await body.mount_all(widgets, before=more.first() if more else None)

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
