"""Browsing the bank: search as you type over questions and answers, filter by deck,
topic, tag and state, see the highlighted card's scheduling state, suspend or unsuspend it,
delete its note (after a confirmation; undone from the study view), or open it in the
study view. Dismissed with the card to study, or None."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from dlquiz.srs import browse
from dlquiz.srs.service import StudyService
from dlquiz.store.cards import CARD_STATES, CardFilter, CardSummary, facets, list_decks
from dlquiz.store.decks import Refused, delete_notes, note_review_count
from dlquiz.store.schema import BankError
from dlquiz.tui.screens.modals import Confirm, KeyHelp
from dlquiz.ui.keys import keys_for
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe

SEARCH_DELAY = 0.25  # seconds after the last keystroke
ROWS = 500


class BrowseScreen(Screen[int | None]):
    DEFAULT_CSS = """
    BrowseScreen #search { margin: 0 1; }
    BrowseScreen #filters { height: 3; margin: 0 1; }
    BrowseScreen Select { width: 1fr; }
    BrowseScreen #browse-body { height: 1fr; }
    BrowseScreen DataTable { width: 1fr; }
    BrowseScreen #card-info { width: 34; padding: 0 1; border-left: solid $panel; }
    BrowseScreen #browse-keys { height: 1; padding: 0 1; background: $panel; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", show=False, priority=True),
        Binding("f1", "help", show=False),
        Binding("question_mark", "help", show=False),
        Binding("s", "toggle_suspend", show=False),
        Binding("D", "delete_note", show=False),
    ]

    def __init__(self, service: StudyService) -> None:
        super().__init__()
        self.service = service
        self.lang = service.lang
        self.rows: list[CardSummary] = []
        self.pending = 0
        self.deleted = False  # a note was deleted here: the study view must look again

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder=label(self.lang, "browse_search"), id="search")
            with Horizontal(id="filters"):
                yield Select[str]([], prompt=label(self.lang, "browse_deck"), id="deck")
                yield Select[str]([(s, s) for s in CARD_STATES],
                                  prompt=label(self.lang, "browse_state"), id="state")
                yield Select[str]([], prompt=label(self.lang, "browse_topic"), id="topic")
                yield Select[str]([], prompt=label(self.lang, "browse_tag"), id="tag")
            with Horizontal(id="browse-body"):
                yield DataTable(id="cards", cursor_type="row", zebra_stripes=True)
                yield Static(id="card-info")
            yield Static(Text(label(self.lang, "browse_keys"), style="dim"), id="browse-keys")

    async def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("id", "no.", label(self.lang, "browse_title"),
                          label(self.lang, "browse_state"), "ivl")
        bank = self.service.bank
        decks = await asyncio.to_thread(list_decks, bank)
        topics, tags = await asyncio.to_thread(facets, bank)
        self.query_one("#deck", Select).set_options([(safe(d.name), d.name) for d in decks])
        self.query_one("#topic", Select).set_options([(safe(t), t) for t in topics])
        self.query_one("#tag", Select).set_options([(safe(t), t) for t in tags])
        self.query_one("#search", Input).focus()
        await self.refresh_rows()

    def current_filter(self) -> CardFilter:
        def chosen(name: str) -> str | None:
            value = self.query_one(f"#{name}", Select).value
            return value if isinstance(value, str) else None

        search = self.query_one("#search", Input).value.strip() or None
        return CardFilter(deck=chosen("deck"), state=chosen("state"), topic=chosen("topic"),
                          tag=chosen("tag"), search=search)

    async def refresh_rows(self) -> None:
        try:
            rows = await asyncio.to_thread(browse.cards, self.service.bank,
                                           self.current_filter(), self.service.clock())
        except BankError as exc:
            self.notify(str(exc), severity="error")
            return
        self.rows = rows[:ROWS]
        table = self.query_one(DataTable)
        table.clear()
        for card in self.rows:
            title = f"↳ {card.title}" if card.type == "followup" else card.title
            flags = f" [{' '.join(card.flags)}]" if card.flags else ""
            ivl = f"{card.interval_days:.0f}d" if card.interval_days else "-"
            table.add_row(str(card.id), card.number or "", Text(safe(title + flags)),
                          card.state, ivl, key=str(card.id))
        await self.show_info()

    @on(Input.Changed, "#search")
    def searched(self) -> None:
        self.pending += 1
        ticket = self.pending
        self.set_timer(SEARCH_DELAY, lambda: self._search_if_latest(ticket))

    def _search_if_latest(self, ticket: int) -> None:
        if ticket == self.pending:
            self.run_worker(self.refresh_rows(), group="browse", exclusive=True)

    @on(Select.Changed)
    def filtered(self) -> None:
        self.run_worker(self.refresh_rows(), group="browse", exclusive=True)

    def highlighted(self) -> CardSummary | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def moved(self) -> None:
        self.load_info()

    @work(exclusive=True, group="info")
    async def load_info(self) -> None:
        await self.show_info()

    async def show_info(self) -> None:
        card = self.highlighted()
        panel = self.query_one("#card-info", Static)
        if card is None:
            panel.update(Text(label(self.lang, "browse_none"), style="dim"))
            return
        report = await asyncio.to_thread(browse.report, self.service.bank, card.id,
                                         self.service.settings, self.service.clock())
        info = report.info.card
        recall = (f"{100 * report.retrievability:.0f}%" if report.retrievability is not None
                  else "-")
        text = Text(safe(f"#{card.id} {card.type}\n"), style="bold")
        text.append(safe(card.title) + "\n\n")
        for name, value in (("state", card.state),
                            ("due", info.due.astimezone(self.service.zone)
                             .strftime("%Y-%m-%d %H:%M")),
                            ("stability", f"{info.stability:.1f}d" if info.stability else "-"),
                            ("difficulty", f"{info.difficulty:.1f}" if info.difficulty else "-"),
                            ("recall now", recall), ("reviews", str(info.reps)),
                            ("lapses", str(info.lapses)),
                            ("flags", " ".join(card.flags) or "-")):
            text.append(f"{name:<11}", style="dim")
            text.append(f"{value}\n")
        panel.update(text)

    async def action_toggle_suspend(self) -> None:
        card = self.highlighted()
        if card is None or isinstance(self.focused, Input):
            return
        change = (self.service.unsuspend if "suspended" in card.flags
                  else self.service.suspend)
        try:
            await asyncio.to_thread(change, card.id)
        except BankError as exc:
            self.notify(str(exc), severity="error")
        row = self.query_one(DataTable).cursor_row
        await self.refresh_rows()
        self.query_one(DataTable).move_cursor(row=row)

    async def action_delete_note(self) -> None:
        """Delete the highlighted card's note after a confirmation (undone by u)."""
        card = self.highlighted()
        if card is None or isinstance(self.focused, Input):
            return
        if card.note_id is None:
            self.notify(label(self.lang, "delete_skill"), severity="warning")
            return
        note_id = card.note_id
        reviews = await asyncio.to_thread(note_review_count, self.service.bank, note_id)
        body = label(self.lang, "delete_body", title=safe(card.parent_title or card.title),
                     reviews=reviews)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.run_worker(self.delete_note(note_id), group="browse", exclusive=True)

        self.app.push_screen(Confirm(label(self.lang, "delete_title"), body), confirmed)

    async def delete_note(self, note_id: int) -> None:
        try:
            await asyncio.to_thread(delete_notes, self.service.bank, [note_id],
                                    self.service.clock())
        except Refused as refused:
            self.notify(label(self.lang, f"delete_{refused.reason}", exam=refused.subject),
                        severity="warning")
            return
        except BankError as exc:
            self.notify(str(exc), severity="error")
            return
        self.service.day_queue.invalidate()  # its cards may have been queued for today
        self.deleted = True
        self.notify(label(self.lang, "deleted", note=note_id))
        row = self.query_one(DataTable).cursor_row
        await self.refresh_rows()
        self.query_one(DataTable).move_cursor(row=row)

    @on(DataTable.RowSelected)
    def open_card(self, event: DataTable.RowSelected) -> None:
        card = self.highlighted()
        if card is not None:
            self.dismiss(card.id)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(label(self.lang, "help_title"),
                                     keys_for("browse", self.lang), self.lang))
