"""The user's own text above the built-in answer, folded to a few lines so that the answer
to learn starts on the first screen; one key (e) unfolds it and folds it again."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe_markdown

FOLD_LINES = 3  # rows of the user's text shown before the fold


class FoldedText(Vertical):
    """Markdown clipped to FOLD_LINES rows while folded; the hint beneath says how to unfold
    it, and appears only when something is hidden."""

    DEFAULT_CSS = f"""
    FoldedText {{ height: auto; }}
    FoldedText #own {{ margin: 0; padding: 0; height: auto; }}
    FoldedText.folded #own {{ max-height: {FOLD_LINES}; overflow: hidden hidden; }}
    FoldedText .fold-hint {{ color: $text-muted; display: none; }}
    FoldedText.clipped .fold-hint {{ display: block; }}
    """

    class Changed(Message):
        """Whether the text is clipped, or folded, changed: the key line follows it."""

    def __init__(self, markdown: str, lang: str) -> None:
        super().__init__(classes="folded")
        self.markdown = markdown
        self.lang = lang

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # deferred: a folded text is only revealed

        yield Markdown(safe_markdown(self.markdown), id="own", open_links=False)
        yield Static(Text(label(self.lang, "fold_more")), classes="fold-hint")

    def on_resize(self) -> None:
        self.call_after_refresh(self.check_clipped)

    def check_clipped(self, before: str | None = None) -> None:
        """Show the hint when the folded text has more rows than the fold shows (or, once
        unfolded, when folding again would hide some); tell the screen if that changed."""
        before = before or self.state
        self.set_class(self.query_one("#own").virtual_size.height > FOLD_LINES,
                       "clipped")
        hint = self.query_one(".fold-hint", Static)
        hint.update(Text(label(self.lang, "fold_more" if self.folded else "fold_less")))
        if self.state != before:
            self.post_message(self.Changed())

    @property
    def state(self) -> str | None:
        """"folded" (something is hidden), "unfolded" (it would be), or None."""
        if not self.has_class("clipped"):
            return None
        return "folded" if self.folded else "unfolded"

    @property
    def folded(self) -> bool:
        return self.has_class("folded")

    def toggle(self) -> None:
        before = self.state
        self.toggle_class("folded")
        self.check_clipped(before)
