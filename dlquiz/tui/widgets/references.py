"""A note's references, tags and practice links under its answer: the titles only, so a
list of long URLs never pushes the answer off the screen; the links are one key away (l)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from dlquiz.store.schema import NoteDetail, ReferenceInfo
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe


def merged_references(notes: Iterable[NoteDetail | None]) -> tuple[ReferenceInfo, ...]:
    """The references of the user's note, then those of its built-in twin, each URL once."""
    seen: set[str] = set()
    refs: list[ReferenceInfo] = []
    for note in notes:
        for ref in note.references if note is not None else ():
            if ref.url not in seen:
                seen.add(ref.url)
                refs.append(ref)
    return tuple(refs)


def references_table(refs: tuple[ReferenceInfo, ...], lang: str, *, urls: bool) -> Table:
    """One row per reference, its title (and, when asked, its link) hanging after a bullet."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column()
    for ref in refs:
        entry = Text(safe(ref.title or ref.url))
        if urls:
            entry.append("\n" + safe(ref.url), style="dim underline")
        table.add_row("•", entry)
    return table


def references_renderable(refs: tuple[ReferenceInfo, ...], tags: tuple[str, ...],
                          practice: tuple[str, ...], lang: str, *, urls: bool) -> Group:
    parts: list[Text | Padding] = []
    if refs:
        heading = Text(label(lang, "references"), style="bold")
        heading.append("  " + label(lang, "links_hide" if urls else "links_show"), style="dim")
        parts += [heading, Padding(references_table(refs, lang, urls=urls), (0, 0, 0, 2))]
    if tags:
        parts.append(Text(f"{label(lang, 'tags')}: {safe(', '.join(tags))}", style="dim"))
    if practice:
        line = Text(f"{label(lang, 'practice')}: {safe(', '.join(practice))}  ", style="dim")
        line.append(label(lang, "practice_hint"), style="bold")
        parts.append(line)
    return Group(*parts)


class ReferenceList(Static):
    """References by title; `toggle_urls` shows or hides the links beneath the titles."""

    DEFAULT_CSS = """
    ReferenceList { margin-top: 1; height: auto; }
    """

    def __init__(self, refs: tuple[ReferenceInfo, ...], tags: tuple[str, ...],
                 practice: tuple[str, ...], lang: str) -> None:
        self.refs, self.tags, self.practice, self.lang = refs, tags, practice, lang
        self.urls = False
        super().__init__(self._renderable(), classes="refs")

    def _renderable(self) -> Group:
        return references_renderable(self.refs, self.tags, self.practice, self.lang,
                                     urls=self.urls)

    @property
    def empty(self) -> bool:
        return not (self.refs or self.tags or self.practice)

    def toggle_urls(self) -> None:
        self.urls = not self.urls
        self.update(self._renderable())
