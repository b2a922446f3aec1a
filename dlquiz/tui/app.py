"""The study app and its factory; `dlquiz study` and the tests build it the same way."""

from __future__ import annotations

from dataclasses import replace

from textual.app import App

from dlquiz.srs.service import StudyService
from dlquiz.tui import cjk
from dlquiz.tui.screens.study import StudyScreen
from dlquiz.tui.screens.summary import SummaryScreen
from dlquiz.tui.session_stats import SessionStats

EXTRA_NEW = 10


class DlquizApp(App[None]):
    """Holds the service and the session's running totals; screens do the showing."""

    CSS_PATH = "app.tcss"
    TITLE = "dlquiz"

    def __init__(self, service: StudyService, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.service = service
        self.cursor_blink = cursor_blink
        self.stats = SessionStats(started=service.clock())
        self.extra_new = EXTRA_NEW

    def on_mount(self) -> None:
        self.push_screen(StudyScreen())

    def show_summary(self) -> None:
        def back_to_study(_result: None) -> None:
            study = self.screen
            if isinstance(study, StudyScreen):
                self.call_later(study.load_next)

        self.push_screen(SummaryScreen(), back_to_study)

    def more_new_available(self) -> bool:
        """New cards exist beyond today's limit (the empty state offers them)."""
        return self._with_more_new().counts().new > 0

    def allow_more_new(self) -> None:
        """Raise today's new-card limit for this session only."""
        self.service = self._with_more_new()

    def _with_more_new(self) -> StudyService:
        settings = self.service.settings
        return self.service.with_settings(
            replace(settings, new_per_day=settings.new_per_day + self.extra_new))


def make_app(service: StudyService, *, cursor_blink: bool = True) -> DlquizApp:
    """The app for a service; tests turn the cursor blink off so screenshots are stable."""
    cjk.install()
    return DlquizApp(service, cursor_blink=cursor_blink)
