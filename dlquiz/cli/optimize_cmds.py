"""`dlquiz optimize`: fit FSRS's parameters to your own study reviews (fsrs-rs, in a child
process, with progress), keep them only if they predict your history better; `--reset`
returns to the defaults."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from dlquiz.cli.common import clean_errors, open_bank_for, print_json
from dlquiz.cli.questions_cmds import JsonOption, Lang, LangOption


class _Progress:
    """Phases on stderr: one line each when it is not a terminal, a line that keeps
    counting seconds while the fit runs when it is."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.live = sys.stderr.isatty()
        self.last = ""

    def __call__(self, phase: str, details: dict[str, Any]) -> None:
        from dlquiz.ui.labels import label

        words = {"history": ("opt_reading", {}), "reading": ("opt_reading", {}),
                 "fitting": ("opt_fitting", {"s": f"{details.get('seconds', 0):.0f}"}),
                 "evaluating": ("opt_evaluating", {})}
        key, values = words.get(phase, ("opt_reading", {}))
        line = label(self.lang, key, **values)
        if self.live:
            sys.stderr.write("\r" + line + "\033[K")
            sys.stderr.flush()
        elif line.split("…")[0] != self.last.split("…")[0]:
            sys.stderr.write(line + "\n")
        self.last = line

    def done(self) -> None:
        if self.live and self.last:
            sys.stderr.write("\r\033[K")


def optimize_cmd(
    ctx: typer.Context,
    reset: Annotated[bool, typer.Option("--reset", help="Return to FSRS's defaults.")] = False,
    as_json: JsonOption = False,
    lang: LangOption = Lang.zh,
) -> None:
    """Fit FSRS to your study reviews; keep the result only if its log loss is lower."""
    from dlquiz.srs import optimizer  # deferred: sqlalchemy
    from dlquiz.srs.days import local_zone
    from dlquiz.ui.labels import label

    bank = open_bank_for(ctx)
    if reset:
        with clean_errors():
            optimizer.reset(bank)
        if as_json:
            print_json({"reset": True})
        else:
            typer.echo(label(lang.value, "opt_reset"))
        return
    from datetime import UTC, datetime

    progress = _Progress(lang.value)
    try:
        with clean_errors():
            outcome = optimizer.optimize(bank, local_zone(), datetime.now(UTC), progress)
    finally:
        progress.done()
    if outcome is None:
        if as_json:
            print_json({"fitted": False, "reason": "no history"})
        else:
            typer.echo(label(lang.value, "opt_none"))
        return
    record = outcome.record
    if as_json:
        print_json(record.to_dict())
        return
    typer.echo(label(lang.value, "opt_items", items=record.items, reviews=record.reviews))
    typer.echo(_verdict(record, lang.value))


def _verdict(record: Any, lang: str) -> str:
    from dlquiz.ui.labels import label

    if record.scope == "defaults":
        return label(lang, "opt_defaults", items=record.items)
    numbers = {"before": f"{record.current.log_loss:.4f}",
               "after": f"{record.fitted.log_loss:.4f}",
               "rb": f"{record.current.rmse_bins:.4f}", "ra": f"{record.fitted.rmse_bins:.4f}"}
    line = label(lang, "opt_kept" if record.kept else "opt_rejected", **numbers)
    if record.scope == "initial stabilities":
        line = label(lang, "opt_initial", items=record.items) + "\n" + line
    return line


def register(app: typer.Typer) -> None:
    app.command("optimize")(optimize_cmd)
