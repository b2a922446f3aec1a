"""What an active interview target changes in a study session, once a study day: the new
cards a day (rule 2), a rating's interval (rule 1), and in the last week the cards pulled in
once the day's are done (rule 3). See srs/deadline.py for the rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from dlquiz.srs.deadline import Deadline, daily_reviews, in_last_week
from dlquiz.srs.plan_service import PlanService
from dlquiz.srs.settings import StudySettings
from dlquiz.srs.targets import Target
from dlquiz.store.bank import Bank
from dlquiz.store.cards import CardRecord
from dlquiz.store.schema import REVIEW

PULL_BATCH = 20  # cards pulled in at a time in the last week
WORTH_A_REVIEW = 0.005  # a review that adds less to the recall on the day is not pulled


@dataclass(frozen=True)
class TowardInterview:
    target: Target
    deadline: Deadline
    new_per_day: int
    days_left: int

    @property
    def pull_limit(self) -> int:
        """Rule 3 pulls cards in while the day's minutes last: at most as many reviews as
        they hold."""
        return daily_reviews(self.deadline.minutes_per_day)


def for_today(bank: Bank, now: datetime, zone: tzinfo,
              settings: StudySettings) -> TowardInterview | None:
    plans = PlanService(bank, lambda: now, zone, settings)
    target = plans.active()
    if target is None:
        return None
    rate = plans.new_cards(target)
    deadline = target.deadline(zone, settings.day_rollover_hour)
    return TowardInterview(target, deadline, max(rate.per_day, settings.new_per_day),
                           deadline.days_left(now))


def rescheduled(settings: StudySettings, card: CardRecord, now: datetime,
                deadline: Deadline) -> CardRecord:
    """Rule 1 on a card FSRS has just scheduled: its review moved before the day when the
    interval would jump past it. Only the due time changes, never the memory state."""
    if card.state != REVIEW or card.last_review is None or card.stability is None:
        return card
    from dlquiz.srs.plan_forecast import planned_due
    from dlquiz.srs.scheduler import make_scheduler, to_fsrs

    scheduler = make_scheduler(replace(settings, enable_fuzzing=False))
    return replace(card, due=planned_due(scheduler, to_fsrs(card), now, deadline))


def pull_ahead(bank: Bank, now: datetime, zone: tzinfo, settings: StudySettings,
               plan: TowardInterview, day_end: datetime) -> int:
    """Rule 3: in the last week, once the day's cards are done, the PULL_BATCH cards whose
    review now adds most to the recall on the day come due now (one undoable action);
    the number pulled."""
    if not in_last_week(now, plan.deadline) or plan.days_left == 0:
        return 0
    from dlquiz.srs.days import study_window
    from dlquiz.srs.plan_forecast import fsrs_card, gain_on_day
    from dlquiz.srs.plan_service import skill_topics
    from dlquiz.srs.scheduler import make_scheduler
    from dlquiz.store.cards import change_cards, plan_cards
    from dlquiz.store.schema import QueueFilter

    window = study_window(now, zone, rollover_hour=settings.day_rollover_hour,
                          new_per_day=settings.new_per_day,
                          learn_ahead_minutes=settings.learn_ahead_minutes)
    calm = make_scheduler(replace(settings, enable_fuzzing=False))
    scope = QueueFilter(deck=plan.target.deck, topic=plan.target.topic)
    waiting = [c for c in plan_cards(bank, window, scope, skill_topics())
               if c.state == REVIEW and c.due >= day_end and c.last_review is not None]
    gains = sorted(((gain_on_day(calm, fsrs_card(c), now, plan.deadline), c.id)
                    for c in waiting), reverse=True)
    chosen = [card_id for gain, card_id in gains[:PULL_BATCH] if gain >= WORTH_A_REVIEW]
    if not chosen:
        return 0
    changed = change_cards(bank, "interview", chosen, lambda c: replace(c, due=now), now)
    return len(changed)

