"""The `dlquiz` command: global options and the command groups. Heavy libraries are imported
inside the commands that need them so `--help` and `--version` stay instant."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dlquiz import __version__
from dlquiz.cli import (
    bank_cmds,
    card_cmds,
    deck_cmds,
    exam_cmds,
    interop_cmds,
    notes_cmds,
    optimize_cmds,
    plan_cmds,
    questions_cmds,
    serve_cmds,
    stats_cmds,
    study_cmds,
)
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
        help="The bank: a SQLite file, or postgresql://user@host/db.")] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")]
    = False,
) -> None:
    """With no command, start today's study session."""
    ctx.obj = GlobalOptions(db=db)
    if ctx.invoked_subcommand is None:
        study_cmds.study_cmd(ctx)


notes_cmds.register(app)
deck_cmds.register(app)
card_cmds.register(app)
questions_cmds.register(app)
study_cmds.register(app)
bank_cmds.register(app)
exam_cmds.register(app)
stats_cmds.register(app)
optimize_cmds.register(app)
plan_cmds.register(app)
interop_cmds.register(app)
serve_cmds.register(app)


def _one_line_usage_errors() -> None:
    """Click answers a bad argument with its usage text and a boxed error over several
    lines; dlquiz promises one sentence on stderr (and exit code 2) for every bad input,
    so usage errors are shown that way too, with the help command to run."""
    # typer vendors click; its UsageError is BadParameter's base class, whatever the module
    usage_error = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")

    def show(self: Any, file: object = None) -> None:
        ctx = getattr(self, "ctx", None)
        where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        message = self.format_message().rstrip(".")
        typer.echo(f"dlquiz: {message}{where}.", err=True)

    setattr(usage_error, "show", show)  # noqa: B010  (a class attribute mypy cannot see)


_one_line_usage_errors()


def main() -> None:
    app()
