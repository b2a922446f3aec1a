"""The study screen's reveal-and-answer flow: Space/Enter reveal a note card, a skill
card's answer box opens on Enter (or the first typed character) and its answer is
checked by the StudyService, which proposes the rating."""

from __future__ import annotations

from textual import events, on
from textual.containers import VerticalScroll
from textual.widgets import Input

from dlquiz.tui.screens.study_rating import RatingFlow
from dlquiz.tui.widgets.note_view import NoteView
from dlquiz.tui.widgets.rating_bar import RatingBar
from dlquiz.ui.labels import label

# keys that rate, reveal or command: never the first character of an answer
_NOT_TYPING = set("1234 usbonpqatB/?")


class AnswerFlow(RatingFlow):
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
            from dlquiz.tui.widgets.skill_view import SkillView  # deferred: skill cards only

            view = self.query_one(SkillView)
            await view.show_verdict(result.verdict)
            self.query_one(RatingBar).show_ratings(shown, self.lang, self.proposed)
            self.query_one("#card", VerticalScroll).focus()
            self.call_after_refresh(view.query_one("#verdict").scroll_visible, animate=False,
                                    top=True)
            self.set_phase("skill-verdict")

        self.run_bank(check)

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
