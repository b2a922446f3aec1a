"""The statistics as one self-contained HTML page (`dlquiz stats --html FILE`): the same
sections as the terminal, with SVG charts and HTML tables; no script, no network."""

from __future__ import annotations

import html

from dlquiz.notes.html_safety import csp_meta
from dlquiz.stats.memory import day_labels, tenth_labels
from dlquiz.stats.report import StatsReport
from dlquiz.stats.reviews import RETENTION_PERIODS
from dlquiz.store.stats_records import REVIEW_KINDS
from dlquiz.ui import stats_text as st
from dlquiz.ui import svg
from dlquiz.ui.labels import label
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
svg.chart { display: block; margin: 0.5em 0; }
pre { white-space: pre-wrap; margin: 0.3em 0; font-family: inherit; }
"""


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


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
             st.pct(s.accuracy_recent), st.pct(s.accuracy), str(s.level or "—"),
             "—" if s.trend is None else f"{100 * s.trend:+.0f}%"] for s in tried]
    return _table(label(lang, "skills_head").split("|"), rows)


def _mistakes(r: StatsReport, lang: str) -> str:
    if not r.mistakes:
        return _note(label(lang, "no_mistakes"))
    found = []
    for m in r.mistakes:
        line = label(lang, "mistake_line", name=safe(m.name), count=m.count,
                     ago=st.ago(m.days_ago, lang))
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
                        height=120)
    specs = _table(label(lang, "exams_spec_head").split("|"), [
        [safe(s.name), str(len(s.percents)), f"{s.mean:.0f}%", f"{max(s.percents):.0f}%",
         f"{s.percents[-1]:.0f}%"] for s in e.by_spec])
    topics = _table(label(lang, "exams_topic_head").split("|"), [
        [safe(t), str(n), "—" if p is None else f"{p:.0f}%"] for t, n, p in e.by_topic])
    return chart + specs + topics


def page(report: StatsReport, lang: str) -> str:
    r = report
    said = st.sentences(r, lang)
    parts = [f"<h1>{html.escape(label(lang, 'stats_title'))}</h1>",
             f'<p class="meta">{html.escape(st.heading(r, lang).plain)}</p>']

    def section(key: str, body: str, prose: bool = True) -> None:
        title = label(lang, key)
        words = _prose(said.get(key, [])) if prose else ""
        parts.append(f"<section><h2>{html.escape(title)}</h2>{body}{words}</section>")

    days = [r.date_of(i).isoformat() for i in range(len(r.forecast))]
    section("sec_today", "")
    section("sec_forecast", svg.columns(r.forecast, days, label(lang, "sec_forecast")))
    names = label(lang, "weekdays").split("|")
    section("sec_calendar", svg.heatmap(r.date_of(r.calendar.first), r.calendar.reviews,
                                        names, label(lang, "sec_calendar")))
    period_days = len(r.per_day["seconds"])
    dates = [r.date_of(r.period_first + i).isoformat() for i in range(period_days)]
    daily = [sum(r.per_day[k][i] for k in REVIEW_KINDS) for i in range(period_days)]
    section("sec_reviews", svg.columns(daily, dates, label(lang, "sec_reviews"))
            + svg.columns([s / 60 for s in r.per_day["seconds"]], dates,
                          label(lang, "time_per_day"), height=100)
            + svg.columns(list(r.notes_added), dates, label(lang, "notes_added"), height=80))
    counts = [(label(lang, f"state_{k}"), float(getattr(r.counts, k)),
               str(getattr(r.counts, k))) for k in st.COUNT_KEYS]
    section("sec_counts", svg.hbars(counts, label(lang, "sec_counts")))
    m = r.memory
    for key, buckets, values in (("sec_intervals", day_labels(), m.intervals),
                                 ("sec_stability", day_labels(), m.stability),
                                 ("sec_difficulty", tenth_labels(), m.difficulty),
                                 ("sec_recall", tenth_labels(), m.retrievability)):
        rows = [(b, float(n), str(n)) for b, n in zip(buckets, values, strict=True)]
        section(key, svg.hbars(rows, label(lang, key)))
    retention = [[label(lang, f"ret_{n}"), *(st.ret(r.retention[n][part])
                                              for part in ("young", "mature", "total"))]
                 for n in RETENTION_PERIODS]
    section("sec_retention", _table(label(lang, "retention_head").split("|"), retention)
            + _note(label(lang, "desired", rate=st.pct(r.desired_retention))),
            prose=False)
    hours = [f"{h}:00" for h in range(24)]
    section("sec_hours", svg.columns([float(h[0]) for h in r.hourly], hours,
                                     label(lang, "sec_hours"), height=140))
    buttons = [[label(lang, f"btn_{g}"), *(str(n) for n in p.values()),
                str(sum(p.values()))] for g, p in r.buttons.items()]
    section("sec_buttons", _table(label(lang, "buttons_head").split("|"), buttons), prose=False)
    section("sec_topics", _table(label(lang, "topics_head").split("|"), [
        [safe(t.topic) + (label(lang, "skill_topic") if t.source == "skill" else ""),
         str(t.cards), st.pct(t.mature_share), st.pct(t.mean_retrievability), str(t.lapses)]
        for t in r.topics]), prose=False)
    section("sec_skills", _skills(r, lang), prose=False)
    section("sec_mistakes", _mistakes(r, lang), prose=False)
    section("sec_exams", _exams(r, lang), prose=False)
    calib = [(f"{5 * i}-{5 * (i + 1)}%", float(n), f"{st.pct(r.calibration.observed[i])}")
             for i, n in enumerate(r.calibration.counts) if n]
    section("sec_calibration", svg.hbars(calib, label(lang, "sec_calibration")) if calib
            else "")
    title = html.escape(label(lang, "stats_title"))
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            f'<meta charset="utf-8">{csp_meta(CSS)}<title>{title}</title>'
            f"<style>{CSS}</style></head>"
            f"<body>{''.join(parts)}</body></html>\n")
