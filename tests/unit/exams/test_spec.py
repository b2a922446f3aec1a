"""Exam specs: presets, TOML files (errors name the file and line), flags, and bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlquiz.exams.spec import (
    PRESETS,
    ExamSpec,
    SpecOverrides,
    parse_difficulty,
    parse_topic,
    preset,
    read_spec_file,
)
from dlquiz.store.schema.errors import InputError


def test_presets_match_what_the_issue_describes() -> None:
    mock, quick, missed = preset("mock"), preset("quick"), preset("missed")
    assert (mock.minutes, mock.items, mock.computational) == (45, 10, 0.5)
    assert (quick.minutes, quick.items, quick.computational) == (10, 5, 1.0)
    assert missed.missed_only and not mock.missed_only
    with pytest.raises(InputError, match="presets: mock, quick, missed"):
        preset("final")


def test_toml_spec_file(tmp_path: Path) -> None:
    path = tmp_path / "mock.toml"
    path.write_text('items = 12\nminutes = 30\ncomputational = 0.25\ndifficulty = [2, 3]\n'
                    'feedback = "immediate"\nseed = 7\n[topics]\nconv = 2\noptim = 1\n',
                    encoding="utf-8")
    spec = read_spec_file(path)
    assert spec == ExamSpec(name="mock", topics=(("conv", 2.0), ("optim", 1.0)), items=12,
                            computational=0.25, difficulties=(2, 3), minutes=30,
                            feedback="immediate", seed=7)


def test_toml_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("items = 12\nminutes = = 30\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.toml: not valid TOML .*line 2"):
        read_spec_file(path)
    path.write_text("itemz = 3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown key.*itemz"):
        read_spec_file(path)


@pytest.mark.parametrize(("changes", "words"), [
    ({"items": 0}, "number of items must be between 1 and 100"),
    ({"items": 10**9}, "number of items"),
    ({"minutes": -5}, "time limit must be between 1 and 600"),
    ({"minutes": 100000}, "time limit"),
    ({"computational": 1.5}, "computational share"),
    ({"difficulties": (4,)}, "difficulty must be"),
    ({"feedback": "later"}, "feedback must be"),
    ({"topics": (("conv", -1.0),)}, "weights must be positive"),
])
def test_out_of_bounds_specs_are_refused(changes: dict[str, object], words: str) -> None:
    from dataclasses import replace

    with pytest.raises(InputError, match=words):
        replace(ExamSpec(), **changes).validate()  # type: ignore[arg-type]


def test_difficulty_and_topic_forms() -> None:
    assert parse_difficulty("mix") == (1, 2, 3)
    assert parse_difficulty("3,2") == (2, 3)
    assert parse_difficulty(2) == (2,)
    assert parse_topic("conv:2.5") == ("conv", 2.5)
    assert parse_topic("optim") == ("optim", 1.0)
    with pytest.raises(InputError):
        parse_topic("conv:lots")


def test_flags_override_a_preset() -> None:
    spec = SpecOverrides(topics=(("conv", 1.0),), items=3, minutes=5, seed=9).apply(
        PRESETS["mock"])
    assert (spec.name, spec.items, spec.minutes, spec.seed, spec.topics) == (
        "mock", 3, 5, 9, (("conv", 1.0),))
    assert spec.difficulties == PRESETS["mock"].difficulties
