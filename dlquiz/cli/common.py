"""Shared plumbing for commands: the global options, clean errors, and JSON output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from dlquiz.store.bank import Bank

USER_ERROR_EXIT = 2
# for commands whose arguments may be negative numbers (`config new_per_day -1`, ids):
# `-1` is then read as the argument it is instead of an unknown option
NUMBERS_AS_ARGUMENTS = {"ignore_unknown_options": True}


@dataclass
class GlobalOptions:
    db: str | None = None


def options(ctx: typer.Context) -> GlobalOptions:
    root = ctx.find_root()
    if isinstance(root.obj, GlobalOptions):
        return root.obj
    return GlobalOptions()


def fail(message: str, code: int = USER_ERROR_EXIT) -> typer.Exit:
    """Print one sentence to stderr and return the Exit to raise."""
    from dlquiz.ui.terminal import safe

    typer.echo(f"dlquiz: {safe(message)}", err=True)
    return typer.Exit(code)


def user_errors() -> tuple[type[Exception], ...]:
    """The exception types that mean "bad input or an unusable bank": one sentence, exit 2.
    The question errors are only looked up when the engine is already loaded: importing it
    just to test an exception would cost numpy's import time on every command."""
    from dlquiz.notes.errors import NotesError
    from dlquiz.store.schema import BankError, InputError

    types: list[type[Exception]] = [NotesError, BankError, InputError]
    if "engine.questions" in sys.modules:
        from engine.questions import QuestionError

        types.append(QuestionError)
    return tuple(types)


@contextmanager
def clean_errors() -> Iterator[None]:
    """Turn a user error raised inside a command into one line on stderr and exit code 2."""
    try:
        yield
    except Exception as exc:
        if isinstance(exc, user_errors()):
            raise fail(str(exc)) from None
        if "sqlalchemy" in sys.modules:  # a driver error that escaped the store's translation
            from sqlalchemy.exc import DBAPIError

            from dlquiz.store.bank import explain_db_error

            if isinstance(exc, DBAPIError):
                raise fail(str(explain_db_error("the bank", exc))) from None
        raise


def open_bank_for(ctx: typer.Context) -> Bank:
    """The bank named by --db / DLQUIZ_DB / DLQUIZ_HOME, created and seeded on first use."""
    from dlquiz.srs.setup import open_study_bank  # deferred: sqlalchemy is heavy

    with clean_errors():
        bank = open_study_bank(options(ctx).db)
    if bank.created:
        from dlquiz.store.bank import server_of, sqlite_path
        from dlquiz.ui.terminal import safe

        where = sqlite_path(bank.url) or server_of(bank.url)
        typer.echo(f"dlquiz: created a new bank at {safe(str(where))}", err=True)
    return bank


def print_json(data: Any) -> None:
    from dlquiz.ui.terminal import safe_json

    typer.echo(safe_json(data))
