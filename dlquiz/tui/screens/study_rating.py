"""The study screen's rating flow: rate 1-4 (timed by the answer clock), undo the last
action, suspend or bury the card; each a bank call in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.widgets import Input

from dlquiz.srs.records import RatingResult, format_interval
from dlquiz.srs.service import StudyItem
from dlquiz.tui.app.session_stats import missed_from
from dlquiz.tui.screens.study_base import StudyBase
from dlquiz.ui.labels import RATING_KEYS, label
from dlquiz.ui.undo_text import undone_text

if TYPE_CHECKING:
    from engine.questions import Verdict


class RatingFlow(StudyBase):
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
