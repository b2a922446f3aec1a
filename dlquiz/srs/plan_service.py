"""`dlquiz plan`: set, show and clear interview targets, and the forecast for the active
one; the study service asks it how a rating's interval and today's new cards bend toward
the date (srs/deadline.py says how)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, tzinfo
from typing import Any

from dlquiz.srs.days import local_zone
from dlquiz.srs.deadline import Deadline, NewCardRate, new_card_rate
from dlquiz.srs.settings import StudySettings, load_settings
from dlquiz.srs.targets import (
    Target,
    active_target,
    add_target,
    clear_targets,
    load_targets,
    parse_date,
    validated,
)
from dlquiz.store.bank import Bank
from dlquiz.store.schema import InputError, QueueFilter, QueueWindow


def skill_topics() -> dict[str, str]:
    from engine.questions import list_kinds  # deferred: numpy only when a plan is counted

    return {k.id: k.topic for k in list_kinds()}


class PlanService:
    def __init__(self, bank: Bank, clock: Any, zone: tzinfo | None = None,
                 settings: StudySettings | None = None) -> None:
        self.bank = bank
        self.clock = clock
        self.zone = zone or local_zone()
        self._settings = settings

    @property
    def settings(self) -> StudySettings:
        return self._settings if self._settings is not None else load_settings(self.bank)

    def today(self) -> date:
        """The local calendar date: an interview "today" is on today's date, even before
        the study day rolls over at 04:00."""
        now: datetime = self.clock()
        return now.astimezone(self.zone).date()

    def set(self, interview: str, minutes: int | None, deck: str | None,
            topic: str | None) -> Target:
        """Store a target as the active one; one sentence for a bad date, budget, deck or
        topic, and nothing stored."""
        from dlquiz.srs.targets import DEFAULT_MINUTES

        budget = DEFAULT_MINUTES if minutes is None else minutes
        target = validated(Target(parse_date(interview), budget, deck, topic), self.today())
        if deck is not None:
            from dlquiz.store.cards import require_deck

            require_deck(self.bank, deck)
        if topic is not None:
            from dlquiz.store.stats import note_topics

            known = sorted(set(note_topics(self.bank)) | set(skill_topics().values()))
            if topic not in known:
                raise InputError(f"no topic named '{topic}'; topics: {', '.join(known)}.")
        add_target(self.bank, target)
        return target

    def targets(self) -> list[Target]:
        return load_targets(self.bank)

    def clear(self, interview: str | None = None) -> int:
        day = parse_date(interview) if interview else None
        removed = clear_targets(self.bank, day)
        if day is not None and not removed:
            raise InputError(f"no target on {day.isoformat()}; `dlquiz plan` lists them.")
        return removed

    def active(self) -> Target | None:
        return active_target(self.bank, self.today())

    def deadline(self) -> Deadline | None:
        target = self.active()
        if target is None:
            return None
        return target.deadline(self.zone, self.settings.day_rollover_hour)

    def _window(self, now: datetime) -> QueueWindow:
        """The study day the plan counts in (the queue's own instants and filter)."""
        from dlquiz.srs.days import study_window

        s = self.settings
        return study_window(now, self.zone, rollover_hour=s.day_rollover_hour,
                            new_per_day=s.new_per_day, learn_ahead_minutes=s.learn_ahead_minutes)

    def filters(self, target: Target) -> QueueFilter:
        return QueueFilter(deck=target.deck, topic=target.topic)

    def new_cards(self, target: Target) -> NewCardRate:
        """Today's new-card rate toward the target (rule 2)."""
        from dlquiz.store.cards import count_new

        s = self.settings
        now = self.clock()
        unseen = count_new(self.bank, self._window(now), self.filters(target), skill_topics())
        return new_card_rate(unseen, now, target.deadline(self.zone, s.day_rollover_hour),
                             s.new_per_day)

    def forecast(self) -> Any:
        """The active target's forecast (plan_forecast.Forecast), or None."""
        from dlquiz.srs.plan_forecast import forecast
        from dlquiz.srs.scheduler import make_scheduler
        from dlquiz.store.cards import plan_cards

        target = self.active()
        if target is None:
            return None
        s = self.settings
        now = self.clock()
        window = self._window(now)
        topics = skill_topics()
        cards = plan_cards(self.bank, window, self.filters(target), topics)
        calm = make_scheduler(replace(s, enable_fuzzing=False))
        return forecast(cards, now, target.deadline(self.zone, s.day_rollover_hour), calm,
                        s.new_per_day, new_card_order(self.bank, window, self.filters(target),
                                                      topics))


def new_card_order(bank: Bank, window: QueueWindow, filters: QueueFilter,
                   topics: dict[str, str]) -> list[int]:
    """The new cards in the order the study queue introduces them: note cards (the user's
    decks first, by question number), a skill card after every two."""
    from dlquiz.srs.day_queue import SKILL_EVERY
    from dlquiz.store.cards import new_order

    notes, skills = new_order(bank, window, filters, topics, limit=1_000_000)
    order: list[int] = []
    while notes or skills:
        first, second = (skills, notes) if len(order) % SKILL_EVERY == SKILL_EVERY - 1 \
            else (notes, skills)
        order.append((first or second).pop(0))
    return order
