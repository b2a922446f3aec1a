"""The statistics as one self-contained HTML page (`dlquiz stats --html FILE`): the same
sections in the same order as the terminal (a section without data is one line), with SVG
charts and HTML tables that fit a phone's width; no script, no network."""

from __future__ import annotations

import html
from collections.abc import Callable

from dlquiz.notes.html_safety import csp_meta
from dlquiz.stats.memory import day_labels, tenth_labels
from dlquiz.stats.report import StatsReport
from dlquiz.stats.reviews import RETENTION_PERIODS
from dlquiz.store.stats import REVIEW_KINDS
from dlquiz.ui import stats_text as st
from dlquiz.ui import stats_words as sw
from dlquiz.ui import svg
from dlquiz.ui.axis import time_unit
from dlquiz.ui.charts import Series
from dlquiz.ui.labels import label
from dlquiz.ui.palette import KIND_COLOURS
from dlquiz.ui.terminal import safe

CSS = """
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", sans-serif;
       max-width: 760px; margin: 2em auto; color: #222; line-height: 1.5; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.8em;
     border-bottom: 1px solid #ccc; }
.meta, .note { color: #666; font-size: 0.92em; }
table { border-collapse: collapse; margin: 0.5em 0; }
td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: right; }
td:first-child, th:first-child { text-align: left; }
svg.chart { display: block; margin: 0.8em 0; width: 100%; max-width: 640px; height: auto; }
.wide { overflow-x: auto; }
.empty { color: #888; margin: 0.4em 0; }
pre { white-space: pre-wrap; margin: 0.3em 0; font-family: inherit; }
@media (max-width: 600px) { body { margin: 1em 0.6em; } td, th { padding: 2px 4px; } }
@media print { section, svg.chart, table { break-inside: avoid; } }
"""


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f'<div class="wide"><table><tr>{head}</tr>{body}</table></div>'


def _prose(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines)


def _note(text: str) -> str:
    return f'<p class="note">{html.escape(text)}</p>'


def _skills(r: StatsReport, lang: str) -> str:
    tried = [s for s in r.skills if s.total]
    if not tried:
        return _note(label(lang, "no_skills"))
    rows = [[safe(s.title or s.kind),
             "/".join(str(s.attempts[k]) for k in ("study", "practice", "exam")),
             sw.pct(s.accuracy_recent), sw.pct(s.accuracy), str(s.level or "—"),
             "—" if s.trend is None else f"{100 * s.trend:+.0f}%"] for s in tried]
    return _table(label(lang, "skills_head").split("|"), rows)


def _mistakes(r: StatsReport, lang: str) -> str:
    if not r.mistakes:
        return _note(label(lang, "no_mistakes"))
    found = []
    for m in r.mistakes:
        line = label(lang, "mistake_line", name=safe(m.name), count=m.count,
                     ago=sw.ago(m.days_ago, lang))
        kinds = label(lang, "mistake_kinds", kinds=", ".join(m.kinds))
        found.append(f"<p>{html.escape(line)}<br>"
                     f'<span class="note">{html.escape(kinds)}</span></p>')
    return "".join(found)


def _exams(r: StatsReport, lang: str) -> str:
    e = r.exams
    if not e.scores:
        return _note(label(lang, "no_exams"))
    labels = [s.started_at.date().isoformat() for s in e.scores]
    chart = svg.columns([s.percent for s in e.scores], labels, label(lang, "sec_exams"),
                        label(lang, "unit_score"), height=140)
    specs = _table(label(lang, "exams_spec_head").split("|"), [
        [safe(s.name), str(len(s.percents)), f"{s.mean:.0f}%", f"{max(s.percents):.0f}%",
         f"{s.percents[-1]:.0f}%"] for s in e.by_spec])
    topics = _table(label(lang, "exams_topic_head").split("|"), [
        [safe(t), str(n), "—" if p is None else f"{p:.0f}%"] for t, n, p in e.by_topic])
    return chart + specs + topics


def _reviews(r: StatsReport, lang: str) -> str:
    period_days = len(r.per_day["seconds"])
    dates = [r.date_of(r.period_first + i).isoformat() for i in range(period_days)]
    kinds = [Series(label(lang, f"kind_{k}"), r.per_day[k], KIND_COLOURS[k])
             for k in REVIEW_KINDS]
    seconds = r.per_day["seconds"]
    unit = time_unit(max(seconds, default=0))
    time_unit_words = label(lang, "unit_time", unit=label(lang, f"time_{unit.key}"))
    return (svg.columns(kinds, dates, label(lang, "sec_reviews"), label(lang, "unit_reviews"))
            + svg.columns([v / unit.seconds for v in seconds], dates,
                          label(lang, "time_per_day"), time_unit_words, height=130)
            + svg.columns([float(n) for n in r.notes_added], dates, label(lang, "notes_added"),
                          label(lang, "unit_notes"), height=110))


def _charts(r: StatsReport, lang: str) -> dict[str, Callable[[], str]]:
    """The body of each section that draws charts, by its title's label."""
    unit = label(lang, "unit_count")

    def counts() -> str:
        rows = [(label(lang, f"state_{k}"), float(getattr(r.counts, k)),
                 str(getattr(r.counts, k))) for k in sw.COUNT_KEYS]
        return svg.hbars(rows, label(lang, "sec_counts"), unit)

    def histogram(key: str, buckets: list[str], values: tuple[int, ...]) -> Callable[[], str]:
        rows = [(b, float(n), str(n)) for b, n in zip(buckets, values, strict=True)]
        return lambda: svg.hbars(rows, label(lang, key), unit)

    def calendar() -> str:
        names = label(lang, "weekdays").split("|")
        months = {m: label(lang, "month", m=m, name=sw.MONTHS_EN[m - 1]) + (
            "月" if lang == "zh" else "") for m in range(1, 13)}
        return svg.heatmap(r.date_of(r.calendar.first), r.calendar.reviews, names, months,
                           label(lang, "sec_calendar"))

    def calibration() -> str:
        rows = [(f"{5 * i}-{5 * (i + 1)}%", float(n), sw.pct(r.calibration.observed[i]))
                for i, n in enumerate(r.calibration.counts) if n]
        return svg.hbars(rows, label(lang, "sec_calibration"), unit)

    m = r.memory
    days = [r.date_of(i).isoformat() for i in range(len(r.forecast))]
    return {
        "sec_forecast": lambda: svg.columns([float(n) for n in r.forecast], days,
                                            label(lang, "sec_forecast"),
                                            label(lang, "unit_cards")),
        "sec_calendar": calendar, "sec_reviews": lambda: _reviews(r, lang),
        "sec_counts": counts,
        "sec_intervals": histogram("sec_intervals", day_labels(), m.intervals),
        "sec_stability": histogram("sec_stability", day_labels(), m.stability),
        "sec_difficulty": histogram("sec_difficulty", tenth_labels(), m.difficulty),
        "sec_recall": histogram("sec_recall", tenth_labels(), m.retrievability),
        "sec_hours": lambda: svg.columns([float(h[0]) for h in r.hourly],
                                         [f"{h}:00" for h in range(24)],
                                         label(lang, "sec_hours"), label(lang, "unit_hour"),
                                         height=150),
        "sec_calibration": calibration,
    }


def _tables(r: StatsReport, lang: str) -> dict[str, Callable[[], str]]:
    """The body of each section that is tables and sentences, by its title's label."""

    def retention() -> str:
        rows = [[label(lang, f"ret_{n}"), *(sw.ret(r.retention[n][part])
                                           for part in ("young", "mature", "total"))]
                for n in RETENTION_PERIODS]
        return (_table(label(lang, "retention_head").split("|"), rows)
                + _note(label(lang, "desired", rate=sw.pct(r.desired_retention))))

    def buttons() -> str:
        rows = [[label(lang, f"btn_{g}"), *(str(n) for n in p.values()),
                 str(sum(p.values()))] for g, p in r.buttons.items()]
        return _table(label(lang, "buttons_head").split("|"), rows)

    def topics() -> str:
        seen = sw.reviewed_topics(r)
        rows = [[safe(t.topic) + (label(lang, "skill_topic") if t.source == "skill" else ""),
                 str(t.cards), sw.pct(t.mature_share), sw.pct(t.mean_retrievability),
                 str(t.lapses)] for t in seen]
        rest = len(r.topics) - len(seen)
        return (_table(label(lang, "topics_head").split("|"), rows)
                + (_note(label(lang, "topics_rest", n=rest)) if rest else ""))

    def ready() -> str:
        rows = [[safe(name), *rest] for name, *rest in sw.ready_rows(r)]
        return (_prose(sw.ready_lines(r, lang))
                + _table(label(lang, "plan_group_head").split("|"), rows))

    return {"sec_today": lambda: "", "sec_ready": ready, "sec_retention": retention,
            "sec_buttons": buttons,
            "sec_topics": topics, "sec_skills": lambda: _skills(r, lang),
            "sec_mistakes": lambda: _mistakes(r, lang), "sec_exams": lambda: _exams(r, lang)}


PROSE_FREE = {"sec_ready", "sec_retention", "sec_buttons", "sec_topics", "sec_skills",
              "sec_mistakes", "sec_exams"}


def page(report: StatsReport, lang: str) -> str:
    r = report
    said = sw.sentences(r, lang)
    parts = [f"<h1>{html.escape(label(lang, 'stats_title'))}</h1>",
             f'<p class="meta">{html.escape(st.heading(r, lang).plain)}</p>']
    bodies = _charts(r, lang) | _tables(r, lang)
    for key in st.SECTIONS:
        if not sw.has_data(r, key):
            parts.append(f'<p class="empty">{html.escape(sw.empty_line(key, lang))}</p>')
            continue
        words = "" if key in PROSE_FREE else _prose(said.get(key, []))
        parts.append(f"<section><h2>{html.escape(label(lang, key))}</h2>"
                     f"{bodies[key]()}{words}</section>")
    title = html.escape(label(lang, "stats_title"))
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            f'<meta charset="utf-8">{csp_meta(CSS)}<meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{title}</title>'
            f"<style>{CSS}</style></head><body>{''.join(parts)}</body></html>\n")
