"""After an exam: the score overall and by topic, the time on each item, and every item
with your answer, the verdict, the named mistake and the worked solution or reference
answer. From here: retry what was missed, a new version, or bring the misses into study."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Markdown, Static

from dlquiz.exams.debrief import debrief_markdown
from dlquiz.exams.service import ExamService
from dlquiz.store.exams import ExamRecord
from dlquiz.store.schema import BankError, InputError
from dlquiz.tui.screens.modals import KeyHelp
from dlquiz.ui.exam_text import brought_text
from dlquiz.ui.keys import keys_for
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe_markdown


class DebriefScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", show=False),
        Binding("v", "new_version", show=False),
        Binding("b", "to_study", show=False),
        Binding("question_mark,f1", "help", show=False),
        Binding("q", "app.quit", show=False),
    ]

    class NewExam(Message):
        """A follow-up exam was built (retry missed, or a new version): take it."""

        def __init__(self, exam: ExamRecord) -> None:
            super().__init__()
            self.exam = exam

    def __init__(self, service: ExamService, exam: ExamRecord) -> None:
        super().__init__()
        self.service = service
        self.exam = exam
        self.lang = service.lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="debrief"):
            yield Markdown(id="debrief-text", open_links=False)
        yield Static(label(self.lang, "debrief_keys"), id="keys")  # in the exam's language

    async def on_mount(self) -> None:
        text = await asyncio.to_thread(debrief_markdown, self.exam, self.lang)
        await self.query_one("#debrief-text", Markdown).update(safe_markdown(text))
        self.query_one("#debrief", VerticalScroll).focus()

    async def action_retry(self) -> None:
        await self._follow(self.service.retry_missed)

    async def action_new_version(self) -> None:
        await self._follow(self.service.new_version)

    async def _follow(self, make: Callable[[int], ExamRecord]) -> None:
        try:
            exam = await asyncio.to_thread(make, self.exam.id)
        except InputError:
            self.notify(label(self.lang, "nothing_missed"))
            return
        except BankError as exc:
            self.notify(str(exc), severity="error")
            return
        self.post_message(self.NewExam(exam))

    async def action_to_study(self) -> None:
        try:
            brought = await asyncio.to_thread(self.service.bring_into_study, self.exam.id)
        except BankError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(brought_text(brought, self.lang))

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(label(self.lang, "help_title"),
                                     keys_for("debrief", self.lang), self.lang))
