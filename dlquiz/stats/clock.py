"""Study days and hours as instants: the clock, zone and rollover hour of the statistics.

A study day starts at the rollover hour (04:00 by default) of the local wall clock, so a
day is 23 or 25 hours long across a DST change; day 0 is today, -1 yesterday, 1 tomorrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dlquiz.srs.days import day_start
from dlquiz.store.schema import InputError
from dlquiz.store.stats import Span

PERIODS = {"1m": 30, "3m": 90, "1y": 365, "all": None}
QUARTER = timedelta(minutes=15)  # every time zone's offset is a whole number of quarters


def parse_period(text: str) -> str:
    if text not in PERIODS:
        raise InputError(f"'{text}' is not a period; use 1m, 3m, 1y or all.")
    return text


@dataclass(frozen=True)
class StatsClock:
    now: datetime
    zone: tzinfo
    rollover_hour: int = 4

    @property
    def today(self) -> date:
        """The local date whose study day contains now."""
        return day_start(self.now, self.zone, self.rollover_hour).astimezone(self.zone).date()

    def date_of(self, day: int) -> date:
        return self.today + timedelta(days=day)

    def start(self, day: int) -> datetime:
        """UTC start of study day `day` (wall-clock rollover hour, whatever DST does)."""
        local = datetime.combine(self.date_of(day), time(self.rollover_hour), tzinfo=self.zone)
        return local.astimezone(UTC)

    def days(self, first: int, last: int) -> list[Span]:
        """Study days first..last (inclusive) as spans keyed by their number."""
        starts = [self.start(day) for day in range(first, last + 2)]
        return [Span(first + i, starts[i], starts[i + 1]) for i in range(len(starts) - 1)]

    def day_of(self, moment: datetime) -> int:
        local = day_start(moment, self.zone, self.rollover_hour).astimezone(self.zone).date()
        return (local - self.today).days

    def hours(self, start: datetime, end: datetime) -> list[Span]:
        """[start, end) cut where the local hour of the day changes, keyed by that hour (a
        zone's offset is whole quarter hours, so quarter-hour steps find every change)."""
        spans: list[Span] = []
        moment = start
        while moment < end:
            aligned = moment.replace(minute=moment.minute - moment.minute % 15, second=0,
                                     microsecond=0)
            step = min(end, aligned + QUARTER)
            hour = moment.astimezone(self.zone).hour
            if spans and spans[-1].key == hour and spans[-1].end == moment:
                spans[-1] = Span(hour, spans[-1].start, step)
            else:
                spans.append(Span(hour, moment, step))
            moment = step
        return spans
