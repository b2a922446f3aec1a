"""The study screen: one card at a time, reveal, rate with 1-4, undo, suspend, bury, edit.

All scheduling goes through StudyService; this screen only decides what to show.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from dlquiz.srs.records import format_interval
from dlquiz.srs.service import StudyItem
from dlquiz.tui.labels import RATING_KEYS, label
from dlquiz.tui.widgets.counts import CountsBar
from dlquiz.tui.widgets.note_view import NoteView
from dlquiz.tui.widgets.rating_bar import RatingBar
from dlquiz.tui.widgets.skill_view import SkillView

if TYPE_CHECKING:
    from dlquiz.tui.app import DlquizApp

Phase = Literal["loading", "front", "back", "skill-input", "skill-verdict", "empty"]


def editor_command(path: str, line: int) -> list[str]:
    """`vi +12 notes.md` style command line; +LINE is understood by vi, vim, nano, emacs,
    micro and kakoune alike."""
    editor = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")
    return [*editor, f"+{line}", path]


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

    def __init__(self) -> None:
        super().__init__()
        self.item: StudyItem | None = None
        self.phase: Phase = "loading"
        self.shown_at = time.monotonic()
        self.answer_text: str | None = None
        self.proposed: int | None = None
        self.practice_turn = 0

    @property
    def dlquiz(self) -> DlquizApp:
        from dlquiz.tui.app import DlquizApp

        assert isinstance(self.app, DlquizApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield CountsBar(id="counts")
        yield VerticalScroll(id="card")
        yield Static(id="status")
        yield RatingBar(id="ratings")
        yield Footer()

    async def on_mount(self) -> None:
        await self.load_next()

    @property
    def lang(self) -> str:
        return self.dlquiz.service.lang

    async def load_next(self) -> None:
        """Fetch the next card and show its front (or the empty state)."""
        service = self.dlquiz.service
        self.item = service.next_item()
        self.answer_text = None
        self.proposed = None
        self.practice_turn = 0
        self.query_one(CountsBar).show_counts(service.counts(), self.lang,
                                              self.item.card.queue if self.item else None)
        card_area = self.query_one("#card", VerticalScroll)
        await card_area.remove_children()
        self.query_one(RatingBar).update("")
        self.shown_at = time.monotonic()
        if self.item is None:
            self.phase = "empty"
            await card_area.mount(Static(self.empty_text(), id="empty"))
            return
        if self.item.note is not None:
            self.phase = "front"
            await card_area.mount(NoteView(self.item.note, self.lang, self.item.twin))
        else:
            assert self.item.question is not None
            self.phase = "skill-input"
            await card_area.mount(SkillView(self.item.question, self.lang))
            answer_box = self.query_one("#answer-input", Input)
            answer_box.cursor_blink = self.dlquiz.cursor_blink
            answer_box.focus()
        card_area.scroll_home(animate=False)

    def empty_text(self) -> Text:
        forecast = self.dlquiz.service.forecast()
        text = Text(label(self.lang, "empty_title") + "\n\n", style="bold")
        if forecast.next_due is not None:
            local = forecast.next_due.astimezone(self.dlquiz.service.zone)
            when = local.strftime("%Y-%m-%d %H:%M")
            text.append(f"{label(self.lang, 'next_due')}: {when}\n")
        else:
            text.append(label(self.lang, "none_scheduled") + "\n")
        if self.dlquiz.more_new_available():
            text.append(label(self.lang, "more_new").format(n=self.dlquiz.extra_new) + "\n")
        else:
            text.append(label(self.lang, "no_more_new") + "\n")
        text.append(label(self.lang, "quit_hint"), style="dim")
        return text

    def show_status(self, message: str) -> None:
        self.query_one("#status", Static).update(Text(message, style="italic"))

    async def action_reveal(self) -> None:
        if self.phase != "front" or self.item is None:
            return
        await self.query_one(NoteView).reveal()
        self.phase = "back"
        self.query_one(RatingBar).show_ratings(
            self.dlquiz.service.previews(self.item.card.card_id), self.lang)

    async def action_reveal_or_accept(self) -> None:
        if self.phase == "front":
            await self.action_reveal()
        elif self.phase == "skill-verdict" and self.proposed is not None:
            await self.action_rate(self.proposed)

    @on(Input.Submitted, "#answer-input")
    async def check_answer(self, event: Input.Submitted) -> None:
        if self.phase != "skill-input" or self.item is None or self.item.question is None:
            return
        event.stop()
        if not event.value.strip():
            return
        result = self.dlquiz.service.check_skill(self.item.question.id, event.value)
        if result.verdict.parse_error:  # unreadable is not wrong: say the format, try again
            self.show_status(result.verdict.feedback)
            return
        self.answer_text = event.value
        self.show_status("")
        self.proposed = result.proposed_rating
        await self.query_one(SkillView).show_verdict(result.verdict)
        self.phase = "skill-verdict"
        self.query_one("#card", VerticalScroll).focus()
        self.query_one(RatingBar).show_ratings(
            self.dlquiz.service.previews(self.item.card.card_id), self.lang, self.proposed)

    async def action_rate(self, rating: int) -> None:
        if self.phase not in {"back", "skill-verdict"} or self.item is None:
            return
        duration = int((time.monotonic() - self.shown_at) * 1000)
        result, verdict = self.dlquiz.service.rate(self.item.card.card_id, rating,
                                                   answer=self.answer_text,
                                                   duration_ms=duration)
        passed = verdict.correct if verdict is not None else rating > 1
        self.dlquiz.stats = self.dlquiz.stats.record(passed)
        if result.leech:
            self.notify(label(self.lang, "leech"), severity="warning")
        await self.load_next()
        self.show_status(f"{label(self.lang, RATING_KEYS[rating])} → "
                         f"{format_interval(result.interval)}")

    async def action_undo(self) -> None:
        undone = self.dlquiz.service.undo()
        if undone is None:
            self.show_status(label(self.lang, "nothing_to_undo"))
            return
        self.dlquiz.stats = self.dlquiz.stats.undo()
        await self.load_next()
        self.show_status(f"{label(self.lang, 'undone')}: card {undone.card_id}")

    async def action_suspend(self) -> None:
        if self.item is None:
            return
        self.dlquiz.service.suspend(self.item.card.card_id)
        await self.load_next()
        self.show_status(label(self.lang, "suspended"))

    async def action_bury(self) -> None:
        if self.item is None:
            return
        self.dlquiz.service.bury(self.item.card.card_id)
        await self.load_next()
        self.show_status(label(self.lang, "buried"))

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
            question = self.dlquiz.service.practice_question(kind)
        except Exception as exc:  # an unknown kind in a user's note: say so, keep studying
            self.show_status(str(exc))
            return
        self.app.push_screen(PracticeScreen(self.dlquiz.service, question,
                                            self.dlquiz.cursor_blink))

    async def action_more_new(self) -> None:
        if self.phase == "empty" and self.dlquiz.more_new_available():
            self.dlquiz.allow_more_new()
            await self.load_next()

    def action_open_source(self) -> None:
        note = self.item.note if self.item else None
        if note is None or not note.source_path:
            self.show_status(label(self.lang, "no_source"))
            return
        self.open_editor(note.source_path, note.source_line or 1)

    @work(exclusive=True, thread=False)
    async def open_editor(self, path: str, line: int) -> None:
        """`$VISUAL`/`$EDITOR` (default vi) at the note's line; the TUI steps aside meanwhile.
        Edits show up in the bank at the next `dlquiz import`."""
        command = editor_command(path, line)
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:  # headless (tests): nothing on screen to step aside from
            subprocess.run(command, check=False, capture_output=True)
        self.app.refresh()

    def action_quit_session(self) -> None:
        self.dlquiz.show_summary()

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
