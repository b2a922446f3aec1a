"""The exam screen's items and answers: each item's view built once and then only shown or
hidden, and the answer kept as it is typed (saved a moment after the last keystroke, at once
when the item is left, in order, from workers). ExamScreen (exam.py) adds navigation,
feedback and submitting on top."""

from __future__ import annotations

import asyncio
import time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from dlquiz.exams.service import ExamService
from dlquiz.store.exams import ExamItemRecord, ExamRecord
from dlquiz.store.schema import BankError, InputError
from dlquiz.tui.widgets.countdown import Countdown
from dlquiz.tui.widgets.item_list import ItemList
from dlquiz.tui.widgets.item_view import ItemView
from dlquiz.ui.labels import label

SAVE_DELAY = 0.8  # seconds after the last keystroke before the answer is saved


class ExamBase(Screen[None]):
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

    async def expired(self) -> None:
        """Time is up (the countdown, or a save the bank refused as too late): ExamScreen
        submits what was typed."""
        raise NotImplementedError
