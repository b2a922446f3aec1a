"""The statistics report laid out as text: one (title, body) per section, the body a rich
Text of sentences, tables and charts that fits `width` cells. `dlquiz stats` prints it and
the statistics screen shows it, so both read the same. The order puts what helps on the
first day (today, mistakes, the weakest topics and kinds, what is due) before the long
distributions; a section with no data is one line."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text

from dlquiz.stats.report import StatsReport
from dlquiz.stats.reviews import RETENTION_PERIODS
from dlquiz.ui import stats_charts as charts
from dlquiz.ui.charts import columns, hbars, sparkline, table
from dlquiz.ui.labels import label
from dlquiz.ui.stats_words import (
    ago,
    empty_line,
    has_data,
    pct,
    ready_lines,
    ready_rows,
    ret,
    reviewed_topics,
    sentences,
)
from dlquiz.ui.terminal import safe

TOPICS_SHOWN = 12
MISTAKES_SHOWN = 10

Section = tuple[str, Text]


def sections(report: StatsReport, lang: str, width: int = 80,
             keys: Iterable[str] | None = None) -> list[Section]:
    """Every section (or those named) in order; one without data is its one line as the
    title, with an empty body."""
    wanted = SECTIONS.keys() if keys is None else set(keys)
    return [make(report, lang, width) if has_data(report, key)
            else (empty_line(key, lang), Text())
            for key, (make, _) in SECTIONS.items() if key in wanted]


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


def _ready(r: StatsReport, lang: str, width: int) -> Section:
    body = Text("\n".join(ready_lines(r, lang)) + "\n")
    rows = [[safe(name), *rest] for name, *rest in ready_rows(r)]
    body.append_text(table(rows, "lrrr", width, header=label(lang, "plan_group_head").split("|")))
    return label(lang, "sec_ready"), body


def _retention(r: StatsReport, lang: str, width: int) -> Section:
    rows = [[label(lang, f"ret_{name}"), ret(r.retention[name]["young"]),
             ret(r.retention[name]["mature"]), ret(r.retention[name]["total"])]
            for name in RETENTION_PERIODS]
    body = table(rows, "lrrr", width, header=label(lang, "retention_head").split("|"))
    body.append("\n" + label(lang, "desired", rate=pct(r.desired_retention)), style="dim")
    return label(lang, "sec_retention"), body


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
    seen = reviewed_topics(r)
    rows = [[safe(t.topic) + (label(lang, "skill_topic") if t.source == "skill" else ""),
             str(t.cards), pct(t.mature_share), pct(t.mean_retrievability), str(t.lapses)]
            for t in seen[:TOPICS_SHOWN]]
    body = table(rows, "lrrrr", width, header=label(lang, "topics_head").split("|"))
    rest = len(r.topics) - min(len(seen), TOPICS_SHOWN)
    if rest:
        body.append("\n" + label(lang, "topics_rest", n=rest), style="dim")
    return label(lang, "sec_topics"), body


def _skills(r: StatsReport, lang: str, width: int) -> Section:
    tried = sorted((s for s in r.skills if s.total),
                   key=lambda s: (s.accuracy if s.accuracy is not None else 1.0, -s.total))
    rows = [[safe(s.title or s.kind),
             "/".join(str(s.attempts[k]) for k in ("study", "practice", "exam")),
             pct(s.accuracy_recent), pct(s.accuracy), str(s.level or "—"),
             "—" if s.trend is None else f"{100 * s.trend:+.0f}%"] for s in tried]
    body = table(rows, "lrrrrr", width, header=label(lang, "skills_head").split("|"))
    untouched = len(r.skills) - len(tried)
    if untouched:
        body.append("\n" + label(lang, "skills_untouched", n=untouched), style="dim")
    return label(lang, "sec_skills"), body


def _mistakes(r: StatsReport, lang: str, width: int) -> Section:
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
    percents = [s.percent for s in e.scores]
    body = columns(percents, width, height=4, unit=label(lang, "unit_score"),
                   labels=(e.scores[0].started_at.strftime("%m-%d"),
                           e.scores[-1].started_at.strftime("%m-%d")))
    body.append("\n" + label(lang, "exams_line", n=len(percents), last=f"{percents[-1]:.0f}%",
                             best=f"{max(percents):.0f}%") + "\n")
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
    "sec_today": (_today, ("period",)), "sec_mistakes": (_mistakes, ("practice",)),
    "sec_topics": (_topics, ("memory",)), "sec_skills": (_skills, ("practice",)),
    "sec_forecast": (charts.forecast, ("forecast", "memory")),
    "sec_ready": (_ready, ("ready",)),
    "sec_calendar": (charts.calendar, ("calendar",)),
    "sec_reviews": (charts.reviews, ("period",)), "sec_counts": (charts.counts, ("memory",)),
    "sec_intervals": (charts.intervals, ("memory",)),
    "sec_stability": (charts.stability, ("memory",)),
    "sec_difficulty": (charts.difficulty, ("memory",)),
    "sec_recall": (charts.recall, ("memory",)), "sec_retention": (_retention, ("retention",)),
    "sec_hours": (charts.hours, ("period",)), "sec_buttons": (_buttons, ("period",)),
    "sec_exams": (_exams, ("practice",)), "sec_calibration": (_calibration, ("calibration",)),
}
HEADING_PART = "calendar"


def as_text(report: StatsReport, lang: str, width: int = 80) -> Text:
    """The whole report as one Text (what `dlquiz stats` prints)."""
    out = heading(report, lang)
    for title, body in sections(report, lang, width):
        if not body:
            out.append(f"\n\n{title}", style="dim")
            continue
        out.append(f"\n\n{title}\n", style="bold underline")
        out.append_text(body)
    return out
