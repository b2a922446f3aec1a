"""What a browser tab shows when its app cannot start (the bank cannot be opened): the
sentence that says why and what to do, instead of a blank page."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from dlquiz.ui.serve_labels import serve_label
from dlquiz.ui.terminal import safe


class MessageApp(App[None]):
    TITLE = "dlquiz"
    CSS = "Static { margin: 1 2; } #hint { color: $text-muted; }"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", show=False)]

    def __init__(self, message: str, lang: str) -> None:
        super().__init__()
        self.message = message
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Static(Text(f"dlquiz: {safe(self.message)}", style="bold red"), id="message")
        yield Static(serve_label(self.lang, "bank_error_hint"), id="hint")
