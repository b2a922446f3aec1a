"""The plan as text: the target, the countdown with the expected recall on the day, the
new-card rate and what it cannot reach, and the weakest topics, decks and kinds."""

from __future__ import annotations

from typing import Any

from dlquiz.srs.deadline import LAST_WEEK
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe

SHOWN = 8


def pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def countdown(forecast: Any, lang: str) -> str:
    """"距面试 39 天 · 预计当天记得 82%": the study screen's header says the same."""
    return label(lang, "plan_line", days=forecast.days_left, recall=pct(forecast.recall))


def plan_lines(targets: list[Any], target: Any, forecast: Any, lang: str) -> list[str]:
    scope = " · ".join(safe(s) for s in (target.deck, target.topic) if s) or \
        label(lang, "plan_all")
    lines = [label(lang, "plan_target", date=target.interview.isoformat(), scope=scope,
                   minutes=target.minutes_per_day)]
    others = [t.interview.isoformat() for t in targets if not t.active]
    if others:
        lines.append(label(lang, "plan_others", dates=", ".join(others)))
    if forecast is None:
        return lines
    lines.append(countdown(forecast, lang))
    lines.append(label(lang, "plan_new", n=forecast.rate.per_day, covered=forecast.rate.covered))
    if forecast.rate.uncovered:
        lines.append(label(lang, "plan_uncovered", minutes=target.minutes_per_day,
                           n=forecast.rate.uncovered))
    if 0 < forecast.days_left <= LAST_WEEK:
        lines.append(label(lang, "plan_mock"))
    return lines


def print_plan(targets: list[Any], target: Any, forecast: Any, lang: str) -> None:
    from dlquiz.cli.render import console
    from dlquiz.ui.charts import table

    out = console()
    for line in plan_lines(targets, target, forecast, lang):
        out.print(line)
    if forecast is None:
        return
    out.print("\n" + label(lang, "plan_groups"), style="bold")
    for head, groups in (("plan_group_head", forecast.by_topic),
                         ("plan_deck_head", forecast.by_deck)):
        rows = [[safe(g.name), str(g.cards), pct(g.recall), str(g.unseen)]
                for g in groups[:SHOWN]]
        if rows:
            out.print(table(rows, "lrrr", 78, header=label(lang, head).split("|")))
