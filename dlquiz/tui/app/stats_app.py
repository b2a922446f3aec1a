"""`dlquiz stats --tui`: the statistics screen on its own; closing it ends the app."""

from __future__ import annotations

from textual.app import App

from dlquiz.stats.service import StatsService
from dlquiz.tui.screens.stats import StatsScreen
from dlquiz.ui import cjk


class StatsApp(App[None]):
    TITLE = "dlquiz stats"

    def __init__(self, service: StatsService, lang: str, *, period: str = "1m",
                 deck: str | None = None, topic: str | None = None) -> None:
        super().__init__()
        self.service = service
        self.lang = lang
        self.options = (period, deck, topic)

    def on_mount(self) -> None:
        period, deck, topic = self.options
        self.push_screen(StatsScreen(self.service, self.lang, period=period, deck=deck,
                                     topic=topic), lambda _result: self.exit())


def make_stats_app(service: StatsService, lang: str, *, period: str = "1m",
                   deck: str | None = None, topic: str | None = None) -> StatsApp:
    cjk.install()
    return StatsApp(service, lang, period=period, deck=deck, topic=topic)


def run_stats_app(service: StatsService, lang: str, *, period: str = "1m",
                  deck: str | None = None, topic: str | None = None) -> None:
    make_stats_app(service, lang, period=period, deck=deck, topic=topic).run()
