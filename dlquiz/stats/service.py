"""The statistics service the front ends share (`dlquiz stats`, its HTML page, the TUI
screen): it asks the store for the aggregates of one scope and period, on one clock, and
assembles the report from them with the pure functions of this package."""

from __future__ import annotations

from collections.abc import Callable
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
from dlquiz.stats.report import Parameters, StatsReport
from dlquiz.store import stats_cards, stats_history, stats_queries
from dlquiz.store.database import Bank
from dlquiz.store.errors import InputError
from dlquiz.store.repository import require_deck
from dlquiz.store.stats_records import Span, StatsScope

FORECAST_ALL = 365  # days of forecast for --period all
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

    def report(self, period: str = "1m", deck: str | None = None, topic: str | None = None,
               lang: str = "zh") -> StatsReport:
        """Every section for one period ("1m", "3m", "1y" or "all") and scope."""
        parse_period(period)
        scope = self.scope(deck, topic)
        clock = StatsClock(self.clock(), self.zone, self.settings.day_rollover_hour)
        first_seen = stats_queries.first_review(self.bank, scope)
        first_day = clock.day_of(first_seen) if first_seen is not None else None
        length = PERIODS[period]
        period_first = -(length - 1) if length else min(first_day or 0, 0)
        parts: dict[str, Any] = dict(
            generated_at=clock.now, time_zone=str(self.zone),
            rollover_hour=clock.rollover_hour, today_date=clock.today, period=period,
            deck=deck, topic=topic, desired_retention=self.settings.desired_retention,
            period_first=period_first)
        parts |= self._reviews(clock, scope, period_first, first_day)
        parts |= self._cards(clock, scope, length or FORECAST_ALL)
        parts |= self._practice(clock, scope, lang)
        parts |= self._calibration(clock, scope, parts.pop("calibration_span"))
        return StatsReport(**parts)

    def _reviews(self, clock: StatsClock, scope: StatsScope, period_first: int,
                 first_day: int | None) -> dict[str, Any]:
        """The period's ratings by kind and button; every day's count for the calendar and
        the streaks; true retention over all time."""
        calendar_first = -(cal.CALENDAR_DAYS - 1)
        history = clock.days(min(period_first, calendar_first, first_day or 0), 0)
        period_days = clock.days(period_first, 0)
        cells = stats_queries.day_cells(self.bank, period_days, scope)
        per_day = stats_queries.day_counts(self.bank, clock.days(calendar_first, 0), scope)
        studied = stats_queries.studied_days(self.bank, history, scope)
        hours = clock.hours(period_days[0].start, period_days[-1].end)
        by_hour = {c.hour: (c.count, c.passed)
                   for c in stats_queries.hour_cells(self.bank, hours, scope)}
        added = stats_queries.notes_added(self.bank, period_days, scope)
        return dict(
            today=reviews.today(cells, stats_queries.rated_cards(self.bank, history[-1], scope)),
            calendar=cal.calendar([per_day.get(d, 0) for d in range(calendar_first, 1)],
                                  calendar_first, studied, first_day),
            per_day=reviews.per_day(cells, period_first, 0),
            notes_added=tuple(added.get(d, 0) for d in range(period_first, 1)),
            retention=reviews.true_retention(
                stats_queries.retention_counts(self.bank, self._segments(clock), scope),
                stats_queries.retention_repeats(self.bank, history, scope)),
            hourly=tuple(by_hour.get(h, (0, 0)) for h in range(24)),
            buttons=reviews.buttons(cells, period_first, 0),
            calibration_span=Span(0, period_days[0].start, period_days[-1].end))

    @staticmethod
    def _segments(clock: StatsClock) -> list[Span]:
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        return [Span(i, clock.start(first) if first is not None else epoch, clock.start(last + 1))
                for i, (first, last) in enumerate(reviews.SEGMENTS)]

    def _cards(self, clock: StatsClock, scope: StatsScope, horizon: int) -> dict[str, Any]:
        decay = self._decay()
        days = clock.days(0, horizon - 1)
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        spans = [Span(-1, epoch, days[0].start), Span(0, epoch, days[0].end), *days[1:]]
        settings = self.settings
        window = study_window(clock.now, clock.zone, rollover_hour=settings.day_rollover_hour,
                              new_per_day=settings.new_per_day,
                              learn_ahead_minutes=settings.learn_ahead_minutes)
        counts = stats_cards.due_counts(self.bank, window, spans, scope)
        due, overdue = [counts.get(d, 0) for d in range(horizon)], counts.get(-1, 0)
        cards = stats_cards.card_summary(self.bank, clock.now, decay, scope)
        kind_topics = {k: v[0] for k, v in self.catalog.items()}
        return dict(forecast=tuple(due), overdue=overdue, daily_load=cards.memory.daily_load,
                    counts=cards.counts, memory=cards.memory,
                    topics=tuple(memory.topics(cards.topics, kind_topics)))

    def _practice(self, clock: StatsClock, scope: StatsScope, lang: str) -> dict[str, Any]:
        kinds = scope.kinds if scope.topic is not None else None
        title = 1 if lang == "zh" else 2
        catalog = {k: (v[0], v[title]) for k, v in self.catalog.items()
                   if kinds is None or k in kinds}
        return dict(
            skills=tuple(practice.skills(stats_history.skill_answers(self.bank, kinds), catalog)),
            mistakes=tuple(practice.mistakes(stats_history.mistakes_seen(self.bank, kinds),
                                             clock.day_of)),
            exams=practice.exams(stats_history.exam_scores(self.bank),
                                 stats_history.exam_topics(self.bank, scope.topic)))

    def _calibration(self, clock: StatsClock, scope: StatsScope, period: Span) -> dict[str, Any]:
        bins, loss = memory.calibration(stats_queries.calibration_cells(self.bank, period,
                                                                        scope))
        fit = load_fit(self.bank)
        count = stats_queries.review_count(self.bank)
        return dict(calibration=bins, log_loss=loss, parameters=Parameters(
            fitted=bool(self.settings.parameters), fit=fit, study_reviews=count,
            advice=refit_advice(fit, count, clock.now)))

    def _decay(self) -> float:
        """FSRS-6's forgetting-curve decay, w[20], of the parameters in use."""
        parameters = self.settings.parameters
        return parameters[20] if len(parameters) > 20 else DEFAULT_DECAY
