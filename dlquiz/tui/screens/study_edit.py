"""`o` on the study screen: the note opens in the user's editor at its line, and when the
editor closes its file is imported again and the card shown afresh (history kept). A
built-in note is not edited where it is installed: the user is offered a copy in their own
notes file, which then becomes their note for that question. A draft or partial note with a
built-in answer offers to have that answer written into the file first (`notes fill`)."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from dlquiz.notes.errors import NotesError
from dlquiz.store.cards import user_twin_card
from dlquiz.store.schema import BankError, InputError
from dlquiz.tui.app.editor import editor_command
from dlquiz.tui.screens.fill_choice import FillChoice, FillChoiceResult
from dlquiz.tui.screens.modals import Confirm
from dlquiz.ui.labels import label

if TYPE_CHECKING:
    from dlquiz.tui.screens.study_base import StudyBase


class EditFlow:
    def __init__(self, screen: StudyBase) -> None:
        self.screen = screen

    def open(self) -> None:
        if self.screen.app.is_web:  # `dlquiz serve`: an editor would open on the server, unseen
            from dlquiz.ui.serve_labels import serve_label

            self.screen.show_status(serve_label(self.screen.lang, "no_editor_in_browser"))
            return
        item = self.screen.item
        note = item.note if item else None
        if item is None or note is None or not note.source_path:
            self.screen.show_status(label(self.screen.lang, "no_source"))
            return
        if note.deck == "builtin":
            self._offer_copy()
            return
        path, line, card_id = Path(note.source_path), note.source_line or 1, item.card.card_id
        if item.followup is None and item.twin is not None and note.status != "answered":
            from dlquiz.srs.notes_fill import fillable  # deferred: loads the notes parser

            if fillable(path):
                self._offer_fill(path, line, note.deck, card_id, note.title)
                return
        self.screen.run_worker(self._edit(path, line, note.deck, card_id), group="edit")

    def _offer_fill(self, path: Path, line: int, deck: str, card_id: int, title: str) -> None:
        screen = self.screen

        def chosen(choice: FillChoiceResult) -> None:
            if choice == "fill":
                screen.run_worker(self._fill(path, card_id, title), group="edit")
            elif choice == "edit":
                screen.run_worker(self._edit(path, line, deck, card_id), group="edit")

        screen.app.push_screen(FillChoice(screen.lang, path.name), chosen)

    async def _fill(self, path: Path, card_id: int, title: str) -> None:
        from dlquiz.notes.identity import title_key  # deferred: with the notes parser
        from dlquiz.srs.notes_fill import fill_notes

        screen = self.screen
        try:
            report = await asyncio.to_thread(
                fill_notes, screen.service.bank, path, keys={title_key(title)},
                now=screen.service.clock())
        except (BankError, InputError, NotesError) as exc:  # e.g. the file changed since
            screen.notify(str(exc), severity="error", timeout=10)
            return
        if not report.filled:
            screen.notify(label(screen.lang, "nothing_filled"), severity="warning")
            return
        screen.service.day_queue.invalidate()
        screen.notify(label(screen.lang, "filled", file=path.name,
                            backup=Path(report.backup or "").name))
        screen.study_card(card_id)

    def _offer_copy(self) -> None:
        from dlquiz.srs.editing import own_notes_file  # deferred: loads the notes parser

        screen = self.screen
        target = own_notes_file(screen.service.bank)

        async def answered(copy: bool | None) -> None:
            if copy:
                await self._copy()

        screen.app.push_screen(Confirm(label(screen.lang, "builtin_copy_title"),
                                       label(screen.lang, "builtin_copy_body", path=target)),
                               answered)

    async def _copy(self) -> None:
        from dlquiz.srs.editing import copy_to_own_notes  # deferred: loads the notes parser

        screen = self.screen
        item = screen.item
        assert item is not None and item.note is not None
        note = item.note
        try:
            path, line = await asyncio.to_thread(copy_to_own_notes, screen.service.bank, note,
                                                 screen.service.clock())
            card_id = await asyncio.to_thread(user_twin_card, screen.service.bank, note.id)
        except (BankError, InputError, OSError) as exc:
            screen.notify(str(exc), severity="error")
            return
        screen.notify(label(screen.lang, "copied", file=path))
        await self._edit(path, line, path.stem, card_id or item.card.card_id)

    async def _edit(self, path: Path, line: int, deck: str, card_id: int) -> None:
        from dlquiz.srs.editing import reimport  # deferred: loads the notes parser

        screen = self.screen
        command = editor_command(str(path), line)
        try:
            with screen.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:  # headless (tests): nothing on screen to step aside from
            subprocess.run(command, check=False, capture_output=True)
        screen.app.refresh()
        try:
            await asyncio.to_thread(reimport, screen.service.bank, path, deck,
                                    screen.service.clock())
        except (BankError, InputError) as exc:  # an edit that broke the file: say so
            screen.notify(str(exc), severity="error", timeout=10)
            return
        screen.service.day_queue.invalidate()
        screen.notify(label(screen.lang, "reimported", file=path.name))
        screen.study_card(card_id)
