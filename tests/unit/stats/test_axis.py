"""The axis logic every chart shares, against values worked out by hand: 1-2-5 steps, the
axis' top, tick labels of at most three significant figures, the time unit by magnitude."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlquiz.ui.axis import axis, nice_step, tick_label, time_unit


@pytest.mark.parametrize(("raw", "step"), [
    (0.3, 0.5), (0.5, 0.5), (0.51, 1.0), (1.0, 1.0), (1.2, 2.0), (2.0, 2.0), (3.7, 5.0),
    (6.0, 10.0), (15.6, 20.0), (250.0, 500.0), (0.012, 0.02), (7200.0, 10000.0),
])
def test_the_step_is_the_next_one_two_or_five(raw: float, step: float) -> None:
    assert nice_step(raw) == pytest.approx(step)


def test_the_issue_s_study_time_axis() -> None:
    # 62.4754 minutes on the busiest day: four intervals at most -> 15.6 a step -> 20
    scale = axis(62.4754, most_ticks=4)
    assert scale.step == 20 and scale.top == 80
    assert [tick_label(v, scale.step) for v in scale.ticks] == ["0", "20", "40", "60", "80"]


@pytest.mark.parametrize(("largest", "ticks", "whole", "top"), [
    (3, 2, True, 4),     # 1.5 a step -> 2, two steps hold 3
    (7, 2, True, 10),    # 3.5 -> 5
    (1, 2, True, 1),     # a count never gets a half step
    (0.8, 2, False, 1),  # 0.4 -> 0.5, two steps
    (100, 4, False, 100),
    (0, 4, False, 1),    # nothing to draw: an axis to 1
])
def test_the_top_holds_the_largest_value(largest: float, ticks: int, whole: bool,
                                         top: float) -> None:
    assert axis(largest, ticks, whole).top == pytest.approx(top)


@pytest.mark.parametrize(("value", "step", "text"), [
    (0, 1, "0"), (2.5, 0.5, "2.5"), (0.25, 0.05, "0.25"), (40, 20, "40"), (1200, 200, "1.2k"),
    (35000, 5000, "35k"), (1_500_000, 500_000, "1.5M"), (0.1, 0.02, "0.1"), (150, 50, "150"),
])
def test_tick_labels_carry_only_the_decimals_their_step_needs(value: float, step: float,
                                                               text: str) -> None:
    assert tick_label(value, step) == text


def significant(text: str) -> int:
    digits = re.sub(r"[^0-9]", "", text).lstrip("0")
    return len(digits.rstrip("0")) if "." not in text else len(digits)


@given(st.floats(min_value=1e-3, max_value=1e9, allow_nan=False), st.integers(1, 5))
def test_every_axis_is_one_two_five_and_reads_in_three_figures(largest: float,
                                                               most: int) -> None:
    scale = axis(largest, most)
    mantissa = scale.step / 10 ** math.floor(math.log10(scale.step))
    assert round(mantissa, 6) in (1.0, 2.0, 5.0)
    assert scale.top >= largest * (1 - 1e-9)
    assert scale.top - scale.step < largest
    assert len(scale.ticks) - 1 <= most  # the step is at least largest / most
    for tick in scale.ticks:
        assert significant(tick_label(tick, scale.step)) <= 3, (tick, scale.step)


@pytest.mark.parametrize(("seconds", "unit"), [
    (0, "s"), (90, "s"), (119, "s"), (120, "min"), (3748, "min"), (7199, "min"),
    (7200, "h"), (40_000, "h"),
])
def test_time_reads_in_seconds_minutes_or_hours_by_magnitude(seconds: float,
                                                             unit: str) -> None:
    assert time_unit(seconds).key == unit
