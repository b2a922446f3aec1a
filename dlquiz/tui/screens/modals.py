"""Small modals of the exam screens: confirm submission (listing what is unanswered and
flagged), go to an item, leave a running exam, and the key list (`?`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from dlquiz.ui.labels import label

MODAL_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 64; max-width: 95%; height: auto; padding: 1 2;
                     border: round $accent; background: $surface; }}
"""


class ConfirmSubmit(ModalScreen[bool]):
    DEFAULT_CSS = MODAL_CSS.format(name="ConfirmSubmit")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "answer(True)", "Submit"),
        Binding("escape,n", "answer(False)", "Back"),
    ]

    def __init__(self, lang: str, unanswered: list[int], flagged: list[int]) -> None:
        super().__init__()
        self.lang = lang
        self.unanswered = unanswered
        self.flagged = flagged

    def compose(self) -> ComposeResult:
        lang = self.lang

        def listing(numbers: list[int]) -> str:
            return ", ".join(map(str, numbers)) or label(lang, "none")

        text = Text(label(lang, "confirm_title") + "\n\n", style="bold")
        text.append(f"{label(lang, 'unanswered')}: {listing(self.unanswered)}\n")
        text.append(f"{label(lang, 'flagged')}: {listing(self.flagged)}\n\n")
        text.append(label(lang, "confirm_keys"), style="dim")
        with Vertical():
            yield Static(text)

    def action_answer(self, submit: bool) -> None:
        self.dismiss(submit)


class JumpTo(ModalScreen[int | None]):
    DEFAULT_CSS = MODAL_CSS.format(name="JumpTo")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(self, lang: str, total: int) -> None:
        super().__init__()
        self.lang = lang
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(label(self.lang, "jump_prompt") + f" (1–{self.total})")
            yield Input(type="integer", id="jump")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            n = int(event.value)
        except ValueError:
            return
        if 1 <= n <= self.total:
            self.dismiss(n)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes/no question with its keys explained in the body."""

    DEFAULT_CSS = MODAL_CSS.format(name="Confirm")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "answer(True)", "Yes"),
        Binding("escape,n", "answer(False)", "No"),
    ]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text + "\n\n", style="bold") + Text(self.body))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class KeyHelp(ModalScreen[None]):
    """Every key of the screen underneath, in the interface language: the keys in one
    column, what they do beside them (wrapped lines stay in their column), scrolling when
    the list is longer than the terminal, and how to close it always in view."""

    DEFAULT_CSS = MODAL_CSS.format(name="KeyHelp") + """
    KeyHelp > Vertical { width: 76; max-height: 100%; padding: 0 1; }
    KeyHelp .help-title { text-style: bold; height: auto; margin: 0 0 1 0; }
    KeyHelp #help-body { height: auto; max-height: 70vh; }
    KeyHelp #help-keys { height: 1; color: $text-muted; margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,enter", "close", "Close"),
    ]

    def __init__(self, title: str, keys: list[tuple[str, str]], lang: str = "en") -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys
        self.lang = lang

    def compose(self) -> ComposeResult:
        from rich.table import Table
        from textual.containers import VerticalScroll

        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column(ratio=1)
        for key, meaning in self.keys:
            table.add_row(key, meaning)
        with Vertical():
            yield Static(Text(self.title_text), classes="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(table, id="help-table")
            yield Static(Text(label(self.lang, "help_keys")), id="help-keys")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
