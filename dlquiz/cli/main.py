"""The `dlquiz` command: global options and the command groups. Heavy libraries are imported
inside the commands that need them so `--help` and `--version` stay instant."""

from __future__ import annotations

from typing import Annotated

import typer

from dlquiz import __version__
from dlquiz.cli import bank_cmds, notes_cmds, questions_cmds, study_cmds
from dlquiz.cli.common import GlobalOptions

app = typer.Typer(
    name="dlquiz",
    help="Study deep-learning interview notes with spaced repetition and generated questions.",
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dlquiz {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option(
        "--db", envvar="DLQUIZ_DB", metavar="URL",
        help="SQLAlchemy URL or SQLite file of the bank.")] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")]
    = False,
) -> None:
    """With no command, start today's study session."""
    ctx.obj = GlobalOptions(db=db)
    if ctx.invoked_subcommand is None:
        study_cmds.study_cmd(ctx)


notes_cmds.register(app)
questions_cmds.register(app)
study_cmds.register(app)
bank_cmds.register(app)


def main() -> None:
    app()
