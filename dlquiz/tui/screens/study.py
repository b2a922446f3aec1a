"""The study screen: one card at a time, reveal, rate with 1-4 (or Space for Good), undo any
action, suspend, bury, edit the note (imported again when the editor closes), browse.

All scheduling goes through the StudyService it is given, from workers (see BankScreen).
A skill card's answer box takes the keyboard only when asked to (Enter), so the rating
rhythm of the previous card (Space, 3) never types into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message

from dlquiz.srs.service import StudyService
from dlquiz.tui.app.bank_calls import RetryPolicy
from dlquiz.tui.app.bank_screen import SAVING
from dlquiz.tui.app.session_stats import SessionStats
from dlquiz.tui.screens.study_answer import AnswerFlow
from dlquiz.tui.widgets.note_view import NoteView
from dlquiz.ui.keys import keys_for
from dlquiz.ui.labels import label

if TYPE_CHECKING:
    from dlquiz.tui.screens.study_edit import EditFlow

SCROLL_KEYS = (("up", "up"), ("down", "down"), ("pageup", "page_up"),
               ("pagedown", "page_down"), ("home", "home"), ("end", "end"))


class StudyScreen(AnswerFlow):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "space", show=False),
        Binding("enter", "enter", show=False),
        *[Binding(str(r), f"rate({r})", show=False) for r in (1, 2, 3, 4)],
        Binding("u", "undo", show=False),
        Binding("ctrl+z", "undo", show=False, priority=True),
        Binding("s", "suspend", show=False),
        Binding("b", "bury", show=False),
        Binding("o", "open_source", show=False),
        Binding("n", "more_new", show=False),
        Binding("p", "practice", show=False),
        Binding("l", "links", show=False),
        Binding("e", "fold", show=False),
        Binding("B,slash", "browse", show=False),
        Binding("t", "statistics", show=False),
        Binding("q", "quit_session", show=False),
        Binding("escape", "leave_input", show=False),
        Binding("a", "focus_input", show=False),
        Binding("question_mark,f1", "help", show=False),
        *[Binding(key, f"scroll_card('{how}')", show=False) for key, how in SCROLL_KEYS],
    ]

    class SessionEnded(Message):
        """The user ended the session (q): the app shows the summary."""

        def __init__(self, stats: SessionStats) -> None:
            super().__init__()
            self.stats = stats

    class BrowseRequested(Message):
        """The user asked to browse the cards (B or /)."""

    def __init__(self, service: StudyService, *, cursor_blink: bool = True,
                 retry: RetryPolicy = RetryPolicy()) -> None:
        super().__init__(service, cursor_blink=cursor_blink, retry=retry)
        self._edits: EditFlow | None = None

    @property
    def edits(self) -> EditFlow:
        """The editor flow (`o`), loaded the first time it is asked for."""
        if self._edits is None:
            from dlquiz.tui.screens.study_edit import EditFlow  # deferred: not for the card

            self._edits = EditFlow(self)
        return self._edits

    def action_practice(self) -> None:
        """Open a fresh question of the next kind this note links to (cycling)."""
        kinds = self.practice_kinds()
        if not kinds or self.phase != "back":
            return
        from dlquiz.tui.screens.practice import PracticeScreen

        kind = kinds[self.practice_turn % len(kinds)]
        self.practice_turn += 1
        try:
            question = self.service.practice_question(kind)
        except Exception as exc:  # an unknown kind in a user's note: say so, keep studying
            self.show_status(str(exc))
            return
        self.app.push_screen(PracticeScreen(self.service, question, self.cursor_blink,
                                            self.retry))

    def action_links(self) -> None:
        """Show or hide the references' links (the revealed card lists titles only)."""
        if self.phase == "back":
            for view in self.query(NoteView):
                view.toggle_links()

    def action_fold(self) -> None:
        """Unfold or fold the user's own text above the built-in answer."""
        if self.phase == "back":
            for view in self.query(NoteView):
                view.toggle_fold()

    def action_more_new(self) -> None:
        if self.phase != "empty":
            return

        async def more() -> None:
            if await self.call(self._more_new_available):
                self.service = self._with_more_new()
            await self.load_next()

        self.run_bank(more)

    def action_open_source(self) -> None:
        if self.phase not in (SAVING, "empty"):
            self.edits.open()

    def action_browse(self) -> None:
        self.post_message(self.BrowseRequested())

    def action_statistics(self) -> None:
        if self.phase != SAVING:
            from dlquiz.tui.screens.stats import stats_screen_for  # deferred: charts

            self.app.push_screen(stats_screen_for(self.service))

    def action_quit_session(self) -> None:
        if not self.deferred_while_saving(self.action_quit_session):
            self.post_message(self.SessionEnded(self.stats))

    def action_help(self) -> None:
        from dlquiz.tui.screens.modals import KeyHelp  # deferred: not needed for the card

        self.app.push_screen(KeyHelp(label(self.lang, "help_title"),
                                     keys_for("study", self.lang), self.lang))

    def action_scroll_card(self, how: str) -> None:
        """A long card scrolls with the usual keys, whatever has the focus."""
        getattr(self.query_one("#card", VerticalScroll), f"scroll_{how}")(animate=False)
