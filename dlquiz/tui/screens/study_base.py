"""The study screen's state and how it shows a card: the card on show, the key line for
the phase it is in, the next card fetched from the StudyService (or the empty state).
The flows that act on a card build on it (study_answer, study_rating, study)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from dlquiz.srs.service import StudyItem, StudyService
from dlquiz.srs.settings import StudySettings
from dlquiz.tui.app.answer_clock import AnswerClock
from dlquiz.tui.app.bank_calls import RetryPolicy
from dlquiz.tui.app.bank_screen import BankScreen
from dlquiz.tui.app.session_stats import SessionStats
from dlquiz.tui.widgets.counts import CountsBar
from dlquiz.tui.widgets.empty_state import empty_text
from dlquiz.tui.widgets.fold import FoldedText
from dlquiz.tui.widgets.note_view import NoteView, preload_answer_renderer
from dlquiz.tui.widgets.rating_bar import RatingBar
from dlquiz.ui.keys import study_line
from dlquiz.ui.labels import label

EXTRA_NEW = 10


class StudyBase(BankScreen):
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
        self.first_shown = False

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

    async def after_first_frame(self) -> None:
        """What the first card does not need, once it is on the terminal: the revealed
        answer's renderer, loaded while the question is read, then the interview countdown."""
        await self.wait_for_refresh()
        preload_answer_renderer()
        await self.show_countdown()

    async def show_countdown(self) -> None:
        """The interview countdown in the top line, counted once the first card is shown (a
        bank that cannot be read says so through the card's own worker, so it is left out)."""
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
        await self._show(item)
        if not self.first_shown:  # registered now, so that waiting for the workers waits for it
            self.first_shown = True
            self.run_worker(self.after_first_frame(), group="countdown")

    async def _show(self, item: StudyItem | None) -> None:
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
            from dlquiz.tui.widgets.skill_view import SkillView  # deferred: skill cards only

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

    def _answer_cap(self) -> int:
        return self.service.settings.max_answer_seconds

    def study_card(self, card_id: int) -> None:
        """Show this card now (chosen while browsing), due or not."""
        async def chosen() -> None:
            item = await self.call(self.service.item_by_id, card_id)
            if item.note is not None and item.note.retired:  # its question was changed
                await self.load_next()
                return
            await self.show(item)

        self.run_bank(chosen)
