"""What an exam is made of: topics with weights, the number of items, the share of
computational items, difficulty, time limit, feedback timing, where the recall items come
from (the user's own notes, the built-in bank, or both) and seed. A spec comes from
flags, from a TOML file (read with tomllib), or from a named preset; it is stored with the
exam, so an exam can be shared as a spec file plus a seed.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from dlquiz.store.exams import ExamRecord
from dlquiz.store.schema import InputError

Feedback = Literal["deferred", "immediate"]
Source = Literal["all", "mine", "builtin"]
SOURCES = ("all", "mine", "builtin")
MAX_ITEMS = 100
MAX_MINUTES = 600
MAX_SEED = 2**63 - 1


@dataclass(frozen=True)
class ExamSpec:
    """Everything that decides an exam's items (with the seed) and its rules."""

    name: str | None = None
    topics: tuple[tuple[str, float], ...] = ()  # (topic, weight); empty: everything
    items: int = 10
    computational: float = 0.5  # share of computational items, 0..1
    difficulties: tuple[int, ...] = (1, 2, 3)  # drawn from, one per computational item
    minutes: int = 45
    feedback: Feedback = "deferred"
    followups: bool = True  # a recall item may be followed by one of its follow-ups
    missed_only: bool = False  # the `missed` preset: only what was got wrong recently
    # recall items: "all" draws from the user's own notes first, in proportion to what the
    # user studies, and fills the rest from the built-in bank; "mine" and "builtin" only
    source: Source = "all"
    # the `interview` preset: the topics the interview plan expects to be weakest on the day
    weakest_topics: bool = False
    seed: int | None = None

    def validate(self) -> ExamSpec:
        problems = []
        if not 1 <= self.items <= MAX_ITEMS:
            problems.append(f"the number of items must be between 1 and {MAX_ITEMS} "
                            f"(got {self.items})")
        if not 1 <= self.minutes <= MAX_MINUTES:
            problems.append(f"the time limit must be between 1 and {MAX_MINUTES} minutes "
                            f"(got {self.minutes})")
        if not 0.0 <= self.computational <= 1.0:
            problems.append(f"the computational share must be between 0 and 1 "
                            f"(got {self.computational})")
        if not self.difficulties or any(d not in (1, 2, 3) for d in self.difficulties):
            problems.append("difficulty must be 1, 2, 3 or a mix of them")
        if self.feedback not in ("deferred", "immediate"):
            problems.append(f"feedback must be deferred or immediate (got {self.feedback})")
        if self.source not in SOURCES:
            problems.append(f"source must be one of {', '.join(SOURCES)} (got {self.source})")
        if any(weight <= 0 for _, weight in self.topics):
            problems.append("topic weights must be positive")
        if self.seed is not None and not 0 <= self.seed <= MAX_SEED:
            problems.append(f"the seed must be between 0 and {MAX_SEED}")
        if problems:
            raise InputError("; ".join(problems) + ".")
        return self

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["topics"] = {topic: weight for topic, weight in self.topics}
        data["difficulties"] = list(self.difficulties)
        return data


PRESETS: dict[str, ExamSpec] = {
    # one technical round: mixed topics, half computational, recall with follow-ups, the
    # recall from the user's own notes first (source "all")
    "mock": ExamSpec(name="mock", items=10, computational=0.5, difficulties=(2, 3),
                     minutes=45, source="all"),
    # a short computational drill (no recall items: the source does not matter)
    "quick": ExamSpec(name="quick", items=5, computational=1.0, difficulties=(1, 2, 3),
                      minutes=10, followups=False, source="all"),
    # what was got wrong lately, in study, practice or earlier exams, own notes first
    "missed": ExamSpec(name="missed", items=10, computational=0.5, difficulties=(1, 2, 3),
                       minutes=30, missed_only=True, source="all"),
    # one a day in the last week before an interview (dlquiz plan): a mock round over the
    # topics with the lowest expected recall on the day
    "interview": ExamSpec(name="interview", items=10, computational=0.5, difficulties=(2, 3),
                          minutes=45, weakest_topics=True, source="all"),
}


def preset(name: str) -> ExamSpec:
    if name not in PRESETS:
        raise InputError(f"no preset named '{name}'; presets: {', '.join(PRESETS)}.")
    return PRESETS[name]


def parse_difficulty(raw: str | int | list[Any]) -> tuple[int, ...]:
    """`2`, `"mix"`, `"2,3"` or `[2, 3]` -> the difficulties to draw from."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return (raw,)
    if isinstance(raw, list):
        values = raw
    elif isinstance(raw, str) and raw.strip().lower() == "mix":
        return (1, 2, 3)
    elif isinstance(raw, str):
        values = [part for part in raw.replace(" ", ",").split(",") if part]
    else:
        raise InputError(f"difficulty {raw!r} is not 1, 2, 3, a list of them or 'mix'.")
    try:
        levels = tuple(sorted({int(v) for v in values}))
    except (TypeError, ValueError):
        raise InputError(f"difficulty {raw!r} is not 1, 2, 3, a list of them or "
                         "'mix'.") from None
    return levels


def parse_topic(raw: str) -> tuple[str, float]:
    """`conv` or `conv:2` (weight 2)."""
    topic, _, weight = raw.partition(":")
    if not topic.strip():
        raise InputError(f"'{raw}' is not a topic; use TOPIC or TOPIC:WEIGHT.")
    try:
        return topic.strip(), float(weight) if weight else 1.0
    except ValueError:
        raise InputError(f"'{raw}': the weight after ':' must be a number.") from None


_SPEC_KEYS = {"name", "topics", "items", "computational", "difficulty", "minutes",
              "feedback", "followups", "source", "seed", "preset"}


def read_spec_file(path: Path) -> ExamSpec:
    """A spec from a TOML file; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: is not UTF-8 text; save the spec as UTF-8.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = "" if "line" in str(exc) else f", line {max(1, len(text.splitlines()))}"
        raise InputError(f"{path}: not valid TOML ({exc}{where}).") from None
    unknown = sorted(set(data) - _SPEC_KEYS)
    if unknown:
        raise InputError(f"{path}: unknown key(s) {', '.join(unknown)}; a spec may hold "
                         f"{', '.join(sorted(_SPEC_KEYS))}.")
    base = preset(str(data["preset"])) if "preset" in data else ExamSpec(name=path.stem)
    return spec_from_mapping(base, data, where=str(path))


def spec_from_mapping(base: ExamSpec, data: dict[str, Any], *, where: str) -> ExamSpec:
    changes: dict[str, Any] = {}
    try:
        if "name" in data:
            changes["name"] = str(data["name"])
        if "topics" in data:
            topics = data["topics"]
            if isinstance(topics, dict):
                changes["topics"] = tuple((str(k), float(v)) for k, v in topics.items())
            else:
                changes["topics"] = tuple(parse_topic(str(t)) for t in topics)
        for key in ("items", "minutes", "seed"):
            if key in data:
                changes[key] = int(data[key])
        if "computational" in data:
            changes["computational"] = float(data["computational"])
        if "difficulty" in data:
            changes["difficulties"] = parse_difficulty(data["difficulty"])
        if "feedback" in data:
            changes["feedback"] = str(data["feedback"])
        if "followups" in data:
            changes["followups"] = bool(data["followups"])
        if "source" in data:
            changes["source"] = str(data["source"])
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: a value has the wrong type ({exc}).") from None
    return replace(base, **changes).validate()


@dataclass(frozen=True)
class SpecOverrides:
    """What flags on `dlquiz exam new` change (None: keep the spec's value)."""

    topics: tuple[tuple[str, float], ...] = field(default=())
    items: int | None = None
    computational: float | None = None
    difficulty: str | None = None
    minutes: int | None = None
    feedback: str | None = None
    source: str | None = None
    seed: int | None = None

    def apply(self, spec: ExamSpec) -> ExamSpec:
        data: dict[str, Any] = {}
        if self.topics:
            data["topics"] = {t: w for t, w in self.topics}
        for key in ("items", "computational", "minutes", "feedback", "source", "seed"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.difficulty is not None:
            data["difficulty"] = self.difficulty
        return spec_from_mapping(spec, data, where="the options")


def spec_of(exam: ExamRecord) -> ExamSpec:
    """The spec an exam was built from, as stored with it."""
    data = dict(exam.spec)
    data["topics"] = tuple((str(t), float(w)) for t, w in data.get("topics", {}).items())
    data["difficulties"] = tuple(data.get("difficulties", (1, 2, 3)))
    return ExamSpec(**data)
