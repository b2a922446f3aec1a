"""Study settings, stored in the bank's meta table so every command and the TUI agree."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dlquiz.store.errors import BankError
from dlquiz.store.models import MetaRow

SETTINGS_KEY = "study_settings"


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

    def validate(self) -> StudySettings:
        problems = []
        if not 0.7 <= self.desired_retention <= 0.99:
            problems.append("desired_retention must be between 0.7 and 0.99")
        if any(step <= 0 for step in (*self.learning_steps, *self.relearning_steps)):
            problems.append("learning and relearning steps must be positive minutes")
        if self.maximum_interval < 1:
            problems.append("maximum_interval must be at least 1 day")
        if self.new_per_day < 0:
            problems.append("new_per_day must be 0 or more")
        if not 0 <= self.day_rollover_hour <= 23:
            problems.append("day_rollover_hour must be 0-23")
        if self.leech_lapses < 1:
            problems.append("leech_lapses must be at least 1")
        if problems:
            raise BankError("; ".join(problems) + ".")
        return self


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
        return type(default)(raw)
    except ValueError:
        raise BankError(f"'{raw}' is not a valid value for {name}.") from None


def setting_names() -> list[str]:
    return [f.name for f in fields(StudySettings)]


def load_settings(session: Session) -> StudySettings:
    raw = session.scalar(select(MetaRow.value).where(MetaRow.key == SETTINGS_KEY))
    if raw is None:
        return StudySettings()
    stored = json.loads(raw)
    known: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                             for k, v in stored.items() if k in setting_names()}
    return replace(StudySettings(), **known)


def save_settings(session: Session, settings: StudySettings) -> None:
    settings.validate()
    value = json.dumps(asdict(settings))
    row = session.get(MetaRow, SETTINGS_KEY)
    if row is None:
        session.add(MetaRow(key=SETTINGS_KEY, value=value))
    else:
        row.value = value


def require_setting(name: str) -> None:
    if name not in setting_names():
        raise BankError(f"unknown setting '{name}'; settings: {', '.join(setting_names())}.")


def with_setting(settings: StudySettings, name: str, raw: str) -> StudySettings:
    require_setting(name)
    return replace(settings, **{name: _coerce(name, raw)}).validate()
