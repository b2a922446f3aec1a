"""The pure pieces: streaks, calibration arithmetic, mistakes and skills summaries, study
days across a DST change."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from dlquiz.stats.calendar import calendar, streaks
from dlquiz.stats.clock import StatsClock, parse_period
from dlquiz.stats.memory import calibration
from dlquiz.stats.practice import mistakes, skills
from dlquiz.store.schema.errors import InputError
from dlquiz.store.stats.records import CalibrationCell, MistakeSeen, SkillAnswer

from .history import NEW_YORK, NOW


def test_streak_survives_until_a_whole_day_is_missed() -> None:
    assert streaks({-1, -2, -3}) == (3, 3)  # nothing yet today: still alive
    assert streaks({0, -1, -5, -6, -7}) == (2, 3)
    assert streaks({-2, -3}) == (0, 2)  # yesterday missed: broken
    assert streaks(set()) == (0, 0)


def test_an_empty_calendar_divides_nothing() -> None:
    empty = calendar([0] * 365, -364, set(), None)
    assert (empty.days, empty.share_studied, empty.daily_average) == (0, None, None)


def test_calibration_by_hand() -> None:
    # bin 18 (0.90-0.95): 4 ratings predicted 0.92 each, 3 passed;
    # bin 10 (0.50-0.55): 2 ratings predicted 0.5, 0 passed
    ll = 3 * math.log(0.92) + math.log(0.08) + 2 * math.log(0.5)
    cells = [CalibrationCell(18, 4, 3, 3.68, 3 * math.log(0.92) + math.log(0.08)),
             CalibrationCell(10, 2, 0, 1.0, 2 * math.log(0.5))]
    bins, loss = calibration(cells)
    assert loss == pytest.approx(-ll / 6)
    assert bins.rmse_bins == pytest.approx(math.sqrt((4 * (0.92 - 0.75) ** 2
                                                      + 2 * 0.5 ** 2) / 6))
    assert calibration([])[0].rmse_bins is None and calibration([])[1] is None


def test_study_days_are_23_or_25_hours_across_dst() -> None:
    clock = StatsClock(NOW, NEW_YORK, 4)
    days = {s.key: s for s in clock.days(-3, 0)}
    assert days[-3].end - days[-3].start == timedelta(hours=25)
    assert days[0].start == datetime(2026, 11, 3, 9, tzinfo=UTC)
    hours = clock.hours(days[-3].start, days[-3].end)
    assert [h.key for h in hours] == [*range(4, 24), 0, 1, 2, 3]
    one = next(h for h in hours if h.key == 1)
    assert one.end - one.start == timedelta(hours=2)  # 01:00 EDT, then 01:00 EST again
    assert clock.day_of(datetime(2026, 11, 1, 8, 30, tzinfo=UTC)) == -3


def test_bad_period_is_one_sentence() -> None:
    with pytest.raises(InputError, match="'2w' is not a period; use 1m, 3m, 1y or all"):
        parse_period("2w")


def test_mistakes_most_frequent_first_with_weeks() -> None:
    clock = StatsClock(NOW, NEW_YORK, 4)
    seen = [MistakeSeen("忘了 padding", "conv-output-shape", "study", NOW - timedelta(days=2)),
            MistakeSeen("忘了 padding", "pool-output-shape", "exam", NOW - timedelta(days=9)),
            MistakeSeen("忘了 padding", "conv-output-shape", "practice",
                        NOW - timedelta(days=30)),
            MistakeSeen("单位弄错", "kv-cache-size", "practice", NOW - timedelta(hours=1))]
    found = mistakes(seen, clock.day_of)
    assert [m.name for m in found] == ["忘了 padding", "单位弄错"]
    padding = found[0]
    assert padding.count == 3 and padding.days_ago == 2
    assert padding.kinds == ("conv-output-shape", "pool-output-shape")
    assert padding.sources == {"study": 1, "exam": 1, "practice": 1}
    assert padding.weekly[-1] == 1 and padding.weekly[-2] == 1 and sum(padding.weekly) == 3


def test_skills_accuracy_level_and_trend() -> None:
    at = NOW - timedelta(days=1)
    answers = ([SkillAnswer("box-iou", "practice", at, False, 1)] * 10
               + [SkillAnswer("box-iou", "study", at, True, 2)] * 8
               + [SkillAnswer("box-iou", "exam", at, False, 3)] * 2)
    found = skills(answers, {"box-iou": ("detection", "IoU"), "conv-params": ("conv", "P")})
    iou, untouched = found
    assert iou.kind == "box-iou" and iou.total == 20 and iou.correct == 8
    assert iou.attempts == {"study": 8, "practice": 10, "exam": 2}
    assert iou.accuracy_recent == pytest.approx(0.8) and iou.level == 2
    assert iou.trend == pytest.approx(0.8 - 0.0)
    assert untouched.total == 0 and untouched.accuracy is None and untouched.trend is None
