"""The whole statistics report as one frozen value, and its JSON form: every number behind
every chart, with dates as ISO strings and None (null) where there is nothing to divide."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from dlquiz.srs.fit_record import FitRecord
from dlquiz.srs.plan_forecast import Forecast
from dlquiz.stats.calendar import Calendar
from dlquiz.stats.memory import Calibration, TopicMemory, day_labels, tenth_labels
from dlquiz.stats.practice import Exams, Mistake, Skill
from dlquiz.stats.reviews import Retention, Today
from dlquiz.store.stats import CALIBRATION_BINS, EXCLUDED, CardCounts, Memory

CARD_STATES = ("new", "learning", "relearning", "young", "mature", "suspended", "buried",
               "leech")  # CardCounts' categories, in the order the charts list them


@dataclass(frozen=True)
class Parameters:
    fitted: bool
    fit: FitRecord | None
    study_reviews: int
    advice: str | None  # a reason key to fit (again), or None


@dataclass(frozen=True)
class StatsReport:
    generated_at: datetime
    time_zone: str
    rollover_hour: int
    today_date: date
    period: str
    deck: str | None
    topic: str | None
    desired_retention: float
    today: Today
    forecast: tuple[int, ...]  # day 0 (with the overdue) .. the horizon
    overdue: int
    daily_load: float
    calendar: Calendar
    period_first: int  # day number of the first day of the period's series
    per_day: dict[str, list[float]]  # ratings by kind and seconds, over the period
    notes_added: tuple[int, ...]
    counts: CardCounts
    memory: Memory
    retention: dict[str, dict[str, Retention]]
    hourly: tuple[tuple[int, int], ...]  # (ratings, passed) for local hours 0..23
    buttons: dict[str, dict[str, int]]
    topics: tuple[TopicMemory, ...]
    skills: tuple[Skill, ...]
    mistakes: tuple[Mistake, ...]
    exams: Exams
    calibration: Calibration
    log_loss: float | None
    parameters: Parameters
    ready: Forecast | None  # the active interview target's forecast

    @property
    def no_reviews(self) -> bool:
        return self.calendar.longest_streak == 0

    def date_of(self, day: int) -> date:
        return self.today_date + timedelta(days=day)


def _rate(r: Retention) -> dict[str, Any]:
    return {"passed": r.passed, "failed": r.failed, "rate": r.rate}


def _dates(report: StatsReport, first: int, count: int) -> list[str]:
    return [report.date_of(first + i).isoformat() for i in range(count)]


def to_dict(report: StatsReport) -> dict[str, Any]:
    """The report as JSON-ready data (`dlquiz stats --json`)."""
    r = report
    period_days = len(r.per_day["seconds"])
    return {
        "generated_at": r.generated_at.isoformat(), "time_zone": r.time_zone,
        "day_rollover_hour": r.rollover_hour, "today": r.today_date.isoformat(),
        "period": r.period, "deck": r.deck, "topic": r.topic, "no_reviews": r.no_reviews,
        "today_stats": _today(r.today),
        "forecast": {"dates": _dates(r, 0, len(r.forecast)), "due": list(r.forecast),
                     "overdue": r.overdue, "total": sum(r.forecast),
                     "daily_load": r.daily_load},
        "calendar": _calendar(r),
        "reviews": {"dates": _dates(r, r.period_first, period_days),
                    **{k: [int(v) for v in vs] for k, vs in r.per_day.items()
                       if k != "seconds"},
                    "seconds": r.per_day["seconds"], "notes_added": list(r.notes_added),
                    "total_reviews": int(sum(sum(v) for k, v in r.per_day.items()
                                             if k != "seconds")),
                    "total_seconds": sum(r.per_day["seconds"])},
        "card_counts": _card_counts(r.counts),
        "distributions": _memory(r.memory),
        "true_retention": {"desired_retention": r.desired_retention,
                           "periods": {name: {part: _rate(v) for part, v in parts.items()}
                                       for name, parts in r.retention.items()}},
        "hourly": {"hours": list(range(24)), "reviews": [h[0] for h in r.hourly],
                   "passed": [h[1] for h in r.hourly],
                   "pass_rate": [h[1] / h[0] if h[0] else None for h in r.hourly]},
        "buttons": r.buttons,
        "topics": [t.__dict__ for t in r.topics],
        "skills": [_skill(s) for s in r.skills],
        "mistakes": [_mistake(m) for m in r.mistakes],
        "exams": _exams(r.exams),
        "calibration": _calibration(r),
        "parameters": _parameters(r.parameters),
        "ready_on_the_day": _ready(r.ready),
    }


def _card_counts(c: CardCounts) -> dict[str, Any]:
    """Every card counted once by state, and apart, by reason, the cards left outside."""
    return {**{k: getattr(c, k) for k in CARD_STATES}, "total": c.total,
            "excluded": {reason: {"cards": getattr(c, reason), "reason": why}
                         for reason, why in EXCLUDED.items()}}


def _ready(found: Forecast | None) -> dict[str, Any] | None:
    from dlquiz.srs.plan_forecast import to_dict as forecast_dict

    return forecast_dict(found) if found is not None else None


def _today(t: Today) -> dict[str, Any]:
    return {"reviews": t.reviews, "cards": t.cards, "seconds": t.seconds,
            "seconds_per_card": t.seconds_per_card, "again": t.again,
            "pass_rate": t.pass_rate,
            "by_kind": {k: {"reviews": v.reviews, "again": v.again, "seconds": v.seconds,
                            "pass_rate": v.pass_rate} for k, v in t.by_kind.items()}}


def _calendar(r: StatsReport) -> dict[str, Any]:
    c = r.calendar
    return {"dates": _dates(r, c.first, len(c.reviews)), "reviews": list(c.reviews),
            "current_streak": c.current_streak, "longest_streak": c.longest_streak,
            "days": c.days, "days_studied": c.days_studied, "share_studied": c.share_studied,
            "daily_average": c.daily_average,
            "average_on_study_days": c.average_on_study_days}


def _memory(m: Memory) -> dict[str, Any]:
    return {"intervals": {"buckets": day_labels(), "counts": list(m.intervals)},
            "stability": {"buckets": day_labels(), "counts": list(m.stability)},
            "difficulty": {"buckets": tenth_labels(), "counts": list(m.difficulty)},
            "retrievability": {"buckets": tenth_labels(), "counts": list(m.retrievability)},
            "reviewed_cards": m.reviewed, "estimated_total_knowledge": m.knowledge,
            "mean_retrievability": m.knowledge / m.reviewed if m.reviewed else None}


def _skill(s: Skill) -> dict[str, Any]:
    return {"kind": s.kind, "topic": s.topic, "title": s.title,
            "attempts": {**s.attempts, "total": s.total}, "correct": s.correct,
            "accuracy": s.accuracy, "accuracy_last_10": s.accuracy_recent,
            "recent": list(s.recent), "level": s.level, "trend": s.trend}


def _mistake(m: Mistake) -> dict[str, Any]:
    return {"name": m.name, "count": m.count, "kinds": list(m.kinds), "sources": m.sources,
            "last_seen": m.last_seen.isoformat(), "days_ago": m.days_ago,
            "weekly": list(m.weekly)}


def _exams(e: Exams) -> dict[str, Any]:
    return {"scores": [{"id": s.id, "date": s.started_at.isoformat(), "name": s.name,
                        "percent": s.percent, "timed_out": s.timed_out} for s in e.scores],
            "by_spec": [{"name": s.name, "count": len(s.percents), "mean": s.mean,
                         "best": max(s.percents), "last": s.percents[-1],
                         "percents": list(s.percents)} for s in e.by_spec],
            "by_topic": [{"topic": t, "items": n, "percent": p} for t, n, p in e.by_topic]}


def _calibration(r: StatsReport) -> dict[str, Any]:
    c = r.calibration
    width = 1 / CALIBRATION_BINS
    return {"bins": [{"from": round(i * width, 4), "to": round((i + 1) * width, 4),
                      "count": c.counts[i], "predicted": c.predicted[i],
                      "observed": c.observed[i]} for i in range(CALIBRATION_BINS)],
            "reviews": c.reviews, "log_loss": r.log_loss, "rmse_bins": c.rmse_bins}


def _parameters(p: Parameters) -> dict[str, Any]:
    return {"fitted": p.fitted, "fit": p.fit.to_dict() if p.fit else None,
            "study_reviews": p.study_reviews, "fit_advice": p.advice}
