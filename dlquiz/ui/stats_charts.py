"""The sections of the statistics that are charts (future due, calendar, reviews and time,
card counts, the four distributions, hours), laid out as text for `width` cells: each with
its unit over the axis and, where several series are drawn, a legend in the colours the
page uses too (ui/palette.py)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from dlquiz.stats.memory import day_labels, tenth_labels
from dlquiz.stats.report import StatsReport
from dlquiz.store.stats import REVIEW_KINDS
from dlquiz.ui.axis import time_unit
from dlquiz.ui.charts import Series, columns, hbars, heatmap, sparkline
from dlquiz.ui.labels import label
from dlquiz.ui.palette import KIND_COLOURS
from dlquiz.ui.stats_words import COUNT_KEYS, MONTHS_EN, pct, sentences

Section = tuple[str, Text]


def _date_labels(r: StatsReport, first: int, last: int) -> tuple[str, str]:
    return (r.date_of(first).strftime("%m-%d"), r.date_of(last).strftime("%m-%d"))


def _per_bin(lang: str) -> Callable[[int], str]:
    return lambda n: label(lang, "per_bin", n=n)


def forecast(r: StatsReport, lang: str, width: int) -> Section:
    days = len(r.forecast)
    body = columns([float(n) for n in r.forecast], width,
                   labels=_date_labels(r, 0, days - 1), unit=label(lang, "unit_cards"),
                   per_bin=_per_bin(lang), whole=True)
    body.append("\n" + sentences(r, lang)["sec_forecast"][0])
    return label(lang, "sec_forecast"), body


def calendar(r: StatsReport, lang: str, width: int) -> Section:
    c = r.calendar
    names = label(lang, "weekdays").split("|")
    months = {m: label(lang, "month", m=m, name=MONTHS_EN[m - 1]) for m in range(1, 13)}
    body = heatmap(r.date_of(c.first), c.reviews, names, months,
                   corner=label(lang, "month_corner"))
    body.append("\n" + sentences(r, lang)["sec_calendar"][0])
    return label(lang, "sec_calendar"), body


def review_series(r: StatsReport, lang: str) -> list[Series]:
    """The period's ratings a day, one series per kind, in Anki's colours."""
    return [Series(label(lang, f"kind_{k}"), r.per_day[k], KIND_COLOURS[k])
            for k in REVIEW_KINDS]


def reviews(r: StatsReport, lang: str, width: int) -> Section:
    dates = _date_labels(r, r.period_first, 0)
    body = columns(review_series(r, lang), width, labels=dates,
                   unit=label(lang, "unit_reviews"), per_bin=_per_bin(lang), whole=True)
    seconds = r.per_day["seconds"]
    if any(seconds):
        unit = time_unit(max(seconds))
        body.append(f"\n\n{label(lang, 'time_per_day')}\n", style="bold")
        body.append_text(columns(
            [s / unit.seconds for s in seconds], width, height=4, labels=dates,
            per_bin=_per_bin(lang),
            unit=label(lang, "unit_time", unit=label(lang, f"time_{unit.key}"))))
    if any(r.notes_added):
        body.append(f"\n\n{label(lang, 'notes_added')}\n", style="bold")
        body.append_text(columns([float(n) for n in r.notes_added], width, height=2,
                                 labels=dates, unit=label(lang, "unit_notes"),
                                 per_bin=_per_bin(lang), whole=True))
    body.append("\n" + sentences(r, lang)["sec_reviews"][0])
    return label(lang, "sec_reviews"), body


def counts(r: StatsReport, lang: str, width: int) -> Section:
    total = r.counts.total
    rows = [(label(lang, f"state_{k}"), float(getattr(r.counts, k)),
             f"{getattr(r.counts, k)} ({pct(getattr(r.counts, k) / total if total else None)})")
            for k in COUNT_KEYS]
    body = Text(label(lang, "unit_count") + "\n", style="dim")
    body.append_text(hbars(rows, width))
    body.append("\n" + sentences(r, lang)["sec_counts"][0])
    return label(lang, "sec_counts"), body


def _histogram(key: str, buckets: list[str], values: tuple[int, ...], lang: str,
               width: int) -> Section:
    rows = [(name, float(n), str(n)) for name, n in zip(buckets, values, strict=True)]
    body = Text(label(lang, "unit_count") + "\n", style="dim")
    body.append_text(hbars(rows, width))
    return label(lang, key), body


def intervals(r: StatsReport, lang: str, width: int) -> Section:
    return _histogram("sec_intervals", day_labels(), r.memory.intervals, lang, width)


def stability(r: StatsReport, lang: str, width: int) -> Section:
    return _histogram("sec_stability", day_labels(), r.memory.stability, lang, width)


def difficulty(r: StatsReport, lang: str, width: int) -> Section:
    return _histogram("sec_difficulty", tenth_labels(), r.memory.difficulty, lang, width)


def recall(r: StatsReport, lang: str, width: int) -> Section:
    title, body = _histogram("sec_recall", tenth_labels(), r.memory.retrievability, lang,
                             width)
    body.append("\n" + sentences(r, lang)["sec_recall"][0])
    return title, body


def hours(r: StatsReport, lang: str, width: int) -> Section:
    rates = [h[1] / h[0] if h[0] else None for h in r.hourly]
    body = columns([float(h[0]) for h in r.hourly], width, height=4, labels=("0h", "23h"),
                   unit=label(lang, "unit_hour"), under=list(sparkline(rates, 0.0, 1.0)),
                   under_label="%", whole=True)
    body.append("\n" + label(lang, "hours_line"), style="dim")
    return label(lang, "sec_hours"), body
