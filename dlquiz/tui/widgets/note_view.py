"""A note card: the question, then (once revealed) the answer, references and links.

For a draft or partial note with a built-in twin, the revealed card shows the user's own
text folded to a few lines, then the built-in answer, then the references by title, so the
answer to learn starts on the first screen (80x24) however long the rest is."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from dlquiz.store.schema import FollowUpDetail, NoteDetail
from dlquiz.tui.widgets.fold import FoldedText
from dlquiz.tui.widgets.references import ReferenceList, merged_references
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe, safe_markdown


def preload_answer_renderer() -> None:
    """Load what revealing an answer needs (Textual's Markdown widget, the formula renderer)
    ahead of the first reveal; the question itself is shown without them."""
    from textual.widgets import Markdown  # noqa: F401

    from dlquiz.notes import formulas  # noqa: F401


class NoteView(Vertical):
    DEFAULT_CSS = """
    NoteView { height: auto; }
    NoteView .meta { color: $text-muted; height: auto; }
    NoteView .title { text-style: bold; margin: 1 0; }
    NoteView .hint { color: $text-muted; margin-top: 1; }
    NoteView #answer { margin: 0; padding: 0; }
    NoteView .own-title { color: $accent; }
    NoteView .twin-title { margin-top: 1; color: $accent; }
    NoteView #twin { margin: 0; padding: 0; }
    """

    def __init__(self, note: NoteDetail, lang: str, twin: NoteDetail | None = None,
                 followup: FollowUpDetail | None = None) -> None:
        super().__init__()
        self.note = note
        self.lang = lang
        self.twin = twin
        self.followup = followup

    def compose(self) -> ComposeResult:
        note = self.note
        meta = " · ".join(part for part in (note.deck, note.topic, note.number) if part)
        yield Static(Text(safe(meta)), classes="meta")
        if self.followup is not None:  # a follow-up is asked in the context of its note
            yield Static(Text(safe(f"{label(self.lang, 'followup_of')}: {note.title}")),
                         classes="meta")
            yield Static(Text(safe(self.followup.question)), classes="title")
        else:
            yield Static(Text(safe(note.title)), classes="title")
        yield Static(Text(label(self.lang, "reveal")), classes="hint", id="reveal-hint")

    async def reveal(self) -> None:
        from textual.widgets import Markdown  # deferred: the question is shown without it

        await self.query_one("#reveal-hint").remove()
        if self.followup is not None:
            body = self.followup.answer or f"*{label(self.lang, 'no_answer')}*"
            await self.mount(Markdown(safe_markdown(body), id="answer", open_links=False))
            return
        note, twin = self.note, self.twin
        if twin is None:
            body = note.answer or f"*{label(self.lang, 'no_answer')}*"
            await self.mount(Markdown(safe_markdown(body), id="answer", open_links=False))
        else:
            if note.answer.strip():
                await self.mount(Static(Text(label(self.lang, "own_text"), style="bold"),
                                        classes="own-title"))
                await self.mount(FoldedText(note.answer, self.lang))
            else:
                await self.mount(Static(Text(label(self.lang, "no_own_text")), classes="meta"))
            await self.mount(Static(Text(f"── {label(self.lang, 'builtin_answer')} ──",
                                         style="bold"), classes="twin-title"))
            await self.mount(Markdown(safe_markdown(twin.answer), id="twin", open_links=False))
        practice = note.practice or (twin.practice if twin is not None else ())
        refs = ReferenceList(merged_references((note, twin)), note.tags, practice, self.lang)
        if not refs.empty:
            await self.mount(refs)

    def offered_keys(self) -> tuple[str, ...]:
        """The keys only some revealed notes offer (dlquiz.ui.keys names): unfold or fold
        the user's text when it is longer than the fold, show the references' links."""
        state = next((fold.state for fold in self.query(FoldedText)), None)
        fold = {"folded": ("fold",), "unfolded": ("refold",)}.get(state or "", ())
        links = any(refs.refs for refs in self.query(ReferenceList))
        return fold + (("links",) if links else ())

    def toggle_links(self) -> None:
        for refs in self.query(ReferenceList):
            refs.toggle_urls()

    def toggle_fold(self) -> None:
        for fold in self.query(FoldedText):
            fold.toggle()
