"""Study days roll over at a fixed local hour (04:00 by default, as in Anki), not at midnight,
so a late-night session still counts as the same day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from dlquiz.store.schema import QueueWindow


def local_zone() -> tzinfo:
    """The machine's local time zone (what the user's clock shows)."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def day_start(now: datetime, zone: tzinfo, rollover_hour: int = 4) -> datetime:
    """UTC start of the study day containing `now`."""
    local = now.astimezone(zone)
    start = local.replace(hour=rollover_hour, minute=0, second=0, microsecond=0)
    if local < start:
        start -= timedelta(days=1)
    return start.astimezone(UTC)


def next_day_start(now: datetime, zone: tzinfo, rollover_hour: int = 4) -> datetime:
    """UTC start of the next study day (computed in local time, so DST shifts are honoured)."""
    local_start = day_start(now, zone, rollover_hour).astimezone(zone)
    following = (local_start + timedelta(days=1)).replace(hour=rollover_hour)
    return following.astimezone(UTC)


def study_window(now: datetime, zone: tzinfo, *, rollover_hour: int, new_per_day: int,
                 learn_ahead_minutes: int) -> QueueWindow:
    """The instants the queue needs for the study day that contains `now`."""
    day_end = next_day_start(now, zone, rollover_hour)
    return QueueWindow(now=now, day_start=day_start(now, zone, rollover_hour), day_end=day_end,
                       tomorrow_end=next_day_start(day_end, zone, rollover_hour),
                       learn_ahead_until=now + timedelta(minutes=learn_ahead_minutes),
                       new_per_day=new_per_day)
