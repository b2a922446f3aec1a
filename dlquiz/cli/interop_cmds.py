"""`dlquiz export` and the Anki/CSV side of `dlquiz import`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dlquiz.cli.common import clean_errors, fail, open_bank_for, print_json

FOREIGN_SUFFIXES = (".apkg", ".colpkg", ".csv", ".tsv")  # interop.importing's, without its imports


class Format(StrEnum):
    apkg = "apkg"
    csv = "csv"
    tsv = "tsv"
    md = "md"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def is_foreign(path: Path) -> bool:
    return path.suffix.lower() in FOREIGN_SUFFIXES


def import_foreign_cmd(ctx: typer.Context, paths: list[Path], *, deck: str | None,
                       media: Path | None, dry_run: bool, as_json: bool) -> None:
    """Import Anki packages and CSV/TSV files (called by `dlquiz import`)."""
    from dlquiz.interop.importing import import_foreign, read_foreign
    from dlquiz.ui.terminal import safe

    if not all(is_foreign(p) for p in paths):
        raise fail("import Anki packages and CSV/TSV files separately from markdown notes "
                   "(run `dlquiz import` once for each kind).")
    with clean_errors():
        files = read_foreign(paths, deck=deck, media=media)  # a bad file must not create a bank
        bank = open_bank_for(ctx)
        report = import_foreign(bank, files, dry_run=dry_run)
    if as_json:
        print_json(report.to_dict())
        return
    for warning in report.warnings:
        typer.echo(f"warning: {safe(warning)}", err=True)
    verb = "would import" if report.dry_run else "imported"
    decks = ", ".join(safe(d) for d in report.decks) or "no deck"
    typer.echo(f"{verb} {report.files} file(s) into {decks}: {report.added} added, "
               f"{report.updated} updated, {report.unchanged} unchanged; "
               f"{report.reviews} reviews added ({report.reviews_known} already in the bank)")
    if report.reviews_before_reset:
        typer.echo(f"{report.reviews_before_reset} reviews before a 'Forget' in Anki were left "
                   "out (they no longer shape the schedule)")
    if report.skipped_generated:
        typer.echo(f"{report.skipped_generated} generated skill questions skipped (dlquiz "
                   "generates fresh ones)")
    if media is not None:
        typer.echo(f"{report.media_copied} media file(s) copied to {safe(str(media))}")


def export_cmd(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="apkg, csv, tsv or md.")],
    deck: Annotated[str | None, typer.Option("--deck", help="Only this deck.")] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="File to write (a folder for md); default: dlquiz-DECK-DATE.")]
    = None,
    with_history: Annotated[bool, typer.Option(
        "--with-history", help="apkg: also the review log and card states.")] = False,
    skill_samples: Annotated[int, typer.Option(
        "--skill-samples", min=0, max=50,
        help="apkg: generated questions per kind, tagged as generated.")] = 3,
    cards: Annotated[bool, typer.Option(
        "--cards", help="csv/tsv: also the scheduling columns.")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="apkg: language of the generated "
                                                      "questions.")] = Lang.zh,
    include_builtin: Annotated[bool, typer.Option(
        "--include-builtin", help="Also the built-in notes your own notes ask (they are "
                                  "studied through yours, which carry their answer).")]
    = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Export notes to Anki (.apkg), CSV/TSV, or notes-format markdown (one file per topic)."""
    from datetime import UTC, datetime

    from dlquiz.interop import exporting
    from dlquiz.ui.terminal import safe

    now = datetime.now(UTC)
    target = (output or exporting.default_target(fmt.value, deck, now)).expanduser()
    if fmt is not Format.md and target.is_dir():
        raise fail(f"{target}: is a folder; give a file name with -o.")
    if fmt is not Format.md and not target.parent.is_dir():
        raise fail(f"{target.parent}: no such folder; nothing was written.")
    bank = open_bank_for(ctx)
    with clean_errors():
        if fmt is Format.apkg:
            result = exporting.export_apkg(bank, target, deck=deck, with_history=with_history,
                                           skill_samples_per_kind=skill_samples,
                                           lang=lang.value, now=now,
                                           include_builtin=include_builtin)
        elif fmt is Format.md:
            result = exporting.export_markdown(bank, target, deck=deck,
                                               include_builtin=include_builtin)
        else:
            result = exporting.export_table(bank, target, fmt.value, deck=deck, cards=cards,
                                            include_builtin=include_builtin)
    if as_json:
        print_json(result.to_dict())
        return
    extra = ""
    if result.anki is not None:
        extra = (f", {result.anki.skill_samples} generated questions, "
                 f"{result.anki.reviews} reviews")
    typer.echo(f"exported {result.notes} notes{extra} to {safe(result.path)}")


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)
