"""The deadline rules on hand-worked cases (srs/deadline.py): when an interval is moved
into the last week and to which day, the new-card rate and what it cannot reach, and that
the last week and the day itself are left to rule 3 and the normal schedule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from dlquiz.srs.deadline import Deadline, capped_due, in_last_week, new_card_rate

STARTS = datetime(2027, 1, 15, 4, 0, tzinfo=UTC)  # the interview day's study day begins
DEADLINE = Deadline(STARTS, 25)
NOW = STARTS - timedelta(days=26)  # 2026-12-20 04:00


def curve(per_day: float) -> Callable[[float], float]:
    """A forgetting curve that keeps `per_day` of the memory each day."""
    return lambda days: per_day ** days


def test_an_interval_past_the_day_moves_to_the_latest_day_that_keeps_the_goal() -> None:
    # 0.995^d: 0.995^26 = 0.878 on the day (< 0.97), so the review moves. 0.995^6 = 0.9704
    # is still >= 0.97 and 0.995^7 = 0.9655 is not: six days ahead, on 2027-01-09 04:00.
    normal = STARTS + timedelta(days=15)
    assert capped_due(normal, NOW, DEADLINE, curve(0.995)) == STARTS - timedelta(days=6)


def test_a_weak_card_is_due_on_the_eve() -> None:
    # 0.98^2 = 0.9604 < 0.97: no day earlier than the eve keeps it above the goal
    normal = STARTS + timedelta(days=1)
    assert capped_due(normal, NOW, DEADLINE, curve(0.98)) == STARTS - timedelta(days=1)


def test_a_strong_card_keeps_its_interval() -> None:
    # 0.9995^26 = 0.987 >= 0.97 on the day without another review: nothing spent on it
    normal = STARTS + timedelta(days=40)
    assert capped_due(normal, NOW, DEADLINE, curve(0.9995)) == normal


def test_an_interval_that_ends_before_the_day_is_fsrs_s() -> None:
    normal = STARTS - timedelta(days=10)
    assert capped_due(normal, NOW, DEADLINE, curve(0.9)) == normal


@pytest.mark.parametrize("days_before", [7, 3, 1, 0])
def test_the_last_week_and_the_day_are_left_alone(days_before: int) -> None:
    now = STARTS - timedelta(days=days_before)
    normal = STARTS + timedelta(days=20)
    assert in_last_week(now, DEADLINE)
    assert capped_due(normal, now, DEADLINE, curve(0.9)) == normal


def test_new_cards_at_the_usual_rate_when_it_meets_them_all() -> None:
    # 30 days left, the last new card 3 days before: 27 days; ceil(500 / 27) = 19 < 20 usual.
    # 25 minutes hold 1500 / (30 + 3 x 12) = 22 new cards a day: 20 a day, all 500 met
    rate = new_card_rate(500, STARTS - timedelta(days=30), DEADLINE, usual=20)
    assert (rate.per_day, rate.covered, rate.uncovered) == (20, 500, 0)


def test_more_new_cards_when_the_usual_rate_would_miss_some() -> None:
    # ceil(540 / 27) = 20 > 10 usual: 20 a day
    rate = new_card_rate(540, STARTS - timedelta(days=30), DEADLINE, usual=10)
    assert (rate.per_day, rate.covered, rate.uncovered) == (20, 540, 0)


def test_what_the_daily_time_cannot_reach_is_counted() -> None:
    # ceil(1000 / 27) = 38 wanted, 22 affordable: 22 x 27 = 594 met, 406 never seen
    rate = new_card_rate(1000, STARTS - timedelta(days=30), DEADLINE, usual=20)
    assert (rate.per_day, rate.covered, rate.uncovered) == (22, 594, 406)


def test_the_eve_introduces_nothing_new() -> None:
    rate = new_card_rate(10, STARTS - timedelta(hours=20), DEADLINE, usual=20)
    assert (rate.per_day, rate.covered, rate.uncovered) == (0, 0, 10)
