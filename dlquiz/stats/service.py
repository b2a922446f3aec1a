"""The statistics service the front ends share (`dlquiz stats`, its HTML page, the TUI
screen): it asks the store for the aggregates of one scope and period, on one clock, and
assembles the report from them with the pure functions of this package, part by part (see
parts.py) so that the screen can show each part as soon as it is counted."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, tzinfo
from functools import cached_property
from typing import Any

from dlquiz.srs.days import local_zone, study_window
from dlquiz.srs.fit_record import load_fit, refit_advice
from dlquiz.srs.settings import StudySettings, load_settings
from dlquiz.srs.setup import skill_catalog
from dlquiz.stats import calendar as cal
from dlquiz.stats import memory, practice, reviews
from dlquiz.stats.clock import PERIODS, StatsClock, parse_period
from dlquiz.stats.parts import EPOCH, FORECAST_ALL, PARTS, Plan, assemble
from dlquiz.stats.report import Parameters, StatsReport
from dlquiz.store import stats as stats_cards
from dlquiz.store import stats as stats_history
from dlquiz.store import stats as stats_queries
from dlquiz.store.bank import Bank
from dlquiz.store.cards import require_deck
from dlquiz.store.schema import InputError
from dlquiz.store.stats import Span, StatsScope

DEFAULT_DECAY = 0.1542  # FSRS-6's w[20] when no parameters were fitted

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class StatsService:
    def __init__(self, bank: Bank, *, clock: Clock = utc_now, zone: tzinfo | None = None,
                 settings: StudySettings | None = None) -> None:
        self.bank = bank
        self.clock = clock
        self.zone = zone or local_zone()
        self._settings = settings

    @cached_property
    def settings(self) -> StudySettings:
        return self._settings if self._settings is not None else load_settings(self.bank)

    @cached_property
    def catalog(self) -> dict[str, tuple[str, str, str]]:
        """{kind: (topic, title_zh, title_en)} of every question kind."""
        return skill_catalog(self.bank)

    def scope(self, deck: str | None, topic: str | None) -> StatsScope:
        """The scope, refusing an unknown deck or topic with the valid ones."""
        if deck is not None:
            require_deck(self.bank, deck)
        kinds: tuple[str, ...] = ()
        if topic is not None:
            skill_topics = {t for t, _, _ in self.catalog.values()}
            known = sorted(set(stats_queries.note_topics(self.bank)) | skill_topics)
            if topic not in known:
                raise InputError(f"no topic named '{topic}'; topics: {', '.join(known)}.")
            kinds = tuple(k for k, (t, _, _) in self.catalog.items() if t == topic)
        return StatsScope(deck=deck, topic=topic, kinds=kinds)

    def plan(self, period: str = "1m", deck: str | None = None, topic: str | None = None,
             lang: str = "zh") -> Plan:
        """What every part of the report for one period ("1m", "3m", "1y" or "all") and
        scope shares; refuses a bad period, deck or topic."""
        parse_period(period)
        scope = self.scope(deck, topic)
        clock = StatsClock(self.clock(), self.zone, self.settings.day_rollover_hour)
        first_seen = stats_queries.first_review(self.bank, scope)
        first_day = clock.day_of(first_seen) if first_seen is not None else None
        length = PERIODS[period]
        kinds = scope.kinds if scope.topic is not None else None
        title = 1 if lang == "zh" else 2
        return Plan(clock=clock, scope=scope, period=period, lang=lang,
                    desired_retention=self.settings.desired_retention, first_day=first_day,
                    period_first=-(length - 1) if length else min(first_day or 0, 0),
                    horizon=length or FORECAST_ALL,
                    skill_titles={k: (v[0], v[title]) for k, v in self.catalog.items()
                                  if kinds is None or k in kinds})

    def part(self, plan: Plan, name: str) -> dict[str, Any]:
        """The report fields of one part (parts.PARTS), counted in the bank."""
        if name not in PARTS:
            raise KeyError(name)
        fields: dict[str, Any] = getattr(self, f"_{name}")(plan)
        return fields

    def report(self, period: str = "1m", deck: str | None = None, topic: str | None = None,
               lang: str = "zh") -> StatsReport:
        """Every section for one period ("1m", "3m", "1y" or "all") and scope. The pass over
        every card runs in a thread of its own while the review log is counted: both are
        mostly time in the database, which does not hold the interpreter."""
        plan = self.plan(period, deck, topic, lang)
        with ThreadPoolExecutor(max_workers=1) as pool:
            cards = pool.submit(self.part, plan, "memory")
            counted = {name: self.part(plan, name) for name in PARTS if name != "memory"}
            counted["memory"] = cards.result()
        return assemble(plan, counted)

    def _ready(self, plan: Plan) -> dict[str, Any]:
        from dlquiz.srs.plan_service import PlanService

        plans = PlanService(self.bank, lambda: plan.clock.now, self.zone, self.settings)
        return dict(ready=plans.forecast())

    def _calendar(self, plan: Plan) -> dict[str, Any]:
        """Every day's ratings for the calendar; the days with any, for the streaks."""
        first = plan.calendar_first
        per_day = stats_queries.day_counts(self.bank, plan.clock.days(first, 0), plan.scope)
        studied = stats_queries.studied_days(self.bank, plan.history, plan.scope)
        return dict(calendar=cal.calendar([per_day.get(d, 0) for d in range(first, 1)],
                                          first, studied, plan.first_day))

    def _period(self, plan: Plan) -> dict[str, Any]:
        """The period's ratings by kind and button, by hour of the day; notes added."""
        scope, first, days = plan.scope, plan.period_first, plan.period_days
        cells = stats_queries.day_cells(self.bank, days, scope, max_answer_ms=1000
                                        * self.settings.max_answer_seconds)
        hours = plan.clock.hours(days[0].start, days[-1].end)
        by_hour = {c.hour: (c.count, c.passed)
                   for c in stats_queries.hour_cells(self.bank, hours, scope)}
        added = stats_queries.notes_added(self.bank, days, scope)
        return dict(
            today=reviews.today(cells, stats_queries.rated_cards(self.bank, days[-1], scope)),
            per_day=reviews.per_day(cells, first, 0), buttons=reviews.buttons(cells, first, 0),
            hourly=tuple(by_hour.get(h, (0, 0)) for h in range(24)),
            notes_added=tuple(added.get(d, 0) for d in range(first, 1)))

    def _retention(self, plan: Plan) -> dict[str, Any]:
        """True retention over all time."""
        return dict(retention=reviews.true_retention(
            stats_queries.retention_counts(self.bank, plan.segments(), plan.scope),
            stats_queries.retention_repeats(self.bank, plan.history, plan.scope)))

    def _forecast(self, plan: Plan) -> dict[str, Any]:
        """Cards coming due on each day of the horizon (day 0 with the overdue), as the study
        queue counts them."""
        clock, horizon = plan.clock, plan.horizon
        days = clock.days(0, horizon - 1)
        # day -1 holds the overdue, counted once and added to today's
        spans = [Span(-1, EPOCH, days[0].start), *days]
        settings = self.settings
        window = study_window(clock.now, clock.zone, rollover_hour=settings.day_rollover_hour,
                              new_per_day=settings.new_per_day,
                              learn_ahead_minutes=settings.learn_ahead_minutes)
        counts = stats_cards.due_counts(self.bank, window, spans, plan.scope)
        overdue = counts.get(-1, 0)
        return dict(forecast=(overdue + counts.get(0, 0),
                              *(counts.get(d, 0) for d in range(1, horizon))),
                    overdue=overdue)

    def _memory(self, plan: Plan) -> dict[str, Any]:
        """Every card's state and memory now, counted and bucketed in one pass; the daily
        load."""
        cards = stats_cards.card_summary(self.bank, plan.clock.now, self._decay(), plan.scope)
        kind_topics = {k: v[0] for k, v in self.catalog.items()}
        return dict(counts=cards.counts, memory=cards.memory, daily_load=cards.memory.daily_load,
                    topics=tuple(memory.topics(cards.topics, kind_topics)))

    def _practice(self, plan: Plan) -> dict[str, Any]:
        scope = plan.scope
        kinds = scope.kinds if scope.topic is not None else None
        answers = stats_history.skill_answers(self.bank, kinds)
        return dict(
            skills=tuple(practice.skills(answers, plan.skill_titles)),
            mistakes=tuple(practice.mistakes(stats_history.mistakes_seen(self.bank, kinds),
                                             plan.clock.day_of)),
            exams=practice.exams(stats_history.exam_scores(self.bank),
                                 stats_history.exam_topics(self.bank, scope.topic)))

    def _calibration(self, plan: Plan) -> dict[str, Any]:
        bins, loss = memory.calibration(stats_queries.calibration_cells(
            self.bank, plan.period_span, plan.scope))
        fit = load_fit(self.bank)
        count = stats_queries.review_count(self.bank)
        return dict(calibration=bins, log_loss=loss, parameters=Parameters(
            fitted=bool(self.settings.parameters), fit=fit, study_reviews=count,
            advice=refit_advice(fit, count, plan.clock.now)))

    def _decay(self) -> float:
        """FSRS-6's forgetting-curve decay, w[20], of the parameters in use."""
        parameters = self.settings.parameters
        return parameters[20] if len(parameters) > 20 else DEFAULT_DECAY
