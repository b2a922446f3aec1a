"""The words and numbers of the statistics, shared by the terminal, the screen and the
page: percentages, durations, each section's sentences, and whether a section has anything
to show (a section without data collapses to one line everywhere)."""

from __future__ import annotations

from dlquiz.stats.memory import TopicMemory
from dlquiz.stats.report import StatsReport
from dlquiz.stats.reviews import RETENTION_PERIODS, Retention
from dlquiz.store.stats import REVIEW_KINDS
from dlquiz.ui.labels import label

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
             "Dec")
READY_TOPICS = 8
COUNT_KEYS = ("new", "learning", "relearning", "young", "mature", "suspended", "buried",
              "leech")


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


def _excluded(r: StatsReport, lang: str) -> str:
    """The cards outside the counts (stats_records.EXCLUDED), when there are any."""
    c = r.counts
    if not (c.retired or c.shadowed):
        return ""
    return " " + label(lang, "counts_excluded", retired=c.retired, shadowed=c.shadowed)


def _parameters(r: StatsReport, lang: str) -> str:
    p = r.parameters
    if p.fitted and p.fit is not None:
        return label(lang, "params_fitted", date=p.fit.fitted_at.date().isoformat(),
                     n=p.fit.reviews)
    line = label(lang, "params_default")
    if p.fit is not None and not p.fit.kept:
        line += "; " + label(lang, "params_not_kept", date=p.fit.fitted_at.date().isoformat())
    return line


def ret(cell: Retention) -> str:
    return f"{pct(cell.rate)} ({cell.passed}/{cell.total})" if cell.total else "—"


def ago(days: int, lang: str) -> str:
    return label(lang, "today_word") if days <= 0 else label(lang, "days_ago", n=days)


def reviewed_topics(r: StatsReport) -> list[TopicMemory]:
    """The topics with a rated card, in the report's order (stats/memory.topics: the
    weakest, lowest recall now, first)."""
    return [t for t in r.topics if t.reviewed]


def has_data(r: StatsReport, key: str) -> bool:
    """Whether section `key` has anything to show (today always has: it says so)."""
    m = r.memory
    total_reviews = sum(sum(r.per_day[k]) for k in REVIEW_KINDS)
    found = {
        "sec_forecast": sum(r.forecast) > 0, "sec_calendar": r.calendar.total > 0,
        "sec_reviews": total_reviews > 0, "sec_counts": r.counts.total > 0,
        "sec_intervals": any(m.intervals), "sec_stability": any(m.stability),
        "sec_difficulty": any(m.difficulty), "sec_recall": any(m.retrievability),
        "sec_retention": any(r.retention[n]["total"].total for n in RETENTION_PERIODS),
        "sec_hours": any(h[0] for h in r.hourly),
        "sec_buttons": any(any(p.values()) for p in r.buttons.values()),
        "sec_topics": bool(reviewed_topics(r)), "sec_skills": any(s.total for s in r.skills),
        "sec_mistakes": bool(r.mistakes), "sec_exams": bool(r.exams.scores),
        "sec_calibration": r.calibration.reviews > 0, "sec_ready": r.ready is not None,
    }
    return found.get(key, True)


def empty_line(key: str, lang: str) -> str:
    if key == "sec_ready":
        return label(lang, "plan_none")
    return label(lang, "no_data", title=label(lang, key))


def ready_lines(r: StatsReport, lang: str) -> list[str]:
    """The countdown, the new-card rate and what the daily time cannot reach."""
    f = r.ready
    if f is None:
        return []
    lines = [label(lang, "plan_line", days=f.days_left, recall=pct(f.recall)),
             label(lang, "plan_new", n=f.rate.per_day, covered=f.rate.covered)]
    if f.rate.uncovered:
        lines.append(label(lang, "plan_uncovered", minutes=f.deadline.minutes_per_day,
                           n=f.rate.uncovered))
    return lines


def ready_rows(r: StatsReport) -> list[list[str]]:
    """The weakest topics on the day: topic, cards, expected recall, never seen."""
    if r.ready is None:
        return []
    return [[g.name, str(g.cards), pct(g.recall), str(g.unseen)]
            for g in r.ready.by_topic[:READY_TOPICS]]
