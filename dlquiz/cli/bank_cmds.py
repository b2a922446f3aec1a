"""`dlquiz bank check` (Anki's Check Database) and `dlquiz bank backup`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dlquiz.cli.common import clean_errors, fail, options, print_json
from dlquiz.cli.questions_cmds import JsonOption

bank_app = typer.Typer(help="Look after the bank: check and repair it, back it up, copy it.",
                       no_args_is_help=True)


@bank_app.command("check")
def check_cmd(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Check the bank (SQLite integrity, references, dlquiz's own invariants) and repair
    what can be repaired; exit 1 if something could not be."""
    from datetime import UTC, datetime

    from dlquiz.store.bank import check_url, resolve_url
    from dlquiz.ui.terminal import safe

    with clean_errors():
        report = check_url(resolve_url(options(ctx).db), datetime.now(UTC))
    if as_json:
        print_json(report.to_dict())
    else:
        for finding in report.findings:
            verdict = "repaired" if finding.repaired else "NOT repaired"
            typer.echo(f"{finding.count} {safe(finding.problem)}: {verdict}")
        if report.kept_damaged_copy:
            typer.echo(f"the damaged file was kept as {safe(report.kept_damaged_copy)}")
        if not report.findings:
            typer.echo("the bank is fine: nothing to repair.")
        elif report.clean:
            typer.echo("everything found was repaired.")
    if not report.clean:
        if not as_json:
            typer.echo("some problems could not be repaired: restore a backup (`dlquiz bank "
                       "backup` copies sit beside the bank) or report the output above.",
                       err=True)
        raise typer.Exit(1)


@bank_app.command("backup")
def backup_cmd(
    ctx: typer.Context,
    path: Annotated[Path | None, typer.Argument(
        help="Where to write the copy (default: beside the bank, named by the time).")] = None,
) -> None:
    """Copy the bank now (safe while other dlquiz processes use it)."""
    from datetime import UTC, datetime

    from dlquiz.store.bank import backups_dir, copy_bank, redact, resolve_url, sqlite_path
    from dlquiz.ui.terminal import safe

    with clean_errors():
        url = resolve_url(options(ctx).db)
    source = sqlite_path(url)
    if source is None:
        raise fail(f"{redact(url)}: `bank backup` copies SQLite banks; back up a server database "
                   "with its own tools (e.g. pg_dump).")
    if not source.exists():
        raise fail(f"{source}: there is no bank here yet; nothing to back up.")
    with clean_errors():
        from dlquiz.store.bank import vet_sqlite_location

        vet_sqlite_location(source, default=False)  # a file that is no bank is not copied
        if path is None:
            folder = backups_dir(source)
            folder.mkdir(exist_ok=True)
            path = folder / f"manual-{datetime.now(UTC).astimezone():%Y%m%dT%H%M%S}.db"
        target = copy_bank(source, path.expanduser())
    typer.echo(f"backed up {safe(str(source))} to {safe(str(target))}")


@bank_app.command("copy")
def copy_cmd(
    source: Annotated[str, typer.Argument(metavar="SRC_URL",
                                          help="The bank to copy (a SQLite file or URL).")],
    target: Annotated[str, typer.Argument(metavar="DST_URL", help="Where to copy it.")],
    force: Annotated[bool, typer.Option(
        "--force", help="Replace a destination that already holds a bank.")] = False,
) -> None:
    """Copy a whole bank between SQLite and PostgreSQL (ids, history and settings kept)."""
    from dlquiz.store.bank import copy_bank_between, resolve_url

    with clean_errors():
        report = copy_bank_between(resolve_url(source), resolve_url(target), force=force)
    typer.echo(f"copied {report.total} rows: " + ", ".join(
        f"{count} {name}" for name, count in report.rows.items() if count))


def register(app: typer.Typer) -> None:
    app.add_typer(bank_app, name="bank")
