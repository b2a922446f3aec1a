"""The report in parts, so that a front end can show each as soon as it is counted: the
plan every part shares (scope, clock, period), the report fields each part fills, and each
part as it reads with nothing counted yet (the same pure functions over no rows), which
stands in for a part still being counted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dlquiz.stats import calendar as cal
from dlquiz.stats import memory, practice, reviews
from dlquiz.stats.clock import StatsClock
from dlquiz.stats.report import Parameters, StatsReport
from dlquiz.store.stats import CardCounts, Memory, Span, StatsScope

FORECAST_ALL = 365  # days of forecast for --period all
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# every part and the report fields it fills; "forecast" (the study queue's filter over the
# cards coming due) and "memory" (one pass over every card) cost the most
PARTS: dict[str, tuple[str, ...]] = {
    "calendar": ("calendar",),
    "period": ("today", "per_day", "buttons", "hourly", "notes_added"),
    "forecast": ("forecast", "overdue"),
    "memory": ("counts", "memory", "topics", "daily_load"),
    "retention": ("retention",),
    "practice": ("skills", "mistakes", "exams"),
    "calibration": ("calibration", "log_loss", "parameters"),
    "ready": ("ready",),  # the active interview target's forecast (srs/plan_forecast.py)
}


@dataclass(frozen=True)
class Plan:
    """What every part of one report shares: the scope, the clock, the period's days."""

    clock: StatsClock
    scope: StatsScope
    period: str
    lang: str
    desired_retention: float
    first_day: int | None  # study day of the first rating in scope
    period_first: int  # first day of the period's series
    horizon: int  # days of forecast
    skill_titles: Mapping[str, tuple[str, str]]  # {kind: (topic, title)} of the kinds in scope

    @property
    def calendar_first(self) -> int:
        return -(cal.CALENDAR_DAYS - 1)

    @property
    def history(self) -> list[Span]:
        """Every study day from the first rating (or the calendar's or period's first day,
        whichever is earlier) to today."""
        return self.clock.days(min(self.period_first, self.calendar_first,
                                   self.first_day or 0), 0)

    @property
    def period_days(self) -> list[Span]:
        return self.clock.days(self.period_first, 0)

    @property
    def period_span(self) -> Span:
        days = self.period_days
        return Span(0, days[0].start, days[-1].end)

    def segments(self) -> list[Span]:
        """True retention's segments of days (today, yesterday, … , before a year ago)."""
        clock = self.clock
        return [Span(i, clock.start(first) if first is not None else EPOCH,
                     clock.start(last + 1)) for i, (first, last) in enumerate(reviews.SEGMENTS)]

    def heading(self) -> dict[str, Any]:
        """The report's fields that need no counting."""
        clock, scope = self.clock, self.scope
        return dict(generated_at=clock.now, time_zone=str(clock.zone),
                    rollover_hour=clock.rollover_hour, today_date=clock.today,
                    period=self.period, deck=scope.deck, topic=scope.topic,
                    desired_retention=self.desired_retention, period_first=self.period_first)


def empty(plan: Plan, name: str) -> dict[str, Any]:
    """Part `name` with nothing counted: zeros, empty lists, no rates."""
    first = plan.period_first
    days = 1 - first
    if name == "calendar":
        return dict(calendar=cal.calendar([0] * cal.CALENDAR_DAYS, plan.calendar_first, set(),
                                          None))
    if name == "period":
        return dict(today=reviews.today([], 0), per_day=reviews.per_day([], first, 0),
                    buttons=reviews.buttons([], first, 0), hourly=((0, 0),) * 24,
                    notes_added=(0,) * days)
    if name == "forecast":
        return dict(forecast=(0,) * plan.horizon, overdue=0)
    if name == "memory":
        none = Memory(intervals=(0,) * len(memory.day_labels()),
                      stability=(0,) * len(memory.day_labels()),
                      difficulty=(0,) * len(memory.tenth_labels()),
                      retrievability=(0,) * len(memory.tenth_labels()),
                      reviewed=0, knowledge=0.0, daily_load=0.0)
        return dict(counts=CardCounts(), memory=none, topics=(), daily_load=0.0)
    if name == "retention":
        return dict(retention=reviews.true_retention({}, []))
    if name == "practice":
        return dict(skills=tuple(practice.skills([], plan.skill_titles)), mistakes=(),
                    exams=practice.exams([], []))
    if name == "calibration":
        bins, loss = memory.calibration([])
        return dict(calibration=bins, log_loss=loss,
                    parameters=Parameters(fitted=False, fit=None, study_reviews=0, advice=None))
    if name == "ready":
        return dict(ready=None)
    raise KeyError(name)


def assemble(plan: Plan, counted: Mapping[str, Mapping[str, Any]]) -> StatsReport:
    """The report from the parts counted so far (the others as `empty` has them)."""
    fields = plan.heading()
    for name in PARTS:
        fields |= counted[name] if name in counted else empty(plan, name)
    return StatsReport(**fields)
