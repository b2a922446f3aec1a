"""The exam's items down the side: number and a mark (✎ answered, · not yet, ⚑ flagged),
the current one highlighted. Answered is a pencil, not a tick: a tick is what a correct
verdict shows, and with deferred feedback nothing is known to be correct yet."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dlquiz.store.exams import ExamItemRecord

ANSWERED = "✎"


class ItemList(Static, can_focus=True):
    """Focused when the answer box is left (Esc), so that plain keys work; a small widget
    to focus, where focusing the item area would restyle every item view inside it."""

    DEFAULT_CSS = """
    ItemList { width: 8; height: 1fr; padding: 0 1; border-right: solid $panel; }
    ItemList:focus { border-right: solid $accent; }
    """

    def show(self, items: tuple[ExamItemRecord, ...], current: int,
             typed: dict[int, str]) -> None:
        text = Text()
        for item in items:
            answered = bool((typed.get(item.n, item.answer or "")).strip())
            mark = "⚑" if item.flagged else (ANSWERED if answered else "·")
            style = "reverse bold" if item.n == current else ("" if answered else "dim")
            text.append(f"{item.n:>2} {mark}\n", style=style)
        self.update(text)
