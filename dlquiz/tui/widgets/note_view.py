"""A note card: the question, then (once revealed) the answer, references and links."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Markdown, Static

from dlquiz.store.records import FollowUpDetail, NoteDetail
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe, safe_markdown


def references_text(note: NoteDetail, lang: str) -> Text:
    text = Text()
    if note.references:
        text.append(label(lang, "references") + "\n", style="bold")
        for ref in note.references:
            text.append(f"  • {safe(ref.title)}  ", style="")
            text.append(safe(ref.url) + "\n", style="dim underline")
    if note.tags:
        text.append(f"{label(lang, 'tags')}: {safe(', '.join(note.tags))}\n", style="dim")
    if note.practice:
        text.append(f"{label(lang, 'practice')}: {safe(', '.join(note.practice))}  ",
                    style="dim")
        text.append(label(lang, "practice_hint") + "\n", style="bold")
    return text


class NoteView(Vertical):
    DEFAULT_CSS = """
    NoteView { height: auto; }
    NoteView .meta { color: $text-muted; height: auto; }
    NoteView .title { text-style: bold; margin: 1 0; }
    NoteView .hint { color: $text-muted; margin-top: 1; }
    NoteView #answer { margin: 0; padding: 0; }
    NoteView .refs { margin-top: 1; }
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
        await self.query_one("#reveal-hint").remove()
        if self.followup is not None:
            body = self.followup.answer or f"*{label(self.lang, 'no_answer')}*"
            await self.mount(Markdown(safe_markdown(body), id="answer", open_links=False))
            return
        body = self.note.answer or f"*{label(self.lang, 'no_answer')}*"
        await self.mount(Markdown(safe_markdown(body), id="answer", open_links=False))
        refs = references_text(self.note, self.lang)
        if refs.plain:
            await self.mount(Static(refs, classes="refs"))
        if self.twin is not None:
            await self.mount(Static(Text(f"── {label(self.lang, 'builtin_answer')} ──",
                                         style="bold"), classes="twin-title"))
            await self.mount(Markdown(safe_markdown(self.twin.answer), id="twin",
                                      open_links=False))
            twin_refs = references_text(self.twin, self.lang)
            if twin_refs.plain:
                await self.mount(Static(twin_refs, classes="refs"))
