"""Study days roll over at 04:00 local time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from dlquiz.srs.days import day_start, next_day_start

SHANGHAI = ZoneInfo("Asia/Shanghai")  # UTC+8: 04:00 local is 20:00 UTC the day before
NEW_YORK = ZoneInfo("America/New_York")


def test_rollover_at_four_local() -> None:
    before = datetime(2026, 11, 28, 19, 59, tzinfo=UTC)  # 03:59 on the 29th in Shanghai
    after = datetime(2026, 11, 28, 20, 1, tzinfo=UTC)  # 04:01
    assert day_start(before, SHANGHAI) == datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    assert day_start(after, SHANGHAI) == datetime(2026, 11, 28, 20, 0, tzinfo=UTC)
    assert next_day_start(before, SHANGHAI) == datetime(2026, 11, 28, 20, 0, tzinfo=UTC)


def test_dst_day_is_23_hours() -> None:
    # US DST began 2026-03-08 at 02:00; 04:00 EST (09:00 UTC) to 04:00 EDT (08:00 UTC)
    now = datetime(2026, 3, 7, 12, 0, tzinfo=UTC)
    assert day_start(now, NEW_YORK) == datetime(2026, 3, 7, 9, 0, tzinfo=UTC)
    assert next_day_start(now, NEW_YORK) == datetime(2026, 3, 8, 8, 0, tzinfo=UTC)


def test_custom_rollover_hour() -> None:
    now = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)
    assert day_start(now, UTC, rollover_hour=0) == datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
