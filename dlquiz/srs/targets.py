"""Interview targets, kept in the bank's meta table (one JSON list) so every command and
the study screen see the same: a date, the minutes a day, an optional deck and topic; several
may be stored (two companies), one is active."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, time, tzinfo

from dlquiz.srs.days import day_start
from dlquiz.srs.deadline import Deadline
from dlquiz.store.bank import Bank, get_meta, set_meta
from dlquiz.store.schema import InputError

TARGETS_KEY = "interview_targets"
MAX_MINUTES = 24 * 60
DEFAULT_MINUTES = 45


@dataclass(frozen=True)
class Target:
    interview: date
    minutes_per_day: int = DEFAULT_MINUTES
    deck: str | None = None
    topic: str | None = None
    active: bool = True

    def deadline(self, zone: tzinfo, rollover_hour: int) -> Deadline:
        """The interview day's start as an instant (its study day begins at the rollover
        hour) with the daily minutes."""
        noon = datetime.combine(self.interview, time(12), tzinfo=zone)
        return Deadline(day_start(noon, zone, rollover_hour), self.minutes_per_day)

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "interview": self.interview.isoformat()}


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. "
                         "2027-01-15.") from None


def validated(target: Target, today: date) -> Target:
    """The target, or one sentence on what is wrong with it."""
    if target.interview <= today:
        raise InputError(f"the interview date {target.interview.isoformat()} is not after "
                         f"today ({today.isoformat()}): give a day in the future.")
    if not 1 <= target.minutes_per_day <= MAX_MINUTES:
        raise InputError(f"--minutes-per-day {target.minutes_per_day} is outside 1 to "
                         f"{MAX_MINUTES} (24 hours).")
    return target


def load_targets(bank: Bank) -> list[Target]:
    raw = get_meta(bank, TARGETS_KEY)
    if not raw:
        return []
    found = []
    for entry in json.loads(raw):
        try:
            found.append(Target(date.fromisoformat(entry["interview"]),
                                int(entry.get("minutes_per_day", DEFAULT_MINUTES)),
                                entry.get("deck"), entry.get("topic"),
                                bool(entry.get("active", False))))
        except (KeyError, TypeError, ValueError):
            continue  # an entry written by hand that cannot be read is left out
    return found


def active_target(bank: Bank, today: date) -> Target | None:
    """The active target while its day has not passed (after it, the normal schedule)."""
    for target in load_targets(bank):
        if target.active and target.interview >= today:
            return target
    return None


def add_target(bank: Bank, target: Target) -> list[Target]:
    """Store `target` as the active one (replacing one for the same date and scope)."""
    kept = [replace(t, active=False) for t in load_targets(bank)
            if (t.interview, t.deck, t.topic) != (target.interview, target.deck, target.topic)]
    targets = [replace(target, active=True), *kept]
    _save(bank, targets)
    return targets


def clear_targets(bank: Bank, interview: date | None = None) -> int:
    """Remove the target of `interview` (or all); the number removed."""
    targets = load_targets(bank)
    kept = [t for t in targets if interview is not None and t.interview != interview]
    if kept and not any(t.active for t in kept):
        kept[0] = replace(kept[0], active=True)
    _save(bank, kept)
    return len(targets) - len(kept)


def _save(bank: Bank, targets: list[Target]) -> None:
    set_meta(bank, TARGETS_KEY, json.dumps([t.to_dict() for t in targets]))
