"""`dlquiz plan`: an interview date that the scheduler, the study screen and the statistics
work toward. `--interview DATE` sets the active target, `plan` alone shows it with the
forecast, `--clear` removes it (or one date's)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dlquiz.cli.common import clean_errors, open_bank_for, print_json
from dlquiz.cli.questions_cmds import JsonOption, Lang, LangOption


def plan_cmd(
    ctx: typer.Context,
    interview: Annotated[str | None, typer.Option(
        "--interview", metavar="DATE", help="The interview day, YYYY-MM-DD.")] = None,
    minutes: Annotated[int | None, typer.Option(
        "--minutes-per-day", help="Minutes a day you can study (default 45).")] = None,
    deck: Annotated[str | None, typer.Option("--deck", help="Only this deck.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic.")] = None,
    clear: Annotated[bool, typer.Option(
        "--clear", help="Remove the target (of --interview DATE, or all).")] = False,
    as_json: JsonOption = False,
    lang: LangOption = Lang.zh,
) -> None:
    """Set, show or clear the interview target and its forecast: expected recall on the
    day per topic, deck and question kind, and what the daily time cannot reach."""
    from dlquiz.srs.days import local_zone
    from dlquiz.srs.plan_service import PlanService
    from dlquiz.srs.service import utc_now
    from dlquiz.ui.labels import label

    bank = open_bank_for(ctx)
    plans = PlanService(bank, utc_now, local_zone())
    with clean_errors():
        if clear:
            removed = plans.clear(interview)
            if as_json:
                print_json({"removed": removed})
            else:
                typer.echo(label(lang.value, "plan_cleared", n=removed))
            return
        if interview is not None:
            plans.set(interview, minutes, deck, topic)
        elif minutes is not None or deck is not None or topic is not None:
            from dlquiz.cli.common import fail

            raise fail("--minutes-per-day, --deck and --topic go with --interview DATE.")
        target = plans.active()
        found = plans.forecast() if target is not None else None
    if as_json:
        print_json(_as_json(plans, target, found))
        return
    if target is None:
        typer.echo(label(lang.value, "plan_none"))
        return
    from dlquiz.cli.plan_view import print_plan

    print_plan(plans.targets(), target, found, lang.value)


def _as_json(plans: Any, target: Any, found: Any) -> dict[str, Any]:
    from dlquiz.srs.plan_forecast import to_dict

    return {"targets": [t.to_dict() for t in plans.targets()],
            "active": target.to_dict() if target is not None else None,
            "forecast": to_dict(found) if found is not None else None}


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_cmd)
