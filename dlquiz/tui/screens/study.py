"""The study screen: one card at a time, reveal, rate with 1-4, undo, suspend, bury, edit.

All scheduling goes through the StudyService it is given; every bank call runs in a worker
(see bank_calls.py). While one is in flight the screen is in the "saving" phase: keys that
act on cards are kept in order and replayed when it is done, so a fast "Space 3 Space 3"
never loses a key and never rates a card twice.
"""

from __future__ import annotations

import inspect
import subprocess
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, ClassVar, Literal, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from dlquiz.srs.records import RatingResult, format_interval
from dlquiz.srs.service import StudyItem, StudyService
from dlquiz.store.errors import BankBusyError, BankError, StaleCardError
from dlquiz.tui.bank_calls import RetryPolicy, call_bank
from dlquiz.tui.editor import editor_command
from dlquiz.tui.session_stats import SessionStats
from dlquiz.tui.widgets.counts import CountsBar
from dlquiz.tui.widgets.empty_state import empty_text
from dlquiz.tui.widgets.note_view import NoteView
from dlquiz.tui.widgets.rating_bar import RatingBar
from dlquiz.tui.widgets.skill_view import SkillView
from dlquiz.ui.labels import RATING_KEYS, label

if TYPE_CHECKING:
    from engine.questions import Verdict

Phase = Literal["loading", "front", "back", "skill-input", "skill-verdict", "empty", "saving"]
EXTRA_NEW = 10
T = TypeVar("T")


class StudyScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "reveal", "Show", show=False),
        Binding("enter", "reveal_or_accept", "Show / accept", show=False),
        Binding("1", "rate(1)", "Again", show=False),
        Binding("2", "rate(2)", "Hard", show=False),
        Binding("3", "rate(3)", "Good", show=False),
        Binding("4", "rate(4)", "Easy", show=False),
        Binding("u", "undo", "Undo"),
        Binding("s", "suspend", "Suspend"),
        Binding("b", "bury", "Bury"),
        Binding("o", "open_source", "Edit note"),
        Binding("n", "more_new", "More new", show=False),
        Binding("p", "practice", "Practise", show=False),
        Binding("q", "quit_session", "End"),
        Binding("escape", "leave_input", "Leave the answer box"),
        Binding("a", "focus_input", "Answer", show=False),
    ]

    class SessionEnded(Message):
        """The user ended the session (q): the app shows the summary."""

        def __init__(self, stats: SessionStats) -> None:
            super().__init__()
            self.stats = stats

    def __init__(self, service: StudyService, *, cursor_blink: bool = True,
                 retry: RetryPolicy = RetryPolicy()) -> None:
        super().__init__()
        self.service = service
        self.cursor_blink = cursor_blink
        self.retry = retry
        self.stats = SessionStats(started=service.clock())
        self.item: StudyItem | None = None
        self.phase: Phase = "loading"
        self.shown_at = time.monotonic()
        self.answer_text: str | None = None
        self.proposed: int | None = None
        self.practice_turn = 0
        self.deferred: deque[Callable[[], object]] = deque()

    @property
    def lang(self) -> str:
        return self.service.lang

    def compose(self) -> ComposeResult:
        yield CountsBar(id="counts")
        yield VerticalScroll(id="card")
        yield Static(id="status")
        yield RatingBar(id="ratings")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Show the next card (after the summary, or when something changed elsewhere)."""
        self.run_bank(self.load_next)

    # -- bank calls ---------------------------------------------------------------------

    def run_bank(self, job: Callable[[], Awaitable[None]]) -> None:
        """Run a job that talks to the bank as a worker; errors become notices."""
        resume = self.phase
        self.phase = "saving"
        self.run_worker(self._guarded(job, resume), group="bank")

    async def _guarded(self, job: Callable[[], Awaitable[None]], resume: Phase) -> None:
        try:
            await job()
            if self.phase == "saving":  # the job showed nothing new: back to where it was
                self.phase = resume
        except BankBusyError:
            self.phase = resume
            self.deferred.clear()
            self.show_status(label(self.lang, "busy_gave_up"))
        except StaleCardError:
            self.deferred.clear()
            self.notify(label(self.lang, "card_changed"), severity="warning")
            await self.load_next()
        except BankError as exc:
            self.app.exit(return_code=2, message=f"dlquiz: {exc}")
            return
        while self.deferred and self.phase != "saving":
            result = self.deferred.popleft()()
            if inspect.isawaitable(result):
                await result

    def deferred_while_saving(self, action: Callable[[], object]) -> bool:
        """Keep a key's action for later if a bank call is in flight (True if kept)."""
        if self.phase == "saving":
            self.deferred.append(action)
            return True
        return False

    async def call(self, fn: Callable[..., T], *args: object) -> T:
        return await call_bank(fn, *args, policy=self.retry, on_busy=self._busy)

    def _busy(self, _attempt: int) -> None:
        self.show_status(label(self.lang, "busy_retrying"))

    # -- showing cards ------------------------------------------------------------------

    async def load_next(self) -> None:
        """Fetch the next card and show its front (or the empty state)."""
        item = await self.call(self.service.next_item)
        counts = await self.call(self.service.counts)
        self.item = item
        self.answer_text = None
        self.proposed = None
        self.practice_turn = 0
        self.query_one(CountsBar).show_counts(counts, self.lang,
                                              item.card.queue if item else None)
        card_area = self.query_one("#card", VerticalScroll)
        await card_area.remove_children()
        self.query_one(RatingBar).update("")
        self.shown_at = time.monotonic()
        if item is None:
            forecast = await self.call(self.service.forecast)
            more = await self.call(self._more_new_available)
            await card_area.mount(Static(empty_text(forecast, self.service.zone, self.lang,
                                                    more, EXTRA_NEW), id="empty"))
            self.phase = "empty"
            return
        if item.note is not None:
            await card_area.mount(NoteView(item.note, self.lang, item.twin))
            self.phase = "front"
        else:
            assert item.question is not None
            await card_area.mount(SkillView(item.question, self.lang))
            answer_box = self.query_one("#answer-input", Input)
            answer_box.cursor_blink = self.cursor_blink
            answer_box.focus()
            self.phase = "skill-input"
        card_area.scroll_home(animate=False)

    def show_status(self, message: str) -> None:
        self.query_one("#status", Static).update(Text(message, style="italic"))

    def _more_new_available(self) -> bool:
        return self._with_more_new().counts().new > 0

    def _with_more_new(self) -> StudyService:
        settings = self.service.settings
        from dataclasses import replace

        return self.service.with_settings(
            replace(settings, new_per_day=settings.new_per_day + EXTRA_NEW))

    # -- actions ------------------------------------------------------------------------

    async def action_reveal(self) -> None:
        if self.deferred_while_saving(self.action_reveal):
            return
        if self.phase != "front" or self.item is None:
            return
        self.phase = "back"
        await self.query_one(NoteView).reveal()
        self.run_worker(self._show_previews(self.item.card.card_id), group="bank")

    async def _show_previews(self, card_id: int, proposed: int | None = None) -> None:
        """The interval each rating would give (shown beside the keys; nothing depends on it,
        so the screen does not wait for it)."""
        try:
            shown = await self.call(self.service.previews, card_id)
        except BankError:
            return
        if self.item is not None and self.item.card.card_id == card_id:
            self.query_one(RatingBar).show_ratings(shown, self.lang, proposed)

    async def action_reveal_or_accept(self) -> None:
        if self.deferred_while_saving(self.action_reveal_or_accept):
            return
        if self.phase == "front":
            await self.action_reveal()
        elif self.phase == "skill-verdict" and self.proposed is not None:
            self.action_rate(self.proposed)

    @on(Input.Submitted, "#answer-input")
    def check_answer(self, event: Input.Submitted) -> None:
        if self.phase != "skill-input" or self.item is None or self.item.question is None:
            return
        event.stop()
        if not event.value.strip():
            return
        question_id, typed = self.item.question.id, event.value

        async def check() -> None:
            result = await self.call(self.service.check_skill, question_id, typed)
            if result.verdict.parse_error:  # unreadable is not wrong: say so, let them retype
                self.phase = "skill-input"
                self.show_status(result.verdict.feedback)
                return
            self.answer_text = typed
            self.show_status("")
            self.proposed = result.proposed_rating
            await self.query_one(SkillView).show_verdict(result.verdict)
            self.query_one("#card", VerticalScroll).focus()
            assert self.item is not None
            self.phase = "skill-verdict"
            self.run_worker(self._show_previews(self.item.card.card_id, self.proposed),
                            group="bank")

        self.run_bank(check)

    def action_rate(self, rating: int) -> None:
        if self.deferred_while_saving(lambda: self.action_rate(rating)):
            return
        if self.phase not in {"back", "skill-verdict"} or self.item is None:
            return
        card = self.item.card
        duration = int((time.monotonic() - self.shown_at) * 1000)
        answer = self.answer_text

        async def rate() -> None:
            result, verdict = await self.call(self._rate, card.card_id, rating, answer,
                                              duration, card.version)
            passed = verdict.correct if verdict is not None else rating > 1
            self.stats = self.stats.record(passed)
            if result.leech:
                self.notify(label(self.lang, "leech", n=result.lapses), severity="warning")
            await self.load_next()
            self.show_status(f"{label(self.lang, RATING_KEYS[rating])} → "
                             f"{format_interval(result.interval)}")

        self.run_bank(rate)

    def _rate(self, card_id: int, rating: int, answer: str | None, duration: int,
              version: int) -> tuple[RatingResult, Verdict | None]:
        return self.service.rate(card_id, rating, answer=answer, duration_ms=duration,
                                 expected_version=version)

    def action_undo(self) -> None:
        if self.deferred_while_saving(self.action_undo):
            return

        async def undo() -> None:
            undone = await self.call(self.service.undo)
            if undone is None:
                self.show_status(label(self.lang, "nothing_to_undo"))
                return
            if undone.kind == "rate":
                self.stats = self.stats.undo()
            await self.load_next()
            cards = ", ".join(str(c) for c in undone.card_ids)
            self.show_status(f"{label(self.lang, 'undone')}: {undone.kind} · card {cards}")

        self.run_bank(undo)

    def _card_action(self, change: Callable[[int, int | None], object], done: str) -> None:
        if self.deferred_while_saving(lambda: self._card_action(change, done)):
            return
        if self.item is None:
            return
        card = self.item.card

        async def act() -> None:
            await self.call(change, card.card_id, card.version)
            await self.load_next()
            self.show_status(label(self.lang, done))

        self.run_bank(act)

    def action_suspend(self) -> None:
        self._card_action(self.service.suspend, "suspended")

    def action_bury(self) -> None:
        self._card_action(self.service.bury, "buried")

    def action_practice(self) -> None:
        """Open a fresh question of the next kind this note links to (cycling)."""
        note = self.item.note if self.item else None
        if note is not None and not note.practice and self.item and self.item.twin:
            note = self.item.twin  # a draft borrows the built-in note's practice links
        if note is None or not note.practice or self.phase != "back":
            return
        from dlquiz.tui.screens.practice import PracticeScreen

        kind = note.practice[self.practice_turn % len(note.practice)]
        self.practice_turn += 1
        try:
            question = self.service.practice_question(kind)
        except Exception as exc:  # an unknown kind in a user's note: say so, keep studying
            self.show_status(str(exc))
            return
        self.app.push_screen(PracticeScreen(self.service, question, self.cursor_blink,
                                            self.retry))

    def action_more_new(self) -> None:
        if self.phase != "empty":
            return

        async def more() -> None:
            if await self.call(self._more_new_available):
                self.service = self._with_more_new()
            await self.load_next()

        self.run_bank(more)

    def action_open_source(self) -> None:
        note = self.item.note if self.item else None
        if note is None or not note.source_path:
            self.show_status(label(self.lang, "no_source"))
            return
        self.open_editor(note.source_path, note.source_line or 1)

    @work(exclusive=True, thread=False)
    async def open_editor(self, path: str, line: int) -> None:
        """The editor at the note's line; the TUI steps aside meanwhile."""
        command = editor_command(path, line)
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:  # headless (tests): nothing on screen to step aside from
            subprocess.run(command, check=False, capture_output=True)
        self.app.refresh()

    def action_quit_session(self) -> None:
        if not self.deferred_while_saving(self.action_quit_session):
            self.post_message(self.SessionEnded(self.stats))

    def action_leave_input(self) -> None:
        """Escape: step out of the answer box so the command keys (q, s, b, u) work."""
        if self.phase == "skill-input":
            self.query_one("#card", VerticalScroll).focus()

    def action_focus_input(self) -> None:
        if self.phase == "skill-input":
            self.query_one("#answer-input", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the answer box has focus, every key belongs to the answer."""
        if isinstance(self.focused, Input):
            return action == "leave_input"
        return action != "leave_input"
