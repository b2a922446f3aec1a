"""The statistics report laid out as text: one (title, body) per section, the body a rich
Text of sentences, tables and charts that fits `width` cells. `dlquiz stats` prints it and
the statistics screen shows it, so both read the same."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text

from dlquiz.stats.report import StatsReport
from dlquiz.stats.reviews import RETENTION_PERIODS, Retention
from dlquiz.store.stats_records import REVIEW_KINDS
from dlquiz.ui.charts import columns, hbars, heatmap, sparkline, table
from dlquiz.ui.labels import label
from dlquiz.ui.terminal import safe

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
             "Dec")
COUNT_KEYS = ("new", "learning", "relearning", "young", "mature", "suspended", "buried",
              "leech")
TOPICS_SHOWN = 12
MISTAKES_SHOWN = 10


def pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def duration(seconds: float, lang: str) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if lang == "zh":
        if hours:
            return f"{hours} 小时 {minutes} 分"
        return f"{minutes} 分 {secs} 秒" if minutes else f"{secs} 秒"
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {secs:02d}s" if minutes else f"{secs}s"


Section = tuple[str, Text]


def sentences(r: StatsReport, lang: str) -> dict[str, list[str]]:
    """The sentences of each section (by its label key), for the terminal and the page."""
    t, c, m, p = r.today, r.calendar, r.memory, r.parameters
    total_reviews = sum(sum(r.per_day[k]) for k in REVIEW_KINDS)
    found = {
        "sec_today": [
            label(lang, "today_line", reviews=t.reviews, cards=t.cards,
                  time=duration(t.seconds, lang),
                  pace=duration(t.seconds_per_card, lang) if t.seconds_per_card is not None
                  else "—", again=t.again, rate=pct(t.pass_rate)),
            label(lang, "today_split", **{k: v.reviews for k, v in t.by_kind.items()})],
        "sec_forecast": [label(lang, "forecast_line", days=len(r.forecast),
                               total=sum(r.forecast), today=r.forecast[0], overdue=r.overdue,
                               load=num(r.daily_load))],
        "sec_calendar": [label(lang, "calendar_line", current=c.current_streak,
                               longest=c.longest_streak, studied=c.days_studied, days=c.days,
                               share=pct(c.share_studied), average=num(c.daily_average),
                               on_days=num(c.average_on_study_days))],
        "sec_reviews": [label(lang, "reviews_line", total=int(total_reviews),
                              time=duration(sum(r.per_day["seconds"]), lang),
                              added=sum(r.notes_added))],
        "sec_counts": [f"{label(lang, 'total')} {r.counts.total}" + _excluded(r, lang)],
        "sec_recall": [label(lang, "knowledge_line", knowledge=num(m.knowledge),
                             reviewed=m.reviewed,
                             mean=pct(m.knowledge / m.reviewed if m.reviewed else None))],
        "sec_calibration": [label(lang, "calibration_line", n=r.calibration.reviews,
                                  loss=num(r.log_loss, 4),
                                  rmse=num(r.calibration.rmse_bins, 4)), _parameters(r, lang)],
    }
    if p.advice:
        found["sec_calibration"].append(label(lang, f"fit_{p.advice}", n=p.study_reviews))
    return found


def _parameters(r: StatsReport, lang: str) -> str:
    p = r.parameters
    if p.fitted and p.fit is not None:
        return label(lang, "params_fitted", date=p.fit.fitted_at.date().isoformat(),
                     n=p.fit.reviews)
    line = label(lang, "params_default")
    if p.fit is not None and not p.fit.kept:
        line += "; " + label(lang, "params_not_kept", date=p.fit.fitted_at.date().isoformat())
    return line


def sections(report: StatsReport, lang: str, width: int = 80,
             keys: Iterable[str] | None = None) -> list[Section]:
    """Every section (or those named), in the order of Anki's statistics page, then what
    only dlquiz has."""
    wanted = SECTIONS.keys() if keys is None else set(keys)
    return [make(report, lang, width) for key, (make, _) in SECTIONS.items() if key in wanted]


def heading(report: StatsReport, lang: str) -> Text:
    scope = [label(lang, f"period_{report.period}")]
    scope.append(f"{label(lang, 'deck')} {safe(report.deck)}" if report.deck
                 else label(lang, "all_decks"))
    if report.topic:
        scope.append(f"{label(lang, 'topic')} {safe(report.topic)}")
    text = Text(label(lang, "stats_title"), style="bold")
    text.append(" · " + " · ".join(scope) + f" · {report.today_date} ({report.time_zone})",
                style="dim")
    if report.no_reviews:
        text.append("\n" + label(lang, "no_reviews"), style="italic")
    return text


def _today(r: StatsReport, lang: str, width: int) -> Section:
    return label(lang, "sec_today"), Text("\n".join(sentences(r, lang)["sec_today"]))


def _date_labels(r: StatsReport, first: int, last: int) -> tuple[str, str]:
    return (r.date_of(first).strftime("%m-%d"), r.date_of(last).strftime("%m-%d"))


def _forecast(r: StatsReport, lang: str, width: int) -> Section:
    days = len(r.forecast)
    body = columns(r.forecast, width, labels=_date_labels(r, 0, days - 1))
    body.append("\n" + sentences(r, lang)["sec_forecast"][0])
    return label(lang, "sec_forecast"), body


def _calendar(r: StatsReport, lang: str, width: int) -> Section:
    c = r.calendar
    names = label(lang, "weekdays").split("|")
    months = {m: label(lang, "month", m=m, name=MONTHS_EN[m - 1]) for m in range(1, 13)}
    body = heatmap(r.date_of(c.first), c.reviews, names, months)
    body.append("\n" + sentences(r, lang)["sec_calendar"][0])
    return label(lang, "sec_calendar"), body


def _reviews(r: StatsReport, lang: str, width: int) -> Section:
    daily = [sum(r.per_day[k][i] for k in REVIEW_KINDS)
             for i in range(len(r.per_day["seconds"]))]
    body = columns(daily, width, labels=_date_labels(r, r.period_first, 0))
    minutes = [s / 60 for s in r.per_day["seconds"]]
    spark_width = max(width - 16, 10)
    body.append(f"\n{label(lang, 'time_per_day')}  ", style="dim")
    body.append(sparkline(_squeeze(minutes, spark_width)))
    body.append(f"\n{label(lang, 'notes_added')}  ", style="dim")
    body.append(sparkline(_squeeze([float(n) for n in r.notes_added], spark_width)))
    body.append("\n" + sentences(r, lang)["sec_reviews"][0])
    return label(lang, "sec_reviews"), body


def _excluded(r: StatsReport, lang: str) -> str:
    """The cards outside the counts (stats_records.EXCLUDED), when there are any."""
    c = r.counts
    if not (c.retired or c.shadowed):
        return ""
    return " " + label(lang, "counts_excluded", retired=c.retired, shadowed=c.shadowed)


def _squeeze(values: list[float], width: int) -> list[float]:
    if len(values) <= width:
        return values
    size = -(-len(values) // width)
    return [sum(values[i:i + size]) for i in range(0, len(values), size)]


def _counts(r: StatsReport, lang: str, width: int) -> Section:
    total = r.counts.total
    rows = [(label(lang, f"state_{k}"), float(getattr(r.counts, k)),
             f"{getattr(r.counts, k)} ({pct(getattr(r.counts, k) / total if total else None)})")
            for k in COUNT_KEYS]
    body = hbars(rows, width)
    body.append("\n" + sentences(r, lang)["sec_counts"][0])
    return label(lang, "sec_counts"), body


def _histogram(title: str, buckets: list[str], counts: tuple[int, ...], width: int) -> Section:
    rows = [(name, float(n), str(n)) for name, n in zip(buckets, counts, strict=True)]
    return title, hbars(rows, width)


def _intervals(r: StatsReport, lang: str, width: int) -> Section:
    from dlquiz.stats.memory import day_labels

    return _histogram(label(lang, "sec_intervals"), day_labels(), r.memory.intervals, width)


def _stability(r: StatsReport, lang: str, width: int) -> Section:
    from dlquiz.stats.memory import day_labels

    return _histogram(label(lang, "sec_stability"), day_labels(), r.memory.stability, width)


def _difficulty(r: StatsReport, lang: str, width: int) -> Section:
    from dlquiz.stats.memory import tenth_labels

    return _histogram(label(lang, "sec_difficulty"), tenth_labels(), r.memory.difficulty,
                      width)


def _recall(r: StatsReport, lang: str, width: int) -> Section:
    from dlquiz.stats.memory import tenth_labels

    title, body = _histogram(label(lang, "sec_recall"), tenth_labels(),
                             r.memory.retrievability, width)
    body.append("\n" + sentences(r, lang)["sec_recall"][0])
    return title, body


def ret(cell: Retention) -> str:
    return f"{pct(cell.rate)} ({cell.passed}/{cell.total})" if cell.total else "—"


def _retention(r: StatsReport, lang: str, width: int) -> Section:
    rows = [[label(lang, f"ret_{name}"), ret(r.retention[name]["young"]),
             ret(r.retention[name]["mature"]), ret(r.retention[name]["total"])]
            for name in RETENTION_PERIODS]
    body = table(rows, "lrrr", width, header=label(lang, "retention_head").split("|"))
    body.append("\n" + label(lang, "desired", rate=pct(r.desired_retention)), style="dim")
    return label(lang, "sec_retention"), body


def _hours(r: StatsReport, lang: str, width: int) -> Section:
    rates = [h[1] / h[0] if h[0] else None for h in r.hourly]
    body = columns([float(h[0]) for h in r.hourly], width, height=5, labels=("0h", "23h"),
                   under=list(sparkline(rates, 0.0, 1.0)), under_label="%")
    body.append("\n" + label(lang, "hours_line"), style="dim")
    return label(lang, "sec_hours"), body


def _buttons(r: StatsReport, lang: str, width: int) -> Section:
    rows = []
    for group, presses in r.buttons.items():
        total = sum(presses.values())
        rows.append([label(lang, f"btn_{group}"),
                     *(pct(n / total if total else None) for n in presses.values()),
                     str(total)])
    return label(lang, "sec_buttons"), table(rows, "lrrrrr", width,
                                             header=label(lang, "buttons_head").split("|"))


def _topics(r: StatsReport, lang: str, width: int) -> Section:
    rows = [[safe(t.topic) + (label(lang, "skill_topic") if t.source == "skill" else ""),
             str(t.cards), pct(t.mature_share), pct(t.mean_retrievability), str(t.lapses)]
            for t in r.topics[:TOPICS_SHOWN]]
    body = table(rows, "lrrrr", width, header=label(lang, "topics_head").split("|"))
    if len(r.topics) > TOPICS_SHOWN:
        body.append(f"\n… {len(r.topics) - TOPICS_SHOWN}", style="dim")
    return label(lang, "sec_topics"), body


def _skills(r: StatsReport, lang: str, width: int) -> Section:
    tried = [s for s in r.skills if s.total]
    if not tried:
        return label(lang, "sec_skills"), Text(label(lang, "no_skills"), style="dim")
    rows = [[safe(s.title or s.kind),
             "/".join(str(s.attempts[k]) for k in ("study", "practice", "exam")),
             pct(s.accuracy_recent), pct(s.accuracy), str(s.level or "—"),
             "—" if s.trend is None else f"{100 * s.trend:+.0f}%"] for s in tried]
    body = table(rows, "lrrrrr", width, header=label(lang, "skills_head").split("|"))
    untouched = len(r.skills) - len(tried)
    if untouched:
        body.append("\n" + label(lang, "skills_untouched", n=untouched), style="dim")
    return label(lang, "sec_skills"), body


def ago(days: int, lang: str) -> str:
    return label(lang, "today_word") if days <= 0 else label(lang, "days_ago", n=days)


def _mistakes(r: StatsReport, lang: str, width: int) -> Section:
    if not r.mistakes:
        return label(lang, "sec_mistakes"), Text(label(lang, "no_mistakes"), style="dim")
    body = Text()
    for m in r.mistakes[:MISTAKES_SHOWN]:
        body.append(label(lang, "mistake_line", name=safe(m.name), count=m.count,
                          ago=ago(m.days_ago, lang)))
        body.append("  " + sparkline([float(n) for n in m.weekly]) + "\n", style="cyan")
        body.append("  " + label(lang, "mistake_kinds", kinds=", ".join(m.kinds)) + "\n",
                    style="dim")
    body.rstrip()
    return label(lang, "sec_mistakes"), body


def _exams(r: StatsReport, lang: str, width: int) -> Section:
    e = r.exams
    if not e.scores:
        return label(lang, "sec_exams"), Text(label(lang, "no_exams"), style="dim")
    percents = [s.percent for s in e.scores]
    body = Text(label(lang, "exams_line", n=len(percents), last=f"{percents[-1]:.0f}%",
                      best=f"{max(percents):.0f}%") + "  ")
    body.append(sparkline(percents[-(width - 30):]) + "\n", style="cyan")
    specs = [[safe(s.name), str(len(s.percents)), f"{s.mean:.0f}%", f"{max(s.percents):.0f}%",
              f"{s.percents[-1]:.0f}%"] for s in e.by_spec]
    body.append_text(table(specs, "lrrrr", width,
                           header=label(lang, "exams_spec_head").split("|")))
    if e.by_topic:
        topics = [[safe(t), str(n), "—" if p is None else f"{p:.0f}%"] for t, n, p in e.by_topic]
        body.append("\n")
        body.append_text(table(topics, "lrr", width,
                               header=label(lang, "exams_topic_head").split("|")))
    return label(lang, "sec_exams"), body


def _calibration(r: StatsReport, lang: str, width: int) -> Section:
    c = r.calibration
    rows = [(f"{5 * i}-{5 * (i + 1)}%", float(n),
             label(lang, "calibration_bin", pred=pct(c.predicted[i]), obs=pct(c.observed[i])))
            for i, n in enumerate(c.counts) if n]
    body = hbars(rows, width) if rows else Text()
    if rows:
        body.append("\n")
    said = sentences(r, lang)["sec_calibration"]
    body.append("\n".join(said[:2]))
    if len(said) > 2:
        body.append("\n" + said[2], style="yellow")
    return label(lang, "sec_calibration"), body


Maker = Callable[[StatsReport, str, int], Section]
# every section by its title's label, in order, with the parts of the report it reads
# (stats/parts.py); the heading reads the calendar's (whether there are reviews at all)
SECTIONS: dict[str, tuple[Maker, tuple[str, ...]]] = {
    "sec_today": (_today, ("period",)), "sec_forecast": (_forecast, ("forecast", "memory")),
    "sec_calendar": (_calendar, ("calendar",)), "sec_reviews": (_reviews, ("period",)),
    "sec_counts": (_counts, ("memory",)), "sec_intervals": (_intervals, ("memory",)),
    "sec_stability": (_stability, ("memory",)), "sec_difficulty": (_difficulty, ("memory",)),
    "sec_recall": (_recall, ("memory",)), "sec_retention": (_retention, ("retention",)),
    "sec_hours": (_hours, ("period",)), "sec_buttons": (_buttons, ("period",)),
    "sec_topics": (_topics, ("memory",)), "sec_skills": (_skills, ("practice",)),
    "sec_mistakes": (_mistakes, ("practice",)), "sec_exams": (_exams, ("practice",)),
    "sec_calibration": (_calibration, ("calibration",)),
}
HEADING_PART = "calendar"


def as_text(report: StatsReport, lang: str, width: int = 80) -> Text:
    """The whole report as one Text (what `dlquiz stats` prints)."""
    out = heading(report, lang)
    for title, body in sections(report, lang, width):
        out.append(f"\n\n{title}\n", style="bold underline")
        out.append_text(body)
    return out

