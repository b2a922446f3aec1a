"""Study settings, stored in the bank's meta table so every command and the TUI agree.

Every setting has bounds: a value outside them is refused when it is set (one sentence
naming the setting and the range), and a stored value that is out of range (written by
hand, or by an older dlquiz) falls back to the default instead of breaking every command.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from dlquiz.store.bank import DEFAULT_BACKUPS_KEPT, SETTINGS_KEY, Bank, get_meta, set_meta
from dlquiz.store.schema import InputError

# name -> (lowest, highest) for numbers, or the bounds of every element for step lists
BOUNDS: dict[str, tuple[float, float]] = {
    "desired_retention": (0.7, 0.99),
    "learning_steps": (1, 60 * 24 * 7),
    "relearning_steps": (1, 60 * 24 * 7),
    "maximum_interval": (1, 36500),
    "new_per_day": (0, 9999),
    "day_rollover_hour": (0, 23),
    "leech_lapses": (1, 99),
    "learn_ahead_minutes": (0, 24 * 60),
    "backups_kept": (0, 365),
    "max_answer_seconds": (0, 3600),
}
MAX_STEPS = 10
EDITABLE_EXCLUDED = ("parameters",)  # fitted by `dlquiz optimize`, not typed by hand


@dataclass(frozen=True)
class StudySettings:
    """Everything that shapes a study day. Steps are in minutes, intervals in days."""

    desired_retention: float = 0.9
    learning_steps: tuple[int, ...] = (1, 10)
    relearning_steps: tuple[int, ...] = (10,)
    maximum_interval: int = 36500
    enable_fuzzing: bool = True
    new_per_day: int = 20
    day_rollover_hour: int = 4
    leech_lapses: int = 8
    learn_ahead_minutes: int = 20
    backups_kept: int = DEFAULT_BACKUPS_KEPT
    space_rates_good: bool = True  # Space on a shown answer rates Good, as in Anki
    # the most time one answer counts for (Anki's default too): a card left open during a
    # break must not add an hour to the study time
    max_answer_seconds: int = 60
    parameters: tuple[float, ...] = ()

    def problems(self) -> list[str]:
        found = []
        for name, (low, high) in BOUNDS.items():
            value = getattr(self, name)
            values = value if isinstance(value, tuple) else (value,)
            if isinstance(value, tuple) and len(value) > MAX_STEPS:
                found.append(f"{name} takes at most {MAX_STEPS} steps")
            if any(not low <= v <= high for v in values):
                found.append(f"{name} must be between {_num(low)} and {_num(high)}")
        return found

    def validate(self) -> StudySettings:
        problems = self.problems()
        if problems:
            raise InputError("; ".join(problems) + ".")
        return self


def _num(value: float) -> str:
    return f"{value:g}"


def setting_names() -> list[str]:
    return [f.name for f in fields(StudySettings) if f.name not in EDITABLE_EXCLUDED]


def _coerce(name: str, raw: str) -> Any:
    """Parse a setting typed on the command line into the field's type."""
    default = getattr(StudySettings(), name)
    try:
        if isinstance(default, bool):
            if raw.lower() not in {"true", "false", "on", "off", "1", "0", "yes", "no"}:
                raise ValueError(raw)
            return raw.lower() in {"true", "on", "1", "yes"}
        if isinstance(default, tuple):
            return tuple(int(part) for part in raw.replace(",", " ").split())
        value = type(default)(raw)
        if isinstance(value, float) and value != value:  # NaN compares false to any bound
            raise ValueError(raw)
        return value
    except (ValueError, OverflowError):
        raise InputError(f"'{raw}' is not a valid value for {name}.") from None


def from_stored(raw: str | None) -> StudySettings:
    """Settings from their JSON; unknown keys are ignored and an out-of-range value falls
    back to its default."""
    if raw is None:
        return StudySettings()
    stored = json.loads(raw)
    settings = StudySettings()
    for f in fields(StudySettings):
        if f.name not in stored:
            continue
        value: Any = stored[f.name]
        changes: dict[str, Any] = {f.name: tuple(value) if isinstance(value, list) else value}
        candidate = replace(settings, **changes)
        if len(candidate.problems()) == len(settings.problems()):
            settings = candidate
    return settings


def load_settings(bank: Bank) -> StudySettings:
    return from_stored(get_meta(bank, SETTINGS_KEY))


def save_settings(bank: Bank, settings: StudySettings) -> None:
    set_meta(bank, SETTINGS_KEY, json.dumps(asdict(settings.validate())))


def require_setting(name: str) -> None:
    if name not in setting_names():
        raise InputError(f"unknown setting '{name}'; settings: {', '.join(setting_names())}.")


def with_setting(settings: StudySettings, name: str, raw: str) -> StudySettings:
    require_setting(name)
    return replace(settings, **{name: _coerce(name, raw)}).validate()
