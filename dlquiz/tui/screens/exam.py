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

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from dlquiz.exams.oral import oral_answer
from dlquiz.exams.service import ExamService
from dlquiz.store.exams import ExamItemRecord, ExamRecord
from dlquiz.store.schema import BankError, InputError
from dlquiz.tui.screens.modals import ConfirmSubmit, JumpTo, KeyHelp
from dlquiz.tui.widgets.countdown import Countdown
from dlquiz.tui.widgets.item_list import ItemList
from dlquiz.tui.widgets.item_view import ItemView
from dlquiz.ui.keys import keys_for
from dlquiz.ui.labels import label

SAVE_DELAY = 0.8  # seconds after the last keystroke before the answer is saved
ALWAYS = {"next", "previous", "jump", "flag", "submit", "done", "leave_box", "help"}


class ExamScreen(Screen[None]):
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

    def __init__(self, service: ExamService, exam: ExamRecord, *,
                 cursor_blink: bool = True) -> None:
        super().__init__()
        self.service = service
        self.exam = exam
        self.cursor_blink = cursor_blink
        self.lang = service.lang
        self.current = next((i.n for i in exam.items if not i.answered), 1)
        self.typed: dict[int, str] = {i.n: i.answer or "" for i in exam.items}
        self.saved: dict[int, str] = dict(self.typed)
        self.entered = time.monotonic()
        self.save_lock = asyncio.Lock()
        self.finished = False
        self.views: dict[int, ItemView] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="exam-top"):
            yield Static(id="exam-title")
            yield Countdown(self.exam.deadline, self.service.clock,
                            label(self.lang, "remaining"), id="countdown")
        with Horizontal(id="exam-body"):
            yield ItemList(id="items")
            yield VerticalScroll(id="item-area")
        # a fixed line of keys, in the exam's language (a Footer re-renders on every focus
        # change, which is most of what a keypress here would cost)
        yield Static(Text(label(self.lang, "exam_keys"), style="dim"), id="exam-keys")

    async def on_mount(self) -> None:
        await self.show_item(self.current)
        self.run_worker(self.preload(), group="preload")

    async def preload(self) -> None:
        """Build the other items' views in the background, one per turn of the event loop,
        so that moving to any item later only shows a view that is already there."""
        for item in self.exam.items:
            if item.n not in self.views and not self.finished:
                await self.build_view(item, shown=False)
                await asyncio.sleep(0.01)

    async def build_view(self, item: ExamItemRecord, *, shown: bool) -> ItemView:
        view = ItemView(item, self.lang, self.typed.get(item.n, ""), self.cursor_blink)
        view.display = shown
        self.views[item.n] = view
        await self.query_one("#item-area", VerticalScroll).mount(view)
        if item.graded and self.exam.feedback == "immediate":
            await view.show_grade(item)
        return view

    # -- showing ------------------------------------------------------------------------

    def item(self, n: int | None = None) -> ExamItemRecord:
        return self.exam.item(self.current if n is None else n)

    def current_view(self) -> ItemView:
        return self.views[self.current]

    async def show_item(self, n: int) -> None:
        previous = self.views.get(self.current)
        self.current = n
        self.entered = time.monotonic()
        item = self.item()
        total = len(self.exam.items)
        self.query_one("#exam-title", Static).update(Text(
            f"{label(self.lang, 'exam_title')} #{self.exam.id} · "
            f"{label(self.lang, 'item', n=n, total=total)}", style="bold"))
        self.refresh_list()
        area = self.query_one("#item-area", VerticalScroll)
        if previous is not None:
            previous.display = False
        view = self.views.get(n) or await self.build_view(item, shown=True)
        view.display = True
        area.scroll_home(animate=False)
        view.focus_box()

    def refresh_list(self) -> None:
        self.query_one(ItemList).show(self.exam.items, self.current, self.typed)

    # -- saving -------------------------------------------------------------------------

    @on(Input.Changed, "#answer")
    @on(TextArea.Changed, "#answer")
    def typed_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        value = event.value if isinstance(event, Input.Changed) else event.text_area.text
        was_answered = bool(self.typed.get(self.current, "").strip())
        self.typed[self.current] = value
        if bool(value.strip()) != was_answered:  # the item's mark changes
            self.refresh_list()
        n = self.current
        self.set_timer(SAVE_DELAY, lambda: self.save(n))

    def save(self, n: int, seconds: float = 0.0) -> None:
        """Keep item n's typed answer (if it changed) and add `seconds` to its time."""
        text = self.typed.get(n, "")
        if self.finished or (text == self.saved.get(n, "") and seconds <= 0):
            return
        self.run_worker(self._save(n, text, seconds), group="save")

    async def _save(self, n: int, text: str, seconds: float) -> None:
        async with self.save_lock:
            if self.finished:
                return
            try:
                if text != self.saved.get(n, ""):
                    await asyncio.to_thread(self.service.answer, self.exam.id, n, text,
                                            seconds=seconds)
                    self.saved[n] = text
                elif seconds > 0:
                    await asyncio.to_thread(self.service.spend, self.exam.id, n, seconds)
            except InputError:  # the clock ran out meanwhile: submission takes it from here
                self.set_timer(0.01, lambda: self.run_worker(self.expired()))
            except BankError as exc:
                self.notify(str(exc), severity="error")

    def flush(self) -> None:
        """Save the current item (in the background, in order) with the time spent on it:
        the item is being left."""
        spent = time.monotonic() - self.entered
        self.entered = time.monotonic()
        self.save(self.current, spent)

    async def settle_saves(self) -> None:
        """Wait for the saves in flight and read the exam back (grades, flags)."""
        await self.workers.wait_for_complete([w for w in self.workers if w.group == "save"])
        self.exam = await asyncio.to_thread(self.service.read, self.exam.id)

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

