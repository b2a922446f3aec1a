"""A practice question opened from a note's `**练习**` links: answer, verdict, solution.

It is not scheduled (the note's own card is rated as usual); the attempt is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from dlquiz.store.schema import BankError
from dlquiz.tui.app.bank_calls import RetryPolicy, call_bank
from dlquiz.tui.widgets.skill_view import SkillView

if TYPE_CHECKING:
    from dlquiz.srs.service import StudyService
    from engine.questions import Question


class PracticeScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    PracticeScreen { align: center middle; }
    PracticeScreen > Vertical {
        width: 90%; height: 85%; border: round $accent; background: $surface;
    }
    PracticeScreen VerticalScroll { height: 1fr; padding: 1 2; }
    PracticeScreen #practice-keys { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to the note"),
    ]

    def __init__(self, service: StudyService, question: Question, cursor_blink: bool,
                 retry: RetryPolicy = RetryPolicy()) -> None:
        super().__init__()
        self.service = service
        self.question = question
        self.cursor_blink = cursor_blink
        self.retry = retry
        self.answered = False

    def compose(self) -> ComposeResult:
        from rich.text import Text

        from dlquiz.ui.labels import label

        with Vertical():
            with VerticalScroll():
                yield SkillView(self.question, self.service.lang)
            yield Static(Text(label(self.service.lang, "practice_keys")), id="practice-keys")

    def on_mount(self) -> None:
        box = self.query_one(Input)
        box.cursor_blink = self.cursor_blink
        box.focus()

    @on(Input.Submitted)
    async def check(self, event: Input.Submitted) -> None:
        event.stop()
        if self.answered or not event.value.strip():
            return
        readable = self.service.check_skill(self.question.id, event.value).verdict
        if readable.parse_error:  # say which format is expected and let them retype
            self.notify(readable.feedback, severity="warning")
            return
        self.answered = True
        try:
            verdict = await call_bank(self.service.check_practice, self.question, event.value,
                                      policy=self.retry, on_busy=lambda _attempt: None)
        except BankError as exc:  # not saved: say why and let them submit again
            self.answered = False
            self.notify(str(exc), severity="error")
            return
        await self.query_one(SkillView).show_verdict(verdict)
        self.query_one(VerticalScroll).focus()

    def key_enter(self) -> None:
        if self.answered:
            self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
