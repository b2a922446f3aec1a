"""Taking an exam: the clock always in view, the items down the side, one item at a time
with its answer box, free navigation, flags, and Submit with a confirmation.

Answers are kept as they are typed (saved a moment after the last keystroke, and at once
when the item is left), so quitting or a crash loses at most that moment; the time spent
on each item is added when it is left. Bank calls run in workers, in order, and never hold
up a keystroke: each item's view is built once and then only shown or hidden.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, TextArea

from dlquiz.exams.oral import oral_answer
from dlquiz.store.exams import ExamRecord
from dlquiz.store.schema import BankError, InputError
from dlquiz.tui.screens.exam_base import ExamBase
from dlquiz.tui.screens.modals import ConfirmSubmit, JumpTo, KeyHelp
from dlquiz.tui.widgets.countdown import Countdown
from dlquiz.tui.widgets.item_list import ItemList
from dlquiz.ui.keys import keys_for
from dlquiz.ui.labels import label

ALWAYS = {"next", "previous", "jump", "flag", "submit", "done", "leave_box", "help"}


class ExamScreen(ExamBase):
    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: these work from inside the answer box (over its editing shortcuts)
        Binding("ctrl+n,pagedown", "next", "Next", priority=True),
        Binding("ctrl+p,pageup", "previous", "Previous", priority=True),
        Binding("ctrl+g", "jump", "Go to", priority=True),
        Binding("ctrl+f", "flag", "Flag", priority=True),
        Binding("ctrl+d", "done", "Done", show=False, priority=True),
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("escape", "leave_box", "Leave box", show=False, priority=True),
        Binding("f1", "help", "Help", priority=True),
        Binding("n", "next", show=False), Binding("p", "previous", show=False),
        Binding("g", "jump", show=False), Binding("f", "flag", show=False),
        Binding("s", "submit", show=False), Binding("a,enter", "focus_box", show=False),
        Binding("question_mark", "help", show=False),
        Binding("q", "leave", "Leave", show=False),
        # out of the answer box, a long item scrolls (PgUp/PgDn go to the items around it)
        *[Binding(key, f"scroll_item('{key}')", show=False)
          for key in ("up", "down", "home", "end")],
        *[Binding(str(d), f"goto({d})", show=False) for d in range(1, 10)],
    ]

    class Submitted(Message):
        def __init__(self, exam: ExamRecord, timed_out: bool) -> None:
            super().__init__()
            self.exam = exam
            self.timed_out = timed_out

    class Left(Message):
        """The user left the running exam (it stays open)."""

    class SelfGrade(Message):
        """Immediate feedback: self-grade recall item n now."""

        def __init__(self, exam: ExamRecord, n: int) -> None:
            super().__init__()
            self.exam = exam
            self.n = n


    # -- showing ------------------------------------------------------------------------


    # -- saving -------------------------------------------------------------------------


    # -- navigation ---------------------------------------------------------------------

    async def go(self, n: int) -> None:
        if not 1 <= n <= len(self.exam.items) or self.finished:
            return
        if self.query_one(Countdown).seconds_left() <= 0:
            await self.submit(timed_out=True)
            return
        self.flush()
        await self.show_item(n)

    async def action_next(self) -> None:
        await self.go(self.current + 1)

    async def action_previous(self) -> None:
        await self.go(self.current - 1)

    async def action_goto(self, n: int) -> None:
        await self.go(n)

    def action_jump(self) -> None:
        async def chosen(n: int | None) -> None:
            if n is not None:
                await self.go(n)

        self.app.push_screen(JumpTo(self.lang, len(self.exam.items)), chosen)

    def action_flag(self) -> None:
        item = self.item()
        flagged = not item.flagged
        self.exam = replace(self.exam, items=tuple(
            replace(i, flagged=flagged) if i.n == item.n else i for i in self.exam.items))
        self.refresh_list()
        self.current_view().show_flag(flagged)
        self.run_worker(self._flag(item.n, flagged), group="save")

    async def _flag(self, n: int, flagged: bool) -> None:
        async with self.save_lock:
            try:
                await asyncio.to_thread(self.service.flag, self.exam.id, n, flagged)
            except (BankError, InputError) as exc:
                self.notify(str(exc), severity="error")

    def action_scroll_item(self, how: str) -> None:
        getattr(self.query_one("#item-area", VerticalScroll), f"scroll_{how}")(animate=False)

    def action_leave_box(self) -> None:
        self.query_one(ItemList).focus()

    def action_focus_box(self) -> None:
        self.current_view().focus_box()

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(label(self.lang, "help_title"),
                                     keys_for("exam", self.lang), self.lang))

    def action_leave(self) -> None:
        from dlquiz.tui.screens.modals import Confirm

        async def answered(leave: bool | None) -> None:
            if leave:
                self.flush()
                await self.settle_saves()
                self.post_message(self.Left())

        self.app.push_screen(Confirm(label(self.lang, "leave_title"),
                                     label(self.lang, "leave_body")), answered)

    # -- answering with feedback ---------------------------------------------------------

    @on(Input.Submitted, "#answer")
    async def answer_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        item = self.item()
        if self.exam.feedback != "immediate":
            await self.action_next()
            return
        if item.graded or not event.value.strip():
            return
        self.flush()
        await self.settle_saves()
        graded = self.exam.item(item.n)
        if graded.readable is False:  # unreadable is not wrong: say so, let them retype
            self.notify(label(self.lang, "unreadable"), severity="warning")
            return
        await self.current_view().show_grade(graded)

    async def action_done(self) -> None:
        """Ctrl+D: this item is done. A recall item left empty is answered aloud (it counts
        as answered and is self-graded after); with immediate feedback it is self-graded
        now, otherwise the next item comes."""
        item = self.item()
        if item.type != "recall":
            self.notify(label(self.lang, "oral_computational"), severity="warning")
            return
        if item.graded and self.exam.feedback == "immediate":
            return
        if not self.typed.get(item.n, "").strip():
            self.typed[item.n] = oral_answer(self.exam.lang)
            self.current_view().query_one("#answer", TextArea).load_text(self.typed[item.n])
            self.refresh_list()
        if self.exam.feedback == "immediate":
            self.flush()
            await self.settle_saves()
            self.post_message(self.SelfGrade(self.exam, item.n))
        elif item.n < len(self.exam.items):
            await self.go(item.n + 1)
        else:
            self.flush()

    async def regraded(self) -> None:
        """Back from self-grading an item: show it with its grade."""
        self.exam = await asyncio.to_thread(self.service.read, self.exam.id)
        await self.current_view().show_grade(self.item())

    # -- submitting ---------------------------------------------------------------------

    async def action_submit(self) -> None:
        if self.finished:
            return
        self.flush()
        await self.settle_saves()
        if self.exam.submitted:
            return self._done(timed_out=self.exam.timed_out)
        unanswered = [i.n for i in self.exam.items if not self.typed.get(i.n, "").strip()]
        flagged = [i.n for i in self.exam.items if i.flagged]

        async def confirmed(submit: bool | None) -> None:
            if submit:
                await self.submit(timed_out=False)

        self.app.push_screen(ConfirmSubmit(self.lang, unanswered, flagged), confirmed)

    @on(Countdown.Warning)
    def warn(self, message: Countdown.Warning) -> None:
        key = "five_minutes" if message.seconds_left >= 300 else "one_minute"
        self.notify(label(self.lang, key), severity="warning", timeout=8)

    @on(Countdown.Expired)
    async def expired(self) -> None:
        """Time is up: what was typed so far (a half-typed answer too) is submitted."""
        if not self.finished:
            await self.submit(timed_out=True)

    async def submit(self, *, timed_out: bool) -> None:
        """Hand in what the boxes hold now (typed but not yet saved answers included)."""
        spent = {self.current: time.monotonic() - self.entered}
        self.finished = True  # no more saves: the submission carries the answers
        async with self.save_lock:
            try:
                self.exam = await asyncio.to_thread(
                    self.service.submit, self.exam.id, typed=dict(self.typed), seconds=spent)
            except InputError:  # submitted elsewhere meanwhile (another terminal, a script)
                self.exam = await asyncio.to_thread(self.service.read, self.exam.id)
            except BankError as exc:
                self.finished = False
                self.notify(str(exc), severity="error")
                return
        if timed_out:
            self.notify(label(self.lang, "time_up"), severity="warning")
        self._done(timed_out=self.exam.timed_out)

    def _done(self, *, timed_out: bool) -> None:
        self.finished = True
        self.post_message(self.Submitted(self.exam, timed_out))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the answer box has focus, plain keys belong to the answer."""
        if isinstance(self.focused, Input | TextArea):
            return action in ALWAYS
        return action != "leave_box"

