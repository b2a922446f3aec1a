"""`dlquiz import` and `decks`: notes files into the bank, and what it holds."""

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


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)
    app.command("decks")(decks_cmd)

