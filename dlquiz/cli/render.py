"""Terminal output for the notes commands (rich tables and markdown; never rich markup
interpretation of user text, and every bank string through `safe`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dlquiz.store.records import DeckInfo, ImportReport, NoteDetail, NoteSummary
from dlquiz.ui import cjk
from dlquiz.ui.terminal import safe, safe_markdown

_STATUS_STYLE = {"answered": "green", "partial": "yellow", "draft": "dim"}


def _console() -> Console:
    cjk.install()
    return Console(highlight=False, soft_wrap=False)


def print_import_report(report: ImportReport) -> None:
    console = _console()
    for warning in report.warnings:
        console.print(Text(f"warning: {safe(warning)}", style="yellow"))
    prefix = "would import" if report.dry_run else "imported"
    decks = ", ".join(safe(d) for d in report.decks) or "no deck"
    summary = (f"{prefix} {report.files} file(s) into {decks}: "
               f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
               f"{report.retired} retired, {report.drafts} drafts")
    console.print(Text(summary))
    if not report.changed and not report.dry_run and report.files:
        console.print(Text("nothing changed; the bank was not written."))


def print_decks(decks: Sequence[DeckInfo]) -> None:
    table = Table("deck", "notes", "answered", "partial", "drafts", "retired", box=None)
    for deck in decks:
        name = f"{deck.name} (built-in)" if deck.builtin else deck.name
        table.add_row(Text(safe(name)), *(str(n) for n in (deck.notes, deck.answered,
                                                             deck.partial, deck.drafts,
                                                             deck.retired)))
    _console().print(table)


def print_notes(notes: Sequence[NoteSummary]) -> None:
    table = Table("id", "deck", "no.", "title", "status", box=None)
    for note in notes:
        table.add_row(str(note.id), Text(safe(note.deck)), Text(safe(note.number)),
                      Text(safe(note.title)),
                      Text(note.status, style=_STATUS_STYLE.get(note.status, "")))
    _console().print(table)
    _console().print(Text(f"{len(notes)} note(s)", style="dim"))


def print_note(note: NoteDetail, twin: NoteDetail | None = None) -> None:
    from rich.rule import Rule

    console = _console()
    number = f"{note.number} " if note.number else ""
    console.print(Text(safe(f"{number}{note.title}"), style="bold"))
    console.print(Text(safe(f"{note.deck} · {note.topic or '-'} · {note.status}"), style="dim"))
    console.print()
    _print_body(console, note)
    if twin is not None:
        console.print()
        console.print(Rule(safe(f"built-in answer · {twin.deck} #{twin.id}"), style="cyan"))
        _print_body(console, twin)


def _print_body(console: Console, note: NoteDetail) -> None:
    from rich.markdown import Markdown  # deferred: only `show` renders markdown

    if note.answer:
        console.print(Markdown(safe_markdown(note.answer)))
    else:
        console.print(Text("(no answer yet)", style="dim"))
    if note.references:
        console.print()
        console.print(Text("References", style="bold"))
        for ref in note.references:
            console.print(Text(f"  • {safe(ref.title)}  {safe(ref.url)}"))
    if note.tags or note.practice:
        console.print()
    if note.tags:
        console.print(Text(f"Tags: {safe(', '.join(note.tags))}", style="dim"))
    if note.practice:
        console.print(Text(f"Practice: {safe(', '.join(note.practice))}", style="dim"))
