"""Terminal output for `import` and `decks` (rich tables; never rich markup interpretation
of user text, and every bank string through `safe`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dlquiz.store.schema import DeckInfo, ImportReport
from dlquiz.ui import cjk
from dlquiz.ui.terminal import safe


def console() -> Console:
    cjk.install_rich()
    return Console(highlight=False, soft_wrap=False)


def print_import_report(report: ImportReport) -> None:
    out = console()
    for warning in report.warnings:
        out.print(Text(f"warning: {safe(warning)}", style="yellow"))
    prefix = "would import" if report.dry_run else "imported"
    decks = ", ".join(safe(d) for d in report.decks) or "no deck"
    summary = (f"{prefix} {report.files} file(s) into {decks}: "
               f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
               f"{report.retired} retired, {report.drafts} drafts")
    out.print(Text(summary))
    if not report.changed and not report.dry_run and report.files:
        out.print(Text("nothing changed; the bank was not written."))


def print_decks(decks: Sequence[DeckInfo]) -> None:
    table = Table("deck", "notes", "answered", "partial", "drafts", "retired", box=None)
    for deck in decks:
        name = f"{deck.name} (built-in)" if deck.builtin else deck.name
        table.add_row(Text(safe(name)), *(str(n) for n in (deck.notes, deck.answered,
                                                             deck.partial, deck.drafts,
                                                             deck.retired)))
    console().print(table)


