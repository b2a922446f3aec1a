"""`dlquiz import` and `notes fill`: notes files into the bank, and the built-in answers
written back into the user's file (deck_cmds.py lists and changes decks and notes)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dlquiz.cli.common import clean_errors, open_bank_for, print_json


def import_cmd(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(
        help="Notes files or folders (*.md, recursive), or Anki packages (.apkg, .colpkg) "
             "and CSV/TSV files.")],
    deck: Annotated[str | None, typer.Option("--deck", help="Deck name (default: file name; "
                                                            "Anki packages keep their decks).")]
    = None,
    media: Annotated[Path | None, typer.Option(
        "--media", help="Anki packages: copy the media files the notes use into this folder.")]
    = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report without writing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Import markdown notes, Anki packages or CSV/TSV files into the bank (re-importing
    updates in place)."""
    from dlquiz.cli.interop_cmds import import_foreign_cmd, is_foreign

    if deck is not None:
        from dlquiz.store.decks import clean_deck_name

        with clean_errors():
            deck = clean_deck_name(deck)
    if any(is_foreign(p) for p in paths):
        import_foreign_cmd(ctx, paths, deck=deck, media=media, dry_run=dry_run, as_json=as_json)
        return
    from dlquiz.cli.render import print_import_report
    from dlquiz.store.decks import deck_names, import_paths, require_paths

    with clean_errors():
        require_paths(paths)  # a typo must not create a bank
        decks = deck_names(paths, deck)  # an empty or unprintable --deck is refused here
    if not as_json and not dry_run:  # the deck is named before anything is written
        from dlquiz.ui.terminal import safe

        for name, files in decks.items():
            typer.echo(f"importing {len(files)} file(s) into deck '{safe(name)}'"
                       + (" (--deck NAME chooses another)" if deck is None else ""))
    with clean_errors():
        bank = open_bank_for(ctx)
        report = import_paths(bank, paths, deck=deck, dry_run=dry_run)
    if as_json:
        print_json(report.to_dict())
    else:
        print_import_report(report)


notes_app = typer.Typer(help="Work on your own notes files.", no_args_is_help=True)


@notes_app.command("fill")
def fill_cmd(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A notes file you imported.")],
    numbers: Annotated[list[str] | None, typer.Option(
        "--numbers", metavar="NNN,NNN",
        help="Only these questions, e.g. 003,004 (default: every draft and partial note "
             "that has a built-in answer).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the diff; write nothing.")]
    = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Write the built-in answers into the file where its `- [ ] TODO` markers are (a backup
    goes beside it), then import it again: cards and history stay, the notes are answered."""
    from datetime import UTC, datetime

    from dlquiz.srs.notes_fill import fill_notes

    wanted = [n for raw in numbers or [] for n in raw.replace(",", " ").split()]
    with clean_errors():
        bank = open_bank_for(ctx)
        report = fill_notes(bank, path, numbers=wanted or None, dry_run=dry_run,
                            now=datetime.now(UTC))
    if as_json:
        print_json(report.to_dict())
        return
    from dlquiz.ui.terminal import safe

    if dry_run and report.diff:
        typer.echo(safe(report.diff))
    if not report.filled:
        typer.echo(f"{safe(report.path)}: nothing to fill.")
    else:
        done = "would fill" if dry_run else "filled"
        typer.echo(f"{safe(report.path)}: {done} {len(report.filled)} question(s): "
                   f"{safe(', '.join(report.filled))}.")
    if report.skipped:
        typer.echo(f"no built-in answer for: {safe(', '.join(report.skipped))}.")
    if report.backup:
        typer.echo(f"backup: {safe(report.backup)}")


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)
    app.add_typer(notes_app, name="notes")

