"""`dlquiz decks [rename|delete]` and `dlquiz notes list|delete`: list, rename and delete
decks and notes. Every change is one entry of the undo journal (`dlquiz undo` takes it back)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from dlquiz.cli.common import NUMBERS_AS_ARGUMENTS, clean_errors, open_bank_for, print_json
from dlquiz.cli.questions_cmds import JsonOption

decks_app = typer.Typer(help="List the decks; rename or delete one.")
notes_app = typer.Typer(help="List the notes with their ids; delete some.",
                        no_args_is_help=True)
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")]


def confirm(question: str) -> None:
    """Ask on the terminal; anything but yes (or no terminal to ask on) deletes nothing."""
    try:
        agreed = typer.confirm(question, default=False, err=True)
    except typer.Abort:
        agreed = False
    if not agreed:
        typer.echo("\nnothing was deleted (--yes deletes without asking).", err=True)
        raise typer.Exit(1)


@decks_app.callback(invoke_without_command=True)
def decks_cmd(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the decks with their note counts."""
    if ctx.invoked_subcommand is not None:
        return
    from dlquiz.cli.render import print_decks
    from dlquiz.store.cards import list_decks

    bank = open_bank_for(ctx)
    with clean_errors():
        decks = list_decks(bank)
    if as_json:
        print_json([d.to_dict() for d in decks])
    else:
        print_decks(decks)


@decks_app.command("rename")
def rename_cmd(ctx: typer.Context,
               old: Annotated[str, typer.Argument(metavar="OLD", help="The deck's name.")],
               new: Annotated[str, typer.Argument(metavar="NEW", help="Its new name.")]) -> None:
    """Rename a deck (its notes, cards and history stay as they are)."""
    from dlquiz.store.decks import rename_deck
    from dlquiz.ui.terminal import safe

    bank = open_bank_for(ctx)
    with clean_errors():
        rename_deck(bank, old, new, datetime.now(UTC))
    typer.echo(f"renamed deck '{safe(old)}' to '{safe(new.strip())}' (`dlquiz undo` takes it "
               "back).")


@decks_app.command("delete")
def delete_deck_cmd(ctx: typer.Context,
                    name: Annotated[str, typer.Argument(metavar="NAME", help="The deck.")],
                    yes: YesOption = False) -> None:
    """Delete a deck with its notes, cards and their history (a backup is made first, and
    `dlquiz undo` puts everything back)."""
    from dlquiz.store.decks import deck_counts, delete_deck
    from dlquiz.ui.terminal import safe

    bank = open_bank_for(ctx)
    with clean_errors():
        notes, ratings = deck_counts(bank, name)
    if not yes:
        confirm(f"delete deck '{safe(name)}' with its {notes} notes and {ratings} ratings?")
    with clean_errors():
        removed = delete_deck(bank, name, datetime.now(UTC))
    where = f"; a copy from before is at {safe(removed.backup)}" if removed.backup else ""
    typer.echo(f"deleted deck '{safe(name)}': {removed.notes} notes, {removed.cards} cards, "
               f"{removed.reviews} ratings (`dlquiz undo` puts them back{where}).")


@notes_app.command("list")
def notes_cmd(ctx: typer.Context,
              deck: Annotated[str | None, typer.Option("--deck", help="Only this deck.")]
              = None,
              as_json: JsonOption = False) -> None:
    """List the notes (id, deck, number, title, status)."""
    from dlquiz.store.cards import list_notes
    from dlquiz.ui.terminal import safe

    bank = open_bank_for(ctx)
    with clean_errors():
        notes = list_notes(bank, deck=deck)
    if as_json:
        print_json([{"id": n.id, "deck": n.deck, "number": n.number, "title": n.title,
                     "status": n.status} for n in notes])
        return
    for note in notes:
        typer.echo(safe(f"{note.id:>6}  {note.deck}  {note.number or '-'}  {note.title}  "
                        f"({note.status})"))


@notes_app.command("delete", context_settings=NUMBERS_AS_ARGUMENTS)
def delete_notes_cmd(ctx: typer.Context,
                     ids: Annotated[list[int], typer.Argument(
                         metavar="ID…", help="Note ids, as `dlquiz notes list` shows them.")],
                     yes: YesOption = False) -> None:
    """Delete notes with their cards and history (`dlquiz undo` puts them back)."""
    from dlquiz.store.decks import delete_notes

    shown = ", ".join(str(i) for i in ids)
    if not yes:
        confirm(f"delete note(s) {shown} with their cards and history?")
    bank = open_bank_for(ctx)
    with clean_errors():
        removed = delete_notes(bank, ids, datetime.now(UTC))
    typer.echo(f"deleted {removed.notes} note(s), {removed.cards} card(s), {removed.reviews} "
               "rating(s) (`dlquiz undo` puts them back).")


def register(app: typer.Typer) -> None:
    """`decks`, and `notes list|delete`: added to a `notes` group another module registered
    before (its other commands stay), else as a group of their own."""
    app.add_typer(decks_app, name="decks")
    for group in app.registered_groups:
        if group.name == "notes" and group.typer_instance is not None:
            group.typer_instance.command("list")(notes_cmd)
            group.typer_instance.command("delete", context_settings=NUMBERS_AS_ARGUMENTS)(
                delete_notes_cmd)
            return
    app.add_typer(notes_app, name="notes")
