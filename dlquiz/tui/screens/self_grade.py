"""Self-grading recall items: the question, what you wrote, the key points of the reference
answer to tick, and the reference answer itself. The score is the share ticked."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from dlquiz.exams.service import ExamService
from dlquiz.store.exams import ExamRecord
from dlquiz.store.schema import BankError
from dlquiz.tui.screens.modals import KeyHelp
from dlquiz.tui.widgets.checklist import Checklist
from dlquiz.ui.keys import keys_for
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe, safe_markdown


class SelfGradeScreen(Screen[ExamRecord]):
    DEFAULT_CSS = """
    SelfGradeScreen VerticalScroll { padding: 0 2; }
    SelfGradeScreen .head { text-style: bold; margin: 1 0 0 0; height: auto; }
    SelfGradeScreen .answer { color: $text-muted; height: auto; margin: 0 0 1 0; }
    SelfGradeScreen #reference { margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", show=False, priority=True),
        Binding("question_mark,f1", "help", show=False),
        # ↑↓ move in the checklist; the page scrolls with these
        *[Binding(key, f"scroll_page('{how}')", show=False)
          for key, how in (("pageup", "page_up"), ("pagedown", "page_down"),
                           ("home", "home"), ("end", "end"))],
    ]

    def __init__(self, service: ExamService, exam: ExamRecord, items: list[int]) -> None:
        super().__init__()
        self.service = service
        self.exam = exam
        self.items = items
        self.index = 0
        self.lang = service.lang

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="grading")
        yield Static(Text(label(self.lang, "self_grade_keys"), style="dim"), id="keys")

    def action_scroll_page(self, how: str) -> None:
        getattr(self.query_one("#grading", VerticalScroll), f"scroll_{how}")(animate=False)

    async def on_mount(self) -> None:
        await self.show()

    async def show(self) -> None:
        item = self.exam.item(self.items[self.index])
        area = self.query_one("#grading", VerticalScroll)
        await area.remove_children()
        head = (f"{label(self.lang, 'self_grade_title')} · {self.index + 1}/{len(self.items)}"
                f" · #{item.n}")
        answer = safe(item.answer) if item.answered else label(self.lang, "empty_answer")
        choices = Checklist(item.key_points, set(item.points or ()), id="points")
        await area.mount(Static(Text(head), classes="head"),
                         Markdown(safe_markdown(item.prompt), open_links=False),
                         Static(Text(f"{label(self.lang, 'your_answer')}: {answer}"),
                                classes="answer"),
                         choices,
                         Markdown(safe_markdown(f"**{label(self.lang, 'reference')}**\n\n"
                                                f"{item.reference or ''}"),
                                  id="reference", open_links=False))
        area.scroll_home(animate=False)
        choices.focus()

    async def action_next(self) -> None:
        n = self.items[self.index]
        ticked = self.query_one("#points", Checklist).selected
        try:
            self.exam = await asyncio.to_thread(self.service.points, self.exam.id, n, ticked)
        except BankError as exc:
            self.notify(str(exc), severity="error")
            return
        self.index += 1
        if self.index >= len(self.items):
            self.dismiss(self.exam)
            return
        await self.show()

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(label(self.lang, "help_title"),
                                     keys_for("self_grade", self.lang), self.lang))
