"""`dlquiz stats`: progress in the terminal (charts drawn with text), as JSON with every
number behind every chart, as one self-contained HTML page, or as the statistics screen."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dlquiz.cli.common import clean_errors, open_bank_for, print_json
from dlquiz.cli.questions_cmds import JsonOption, Lang, LangOption

if TYPE_CHECKING:
    from dlquiz.stats.service import StatsService

PeriodOption = Annotated[str, typer.Option(
    "--period", metavar="1m|3m|1y|all",
    help="How far back reviews, hours and buttons look (and how far ahead the forecast).")]
MIN_WIDTH, MAX_WIDTH = 60, 100


def stats_service(ctx: typer.Context) -> StatsService:
    from dlquiz.stats.service import StatsService  # deferred: sqlalchemy

    return StatsService(open_bank_for(ctx))


def stats_cmd(
    ctx: typer.Context,
    deck: Annotated[str | None, typer.Option("--deck", help="Only this deck.")] = None,
    topic: Annotated[str | None, typer.Option(
        "--topic", help="Only this topic (a note topic or a skill topic such as conv).")]
    = None,
    period: PeriodOption = "1m",
    as_json: JsonOption = False,
    html: Annotated[Path | None, typer.Option(
        "--html", metavar="FILE", help="Write one self-contained HTML page with SVG charts.")]
    = None,
    tui: Annotated[bool, typer.Option("--tui", help="Open the statistics screen.")] = False,
    lang: LangOption = Lang.zh,
) -> None:
    """Progress: today, the forecast, the calendar, reviews, card counts, memory, true
    retention, hours, buttons, topics, question kinds, mistakes, exams and calibration."""
    from dlquiz.stats.clock import parse_period  # deferred: checked before opening the bank

    with clean_errors():
        parse_period(period)
        if html is not None:
            _check_target(html)
    service = stats_service(ctx)
    if tui:
        from dlquiz.tui.app.stats_app import run_stats_app

        with clean_errors():
            service.scope(deck, topic)
        run_stats_app(service, lang.value, period=period, deck=deck, topic=topic)
        return
    with clean_errors():
        report = service.report(period, deck, topic, lang.value)
    if html is not None:
        from dlquiz.ui.stats_html import page

        _write(html, page(report, lang.value))
        typer.echo(str(html))
    elif as_json:
        from dlquiz.stats.report import to_dict

        print_json(to_dict(report))
    else:
        _print(report, lang.value)


def _check_target(path: Path) -> None:
    from dlquiz.store.schema import InputError

    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the name of the HTML file to write.")
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: no such folder; create it or write the page "
                         "elsewhere.")


def _write(path: Path, text: str) -> None:
    """Whole or not at all: the page goes to a temporary file renamed over the target."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        from dlquiz.cli.common import fail

        raise fail(f"{path}: cannot write the page ({exc.strerror}).") from None


def _print(report: object, lang: str) -> None:
    from rich.console import Console  # deferred: only the text output needs it

    from dlquiz.stats.report import StatsReport
    from dlquiz.ui import cjk
    from dlquiz.ui.stats_text import as_text

    assert isinstance(report, StatsReport)
    cjk.install_rich()  # sentences wrap between Chinese characters too
    columns = shutil.get_terminal_size((80, 24)).columns
    width = min(max(columns, MIN_WIDTH), MAX_WIDTH)
    console = Console(width=width, highlight=False, soft_wrap=False)
    # the charts are laid out for the width; a sentence longer than it wraps
    console.print(as_text(report, lang, width - 1), crop=False, overflow="fold")


def register(app: typer.Typer) -> None:
    app.command("stats")(stats_cmd)
