"""`dlquiz import`, `decks` and `notes fill`: notes files into the bank, what it holds, and
the built-in answers written back into the user's file."""

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

    if any(is_foreign(p) for p in paths):
        import_foreign_cmd(ctx, paths, deck=deck, media=media, dry_run=dry_run, as_json=as_json)
        return
    from dlquiz.cli.render import print_import_report
    from dlquiz.store.importing import import_paths, require_paths

    with clean_errors():
        require_paths(paths)  # a typo must not create a bank
        bank = open_bank_for(ctx)
        report = import_paths(bank, paths, deck=deck, dry_run=dry_run)
    if as_json:
        print_json(report.to_dict())
    else:
        print_import_report(report)


def decks_cmd(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List the decks with their note counts."""
    from dlquiz.cli.render import print_decks
    from dlquiz.store.repository import list_decks

    bank = open_bank_for(ctx)
    with clean_errors():
        decks = list_decks(bank)
    if as_json:
        print_json([d.to_dict() for d in decks])
    else:
        print_decks(decks)


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
    app.command("decks")(decks_cmd)
    app.add_typer(notes_app, name="notes")

