"""`dlquiz cards`, `show`, `info`: the cards of the bank, one card's content, and its
scheduling state with its history. Every id here is a card id, the one `review next`, the
TUI, `suspend`, `unsuspend`, `bury`, `unbury` and `review rate` use too."""

from __future__ import annotations

from typing import Annotated

import typer

from dlquiz.cli.common import NUMBERS_AS_ARGUMENTS, clean_errors, open_bank_for, print_json
from dlquiz.cli.questions_cmds import JsonOption

CardId = Annotated[int, typer.Argument(
    metavar="ID", help="Card id, as `dlquiz cards` and `review next` show it.")]


def cards_cmd(
    ctx: typer.Context,
    deck: Annotated[str | None, typer.Option("--deck", help="Only this deck.")] = None,
    status: Annotated[str | None, typer.Option(
        "--status", help="Notes that are answered, partial or draft.")] = None,
    state: Annotated[str | None, typer.Option(
        "--state", help="new, learning, review, suspended, buried, leech or due.")] = None,
    card_type: Annotated[str | None, typer.Option(
        "--type", help="note, followup or skill.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Notes with this tag.")] = None,
    search: Annotated[str | None, typer.Option(
        "--search", help="Text in the question or answer.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List cards (id, deck, number, title, state, due, interval, lapses, flags): notes by
    question number with their follow-ups under them, then the question kinds."""
    from datetime import UTC, datetime

    from dlquiz.cli.card_view import print_cards
    from dlquiz.srs.browse import cards
    from dlquiz.store.cards import CardFilter

    bank = open_bank_for(ctx)
    with clean_errors():
        found = cards(bank, CardFilter(deck=deck, status=status, search=search, topic=topic,
                                       state=state, tag=tag, type=card_type), datetime.now(UTC))
    if as_json:
        print_json([c.to_dict() for c in found])
    else:
        print_cards(found)


def show_cmd(ctx: typer.Context, card: CardId,
             as_json: Annotated[bool, typer.Option("--json", help="Raw markdown as JSON.")]
             = False) -> None:
    """Show one card: the question, answer (formulas as Unicode), references and
    follow-ups; a draft or partial note also shows the built-in answer to the question."""
    from dlquiz.cli.card_view import content_dict, print_content
    from dlquiz.srs.browse import content

    bank = open_bank_for(ctx)
    with clean_errors():
        found = content(bank, card)
    if as_json:
        print_json(content_dict(found))
    else:
        print_content(found)


def info_cmd(ctx: typer.Context, card: CardId, as_json: JsonOption = False) -> None:
    """Scheduling state of one card (stability, difficulty, retrievability now, due,
    interval, reps, lapses) and its review history."""
    from datetime import UTC, datetime

    from dlquiz.cli.card_view import info_dict, print_info
    from dlquiz.srs.browse import report
    from dlquiz.srs.settings import load_settings

    bank = open_bank_for(ctx)
    now = datetime.now(UTC)
    with clean_errors():
        found = report(bank, card, load_settings(bank), now)
    if as_json:
        print_json(info_dict(found, now))
    else:
        print_info(found, now)


def register(app: typer.Typer) -> None:
    app.command("cards")(cards_cmd)
    app.command("show", context_settings=NUMBERS_AS_ARGUMENTS)(show_cmd)
    app.command("info", context_settings=NUMBERS_AS_ARGUMENTS)(info_cmd)
