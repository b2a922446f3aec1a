"""`dlquiz study` (the TUI), `due`, `review next|rate`, `undo`, `suspend`, `unsuspend`,
`bury`, `unbury`, `config`: the study session, and the same services for scripts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dlquiz.cli.common import NUMBERS_AS_ARGUMENTS, clean_errors, open_bank_for, print_json
from dlquiz.cli.questions_cmds import JsonOption, Lang, LangOption

if TYPE_CHECKING:
    from dlquiz.srs.service import StudyService

DeckOption = Annotated[str | None, typer.Option("--deck", help="Only this deck.")]
TopicOption = Annotated[str | None, typer.Option(
    "--topic", help="Only this topic (a note topic or a skill topic such as conv).")]
NotesOnly = Annotated[bool, typer.Option("--notes-only", help="Only note cards.")]
SkillsOnly = Annotated[bool, typer.Option("--skills-only", help="Only skill cards.")]
Drafts = Annotated[bool, typer.Option("--include-drafts", help="Study draft notes too.")]

review_app = typer.Typer(help="Study from scripts: show the next card, record a rating.",
                         no_args_is_help=True)


def make_service(ctx: typer.Context, *, deck: str | None = None, topic: str | None = None,
                 notes_only: bool = False, skills_only: bool = False,
                 include_drafts: bool = False, lang: str = "zh") -> StudyService:
    from dlquiz.srs.service import StudyService
    from dlquiz.store.schema import QueueFilter

    bank = open_bank_for(ctx)
    filters = QueueFilter(deck=deck, topic=topic, notes_only=notes_only,
                          skills_only=skills_only, include_drafts=include_drafts)
    if deck is not None:
        from dlquiz.store.cards import require_deck

        with clean_errors():
            require_deck(bank, deck)
    return StudyService(bank, filters=filters, lang=lang)


def study_cmd(ctx: typer.Context, deck: DeckOption = None, topic: TopicOption = None,
              notes_only: NotesOnly = False, skills_only: SkillsOnly = False,
              include_drafts: Drafts = False, lang: LangOption = Lang.zh) -> None:
    """Today's study session in the terminal (the default command)."""
    from dlquiz.tui.app.study_app import make_app

    # the skill cards are kept in step by open_study_bank (its stamp covers the kinds), so
    # the question engine (numpy) is loaded only when a skill card is shown
    service = make_service(ctx, deck=deck, topic=topic, notes_only=notes_only,
                           skills_only=skills_only, include_drafts=include_drafts,
                           lang=lang.value)
    app = make_app(service)
    app.run()
    if app.return_code:
        raise typer.Exit(app.return_code)


def due_cmd(ctx: typer.Context, deck: DeckOption = None, as_json: JsonOption = False) -> None:
    """How many cards are due now, later today and tomorrow."""
    service = make_service(ctx, deck=deck)
    with clean_errors():
        forecast = service.forecast()
    if as_json:
        print_json(forecast.to_dict())
        return
    nxt = forecast.next_due.astimezone().strftime("%Y-%m-%d %H:%M") if forecast.next_due else "-"
    typer.echo(f"due now: {forecast.now}  (+{forecast.new_available} new)\n"
               f"later today: {forecast.later_today}\ntomorrow: {forecast.tomorrow}\n"
               f"next scheduled card: {nxt}")


@review_app.command("next")
def review_next_cmd(ctx: typer.Context, deck: DeckOption = None, topic: TopicOption = None,
                    notes_only: NotesOnly = False, skills_only: SkillsOnly = False,
                    include_drafts: Drafts = False, lang: LangOption = Lang.zh,
                    as_json: JsonOption = False) -> None:
    """Show the next card (a skill card gets a fresh question, kept until it is rated)."""
    from dlquiz.cli.study_view import item_to_dict, print_item

    service = make_service(ctx, deck=deck, topic=topic, notes_only=notes_only,
                           skills_only=skills_only, include_drafts=include_drafts,
                           lang=lang.value)
    with clean_errors():
        item = service.next_item()
    if as_json:
        print_json(item_to_dict(item) if item else None)
    elif item is None:
        typer.echo("nothing due; `dlquiz due` shows when the next card comes.")
    else:
        print_item(item, lang.value)


@review_app.command("rate", context_settings=NUMBERS_AS_ARGUMENTS)
def review_rate_cmd(
    ctx: typer.Context,
    card: Annotated[int, typer.Argument(metavar="CARD", help="Card id from `review next`.")],
    rating: Annotated[str, typer.Argument(metavar="again|hard|good|easy")],
    answer: Annotated[str | None, typer.Option(
        "--answer", help="Your answer (required for skill cards; checked first).")] = None,
    version: Annotated[int | None, typer.Option(
        "--version", help="The card version `review next --json` showed; the rating is "
        "refused if the card changed since.")] = None,
    lang: LangOption = Lang.zh,
    as_json: JsonOption = False,
) -> None:
    """Record a rating; prints the new due time and interval (and the verdict for skills)."""
    from dlquiz.cli.study_view import print_rating
    from dlquiz.store.schema import parse_rating

    service = make_service(ctx, lang=lang.value)
    with clean_errors():
        result, verdict = service.rate(card, parse_rating(rating), answer=answer,
                                       expected_version=version)
    if as_json:
        data = result.to_dict()
        data["verdict"] = verdict.to_dict() if verdict else None
        print_json(data)
    else:
        print_rating(result, verdict, lang.value)


def undo_cmd(ctx: typer.Context) -> None:
    """Undo the most recent action: a rating, suspend, unsuspend, bury, unbury, an import,
    a deck rename or deletion, a note deletion (repeat to go further back)."""
    from dlquiz.cli.study_view import describe_action

    with clean_errors():
        undone = make_service(ctx).undo()
    if undone is None:
        typer.echo("nothing to undo.")
    else:
        typer.echo(f"undid {describe_action(undone)}.")


CardArg = Annotated[int, typer.Argument(
    metavar="ID", help="Card id, as `dlquiz cards` and `review next` show it.")]


def suspend_cmd(ctx: typer.Context, card: CardArg) -> None:
    """Suspend a card: it leaves the queue until unsuspended (`dlquiz undo` reverts)."""
    with clean_errors():
        changed = make_service(ctx).suspend(card)
    typer.echo(f"card {card} suspended." if changed else f"card {card} was already suspended.")


def unsuspend_cmd(ctx: typer.Context, card: CardArg) -> None:
    """Return a suspended card (or a leech, with a fresh allowance) to the queue."""
    with clean_errors():
        changed = make_service(ctx).unsuspend(card)
    typer.echo(f"card {card} unsuspended." if changed else f"card {card} was not suspended.")


def bury_cmd(ctx: typer.Context, card: CardArg) -> None:
    """Hide a card until the next study day (`dlquiz unbury` or `undo` reverts)."""
    with clean_errors():
        until = make_service(ctx).bury(card)
    typer.echo(f"card {card} buried until {until.astimezone():%Y-%m-%d %H:%M}.")


def unbury_cmd(ctx: typer.Context, card: CardArg) -> None:
    """Return a buried card to today's queue."""
    with clean_errors():
        changed = make_service(ctx).unbury(card)
    typer.echo(f"card {card} unburied." if changed else f"card {card} was not buried.")


def config_cmd(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Setting to show or change.")] = None,
    value: Annotated[str | None, typer.Argument(help="New value.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show or change study settings (desired_retention, new_per_day, learning_steps, …)."""
    from dataclasses import asdict

    from dlquiz.srs.settings import (
        load_settings,
        require_setting,
        save_settings,
        setting_names,
        with_setting,
    )

    with clean_errors():
        if name is not None:
            require_setting(name)  # a typo must not create a bank
    bank = open_bank_for(ctx)
    with clean_errors():
        settings = load_settings(bank)
        if name is not None and value is not None:
            settings = with_setting(settings, name, value)
            save_settings(bank, settings)
    data = {key: val for key, val in asdict(settings).items() if key in setting_names()}
    if name is not None:
        data = {name: data[name]}
    if as_json:
        print_json(data)
        return
    for key, val in data.items():
        shown = " ".join(str(v) for v in val) if isinstance(val, tuple) else val
        typer.echo(f"{key} = {shown}")


def register(app: typer.Typer) -> None:
    app.command("study")(study_cmd)
    app.command("due")(due_cmd)
    app.add_typer(review_app, name="review")
    app.command("undo")(undo_cmd)
    app.command("suspend", context_settings=NUMBERS_AS_ARGUMENTS)(suspend_cmd)
    app.command("unsuspend", context_settings=NUMBERS_AS_ARGUMENTS)(unsuspend_cmd)
    app.command("bury", context_settings=NUMBERS_AS_ARGUMENTS)(bury_cmd)
    app.command("unbury", context_settings=NUMBERS_AS_ARGUMENTS)(unbury_cmd)
    app.command("config", context_settings=NUMBERS_AS_ARGUMENTS)(config_cmd)
