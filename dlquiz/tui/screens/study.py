"""The study screen: one card at a time, reveal, rate with 1-4 (or Space for Good), undo any
action, suspend, bury, edit the note (imported again when the editor closes), browse.

All scheduling goes through the StudyService it is given, from workers (see BankScreen).
A skill card's answer box takes the keyboard only when asked to (Enter), so the rating
rhythm of the previous card (Space, 3) never types into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from dlquiz.srs.records import RatingResult, format_interval
from dlquiz.srs.service import StudyItem, StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.tui.app.answer_clock import AnswerClock
from dlquiz.tui.app.bank_calls import RetryPolicy
from dlquiz.tui.app.bank_screen import SAVING, BankScreen
from dlquiz.tui.app.session_stats import SessionStats, missed_from
from dlquiz.tui.screens.modals import KeyHelp
from dlquiz.tui.screens.study_edit import EditFlow
from dlquiz.tui.widgets.counts import CountsBar
from dlquiz.tui.widgets.empty_state import empty_text
from dlquiz.tui.widgets.fold import FoldedText
from dlquiz.tui.widgets.note_view import NoteView
from dlquiz.tui.widgets.rating_bar import RatingBar
from dlquiz.tui.widgets.skill_view import SkillView
from dlquiz.ui.keys import keys_for, study_line
from dlquiz.ui.labels import RATING_KEYS, label
from dlquiz.ui.undo_text import undone_text

if TYPE_CHECKING:
    from engine.questions import Verdict

EXTRA_NEW = 10
SCROLL_KEYS = (("up", "up"), ("down", "down"), ("pageup", "page_up"),
               ("pagedown", "page_down"), ("home", "home"), ("end", "end"))
# keys that rate, reveal or command: never the first character of an answer
_NOT_TYPING = set("1234 usbonpqatB/?")


class StudyScreen(BankScreen):
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
        super().__init__(service.lang, retry)
        self.service = service
        self.cursor_blink = cursor_blink
        self.stats = SessionStats(started=service.clock())
        self.item: StudyItem | None = None
        self.answer_clock = AnswerClock(StudySettings().max_answer_seconds)
        self.answer_text: str | None = None
        self.proposed: int | None = None
        self.practice_turn = 0
        self.edits = EditFlow(self)

    def compose(self) -> ComposeResult:
        yield CountsBar(id="counts")
        yield VerticalScroll(id="card")
        yield Static(id="status")
        yield RatingBar(id="ratings")
        yield Static(id="keys")

    def on_mount(self) -> None:
        # the answer clock stands still while the terminal is in the background
        self.watch(self.app, "app_focus", self._app_focus_changed, init=False)
        self.reload()
        self.run_worker(self.show_countdown(), group="countdown")

    async def show_countdown(self) -> None:
        """The interview countdown in the top line, counted beside the first card (a bank
        that cannot be read says so through the card's own worker, so it is left out)."""
        from dlquiz.store.schema import BankError

        try:
            found = await self.call(self.service.countdown)
        except BankError:
            return
        if found is not None:
            days, recall = found
            self.query_one(CountsBar).set_tail(
                label(self.lang, "plan_line", days=days, recall=f"{100 * recall:.0f}%"))

    def _app_focus_changed(self, focused: bool) -> None:
        if focused:
            self.answer_clock.resume()
        else:
            self.answer_clock.pause()

    def reload(self) -> None:
        """Show the next card (after the summary, or when something changed elsewhere)."""
        self.run_bank(self.load_next)

    async def after_stale(self) -> None:
        await self.load_next()

    def set_phase(self, phase: str) -> None:
        self.phase = phase
        key = phase
        if phase == "front" and self.item and self.item.note and self.is_builtin():
            key = "front_builtin"
        elif phase == "back" and self.practice_kinds():
            key = "back_practice"
        elif phase == "skill-input" and not isinstance(self.focused, Input):
            key = "skill-ready"
        views = self.query(NoteView) if phase == "back" else ()
        extra = next((view.offered_keys() for view in views), ())
        for line in self.query("#keys").results(Static):  # absent until compose has run
            line.update(Text(study_line(self.lang, key, extra), style="dim"))

    @on(FoldedText.Changed)
    def fold_changed(self) -> None:
        self.set_phase(self.phase)

    def is_builtin(self) -> bool:
        note = self.item.note if self.item else None
        return note is not None and note.deck == "builtin"

    def practice_kinds(self) -> tuple[str, ...]:
        if self.item is None or self.item.note is None or self.item.followup is not None:
            return ()
        note = self.item.note
        if not note.practice and self.item.twin is not None:
            return self.item.twin.practice  # a draft borrows the built-in note's links
        return note.practice

    # -- showing cards ------------------------------------------------------------------

    async def load_next(self) -> None:
        """Fetch the next card and show its front (or the empty state)."""
        await self.show(await self.call(self.service.next_item))

    async def show(self, item: StudyItem | None) -> None:
        counts = await self.call(self.service.counts)
        self.item = item
        self.answer_text = None
        self.proposed = None
        self.practice_turn = 0
        self.show_status("")  # a status line belongs to the card it was written for
        self.query_one(CountsBar).show_counts(counts, self.lang,
                                              item.card.queue if item else None)
        card_area = self.query_one("#card", VerticalScroll)
        await card_area.remove_children()
        self.query_one(RatingBar).update("")
        self.answer_clock.cap = await self.call(self._answer_cap)
        self.answer_clock.restart(running=self.app.app_focus)
        if item is None:
            forecast = await self.call(self.service.forecast)
            more = await self.call(self._more_new_available)
            await card_area.mount(Static(empty_text(forecast, self.service.zone, self.lang,
                                                    more, EXTRA_NEW), id="empty"))
            self.set_phase("empty")
            return
        if item.note is not None:
            await card_area.mount(NoteView(item.note, self.lang, item.twin, item.followup))
            self.set_phase("front")
        else:
            assert item.question is not None
            await card_area.mount(SkillView(item.question, self.lang))
            self.query_one("#answer-input", Input).cursor_blink = self.cursor_blink
            card_area.focus()  # the box takes the keyboard on Enter, not before
            self.set_phase("skill-input")
        card_area.scroll_home(animate=False)

    def _more_new_available(self) -> bool:
        return self._with_more_new().counts().new > 0

    def _with_more_new(self) -> StudyService:
        from dataclasses import replace

        settings = self.service.settings
        return self.service.with_settings(
            replace(settings, new_per_day=settings.new_per_day + EXTRA_NEW))

    # -- revealing and answering --------------------------------------------------------

    async def action_space(self) -> None:
        if self.deferred_while_saving(self.action_space):
            return
        if self.phase == "front":
            await self.reveal()
        elif self.phase == "back" and self.service.settings.space_rates_good:
            self.action_rate(3)
        elif self.phase == "skill-input" and not isinstance(self.focused, Input):
            # Space is a habit from the card before (reveal, then Good): opening the box
            # here would type the Good that follows into it. Enter opens the box.
            self.show_status(label(self.lang, "answer_hint"))

    async def action_enter(self) -> None:
        if self.deferred_while_saving(self.action_enter):
            return
        if self.phase == "front":
            await self.reveal()
        elif self.phase == "skill-input":
            self.action_focus_input()
        elif self.phase == "skill-verdict" and self.proposed is not None:
            self.action_rate(self.proposed)

    async def reveal(self) -> None:
        if self.item is None:
            return
        self.set_phase("back")
        await self.query_one(NoteView).reveal()
        self.set_phase("back")  # the key line names what this card offers (links, fold)
        self.run_worker(self._show_previews(self.item.card.card_id), group="bank")

    async def _show_previews(self, card_id: int, proposed: int | None = None) -> None:
        """The interval each rating would give (nothing waits for it)."""
        from dlquiz.store.schema import BankError

        try:
            shown = await self.call(self.service.previews, card_id)
        except BankError:
            return
        if self.item is not None and self.item.card.card_id == card_id:
            self.query_one(RatingBar).show_ratings(shown, self.lang, proposed)

    def on_key(self, event: events.Key) -> None:
        """On a skill card, typing an answer's first character also opens the box (digits
        and command keys excepted: they may be the previous card's rhythm)."""
        self.answer_clock.touch()  # still at the card: the idle stretch starts again
        if (self.phase == "skill-input" and not isinstance(self.focused, Input)
                and event.is_printable and event.character
                and event.character not in _NOT_TYPING):
            event.stop()
            box = self.query_one("#answer-input", Input)
            self.action_focus_input()
            box.insert_text_at_cursor(event.character)
        elif (self.phase == "skill-input" and not isinstance(self.focused, Input)
              and event.character in set("1234")):
            self.show_status(label(self.lang, "answer_hint"))

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
                self.set_phase("skill-input")
                self.show_status(result.verdict.feedback)
                return
            self.answer_text = typed
            self.show_status("")
            self.proposed = result.proposed_rating
            assert self.item is not None
            # the rating bar is filled before the verdict is scrolled to, so that the bar's
            # height is settled when the scroll position is chosen
            shown = await self.call(self.service.previews, self.item.card.card_id)
            view = self.query_one(SkillView)
            await view.show_verdict(result.verdict)
            self.query_one(RatingBar).show_ratings(shown, self.lang, self.proposed)
            self.query_one("#card", VerticalScroll).focus()
            self.call_after_refresh(view.query_one("#verdict").scroll_visible, animate=False,
                                    top=True)
            self.set_phase("skill-verdict")

        self.run_bank(check)

    # -- rating and card actions --------------------------------------------------------

    def action_rate(self, rating: int) -> None:
        if self.deferred_while_saving(lambda: self.action_rate(rating)):
            return
        if self.phase not in {"back", "skill-verdict"} or self.item is None:
            return
        item = self.item
        card = item.card
        duration = self.answer_clock.elapsed_ms()
        answer = self.answer_text

        async def rate() -> None:
            result, verdict = await self.call(self._rate, card.card_id, rating, answer,
                                              duration, card.version)
            self.record(item, verdict, rating)
            if result.leech:
                self.notify(label(self.lang, "leech", n=result.lapses), severity="warning")
            await self.load_next()
            self.notify(label(self.lang, "rated_card", rating=label(self.lang,
                                                                    RATING_KEYS[rating]),
                              interval=format_interval(result.interval)), timeout=3)

        self.run_bank(rate)

    def _answer_cap(self) -> int:
        return self.service.settings.max_answer_seconds

    def record(self, item: StudyItem, verdict: Verdict | None, rating: int) -> None:
        """The session's running totals, and what was missed (for the summary)."""
        passed = verdict.correct if verdict is not None else rating > 1
        mistake = verdict.mistake if verdict is not None else None
        self.stats = self.stats.record(passed, None if passed else missed_from(item, mistake))

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
            self.notify(undone_text(self.lang, undone.kind, undone.card_ids), timeout=4)

        if isinstance(self.focused, Input):
            self.query_one("#card", VerticalScroll).focus()
        self.run_bank(undo)

    def _card_action(self, name: str, done: str) -> None:
        if self.deferred_while_saving(lambda: self._card_action(name, done)):
            return
        if self.item is None or self.phase == "empty":
            return
        card = self.item.card
        change = getattr(self.service, name)

        async def act() -> None:
            await self.call(change, card.card_id, card.version)
            await self.load_next()
            self.notify(label(self.lang, done), timeout=3)  # about the card before this one

        self.run_bank(act)

    def action_suspend(self) -> None:
        self._card_action("suspend", "suspended")

    def action_bury(self) -> None:
        self._card_action("bury", "buried")

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

    def study_card(self, card_id: int) -> None:
        """Show this card now (chosen while browsing), due or not."""
        async def chosen() -> None:
            item = await self.call(self.service.item_by_id, card_id)
            if item.note is not None and item.note.retired:  # its question was changed
                await self.load_next()
                return
            await self.show(item)

        self.run_bank(chosen)

    def action_quit_session(self) -> None:
        if not self.deferred_while_saving(self.action_quit_session):
            self.post_message(self.SessionEnded(self.stats))

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(label(self.lang, "help_title"),
                                     keys_for("study", self.lang), self.lang))

    def action_scroll_card(self, how: str) -> None:
        """A long card scrolls with the usual keys, whatever has the focus."""
        getattr(self.query_one("#card", VerticalScroll), f"scroll_{how}")(animate=False)

    def action_leave_input(self) -> None:
        """Escape: step out of the answer box so the command keys (q, s, b, u) work."""
        if isinstance(self.focused, Input):
            self.query_one("#card", VerticalScroll).focus()
            self.set_phase(self.phase)

    def action_focus_input(self) -> None:
        if self.phase == "skill-input":
            self.query_one("#answer-input", Input).focus()
            self.set_phase(self.phase)

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self.set_phase(self.phase)  # the key line follows the answer box's focus

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self.set_phase(self.phase)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the answer box has focus, every key belongs to the answer."""
        if isinstance(self.focused, Input):
            return action in ("leave_input", "undo")
        return True
