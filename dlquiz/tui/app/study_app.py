"""The study app and its factory; `dlquiz study` and the tests build it the same way.

The app only routes between screens: each screen gets the service it needs, and tells the
app what happened through messages.
"""

from __future__ import annotations

from textual import on
from textual.app import App

from dlquiz.srs.service import StudyService
from dlquiz.tui.app.bank_calls import RetryPolicy
from dlquiz.tui.screens.study import StudyScreen
from dlquiz.ui import cjk


class DlquizApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "dlquiz"

    def __init__(self, service: StudyService, *, cursor_blink: bool = True,
                 retry: RetryPolicy = RetryPolicy()) -> None:
        super().__init__()
        self.service = service
        self.cursor_blink = cursor_blink
        self.retry = retry

    def on_mount(self) -> None:
        self.push_screen(StudyScreen(self.service, cursor_blink=self.cursor_blink,
                                     retry=self.retry))

    @on(StudyScreen.BrowseRequested)
    def browse(self) -> None:
        from dlquiz.tui.screens.browse import BrowseScreen

        study = self.screen

        browsing = BrowseScreen(self.service)

        def chosen(card_id: int | None) -> None:
            if isinstance(study, StudyScreen) and card_id is not None:
                study.study_card(card_id)
            elif isinstance(study, StudyScreen) and browsing.deleted:
                study.reload()  # the card on show may have been deleted

        self.push_screen(browsing, chosen)

    def action_help_quit(self) -> None:
        """Ctrl+C: say, in the study language, how to end the session."""
        from dlquiz.ui.labels import label

        self.notify(label(self.service.lang, "quit_hint_ctrl_c"))

    @on(StudyScreen.SessionEnded)
    def show_summary(self, message: StudyScreen.SessionEnded) -> None:
        from dlquiz.tui.screens.summary import SummaryScreen  # deferred: the charts

        study = self.screen

        def back_to_study(_result: None) -> None:
            if isinstance(study, StudyScreen):
                study.reload()

        self.push_screen(SummaryScreen(self.service, message.stats), back_to_study)


def make_app(service: StudyService, *, cursor_blink: bool = True,
             retry: RetryPolicy = RetryPolicy()) -> DlquizApp:
    """The app for a service; tests turn the cursor blink off so screenshots are stable."""
    cjk.install()
    return DlquizApp(service, cursor_blink=cursor_blink, retry=retry)
