"""`o` on a draft or partial note that has a built-in answer: write that answer into the
user's notes file where the TODO is (`notes fill` for this one question), or open the file
in the editor as for any other note."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from dlquiz.tui.screens.modals import MODAL_CSS
from dlquiz.ui.labels import label

FillChoiceResult = Literal["fill", "edit"] | None


class FillChoice(ModalScreen[FillChoiceResult]):
    DEFAULT_CSS = MODAL_CSS.format(name="FillChoice")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f,1", "choose('fill')", "Fill"),
        Binding("e,2,o", "choose('edit')", "Edit"),
        Binding("escape,q", "choose('')", "Back"),
    ]

    def __init__(self, lang: str, file: str) -> None:
        super().__init__()
        self.lang = lang
        self.file = file

    def compose(self) -> ComposeResult:
        text = Text(label(self.lang, "fill_title") + "\n\n", style="bold")
        text.append(label(self.lang, "fill_body", file=self.file))
        with Vertical():
            yield Static(text)

    def action_choose(self, choice: str) -> None:
        self.dismiss("fill" if choice == "fill" else "edit" if choice == "edit" else None)
