"""A checklist of key points for self-grading: each point wrapped over as many lines as
it needs (a SelectionList cuts long points off) and rendered as the rest of the text is
(formulas, emphasis; no markdown escapes), ↑/↓ to move, Space to tick."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from dlquiz.ui.inline_markdown import inline_text


class Checklist(Vertical, can_focus=True):
    DEFAULT_CSS = """
    Checklist { height: auto; border: round $panel; padding: 0 1; }
    Checklist:focus { border: round $accent; }
    Checklist > Static { height: auto; }
    Checklist > Static.cursor { background: $boost; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("space,x", "tick", "Tick"),
    ]

    def __init__(self, points: tuple[str, ...], ticked: set[int], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.points = points
        self.ticked = set(ticked)
        self.cursor = 1

    @property
    def selected(self) -> tuple[int, ...]:
        """The ticked points' numbers (1-based), in order."""
        return tuple(sorted(self.ticked))

    def compose(self) -> ComposeResult:
        for number in range(1, len(self.points) + 1):
            yield Static(self._row(number), classes="cursor" if number == self.cursor else "")

    def _row(self, number: int) -> Text:
        box = "☑" if number in self.ticked else "☐"
        return Text.assemble(f"{box} {number}. ", inline_text(self.points[number - 1]))

    def action_move(self, step: int) -> None:
        if not self.points:
            return
        rows = list(self.query(Static))
        rows[self.cursor - 1].remove_class("cursor")
        self.cursor = min(max(self.cursor + step, 1), len(self.points))
        rows[self.cursor - 1].add_class("cursor")
        rows[self.cursor - 1].scroll_visible(animate=False)

    def action_tick(self) -> None:
        if not self.points:
            return
        self.ticked ^= {self.cursor}
        list(self.query(Static))[self.cursor - 1].update(self._row(self.cursor))
