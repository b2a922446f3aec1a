"""Assembly: the same spec and seed give the same items, no item repeats, topic weights
are honoured, short pools say how many there are, follow-ups come right after their parent."""

from __future__ import annotations

from collections import Counter

import pytest

from dlquiz.exams.assemble import KindMaterial, assemble
from dlquiz.exams.spec import ExamSpec
from dlquiz.store.exams.records import NoteMaterial
from dlquiz.store.schema.errors import InputError

KINDS = [KindMaterial(f"conv-{i}", "conv") for i in range(6)] + \
        [KindMaterial(f"optim-{i}", "optim") for i in range(6)]


def note(i: int, tag: str, followups: tuple[tuple[str, str], ...] = ()) -> NoteMaterial:
    return NoteMaterial(note_id=i, deck="builtin", key=f"q{i:03d}", topic="卷积",
                        tags=(tag,), number=f"{i:03d}", title=f"问题 {i}", answer="- a\n- b\n",
                        followups=followups)


NOTES = [note(i, "conv") for i in range(1, 7)] + [note(i, "optim") for i in range(7, 13)]


def test_same_spec_and_seed_same_items() -> None:
    spec = ExamSpec(items=8, computational=0.5)
    first = assemble(spec, 42, KINDS, NOTES)
    again = assemble(spec, 42, list(reversed(KINDS)), list(reversed(NOTES)))
    assert first == again  # input order does not matter either
    assert first != assemble(spec, 43, KINDS, NOTES)


def test_items_never_repeat_and_the_mix_is_the_share() -> None:
    items = assemble(ExamSpec(items=12, computational=0.5), 1, KINDS, NOTES)
    kinds = [i.kind for i in items if i.kind]
    notes = [i.note.note_id for i in items if i.note]
    assert len(kinds) == len(set(kinds)) == 6
    assert len(notes) == len(set(notes)) == 6


def test_topic_weights_split_by_largest_remainder() -> None:
    spec = ExamSpec(topics=(("conv", 2.0), ("optim", 1.0)), items=6, computational=1.0)
    items = assemble(spec, 5, KINDS, NOTES)
    assert Counter(i.topic for i in items) == {"conv": 4, "optim": 2}  # 6·2/3, 6·1/3


def test_question_ids_carry_difficulty_and_seed() -> None:
    spec = ExamSpec(items=4, computational=1.0, difficulties=(3,))
    for item in assemble(spec, 9, KINDS, NOTES):
        assert item.question_id is not None
        kind, level, seed = item.question_id.split("/")
        assert kind == item.kind and level == "3" and 0 <= int(seed) < 10**9


def test_too_few_items_say_how_many_there_are() -> None:
    spec = ExamSpec(topics=(("conv", 1.0),), items=20, computational=0.5)
    with pytest.raises(InputError, match="hold 6 computational kinds and 6 notes"):
        assemble(spec, 1, KINDS, NOTES)


def test_unknown_topic_lists_the_valid_ones() -> None:
    with pytest.raises(InputError, match=r"'rnn'.*topics: conv, optim, 卷积"):
        assemble(ExamSpec(topics=(("rnn", 1.0),)), 1, KINDS, NOTES)


def test_missed_only_asks_what_there_is() -> None:
    spec = ExamSpec(items=10, computational=0.5, missed_only=True)
    items = assemble(spec, 3, KINDS[:2], NOTES[:1])
    assert len(items) == 3
    with pytest.raises(InputError, match="nothing was got wrong recently"):
        assemble(spec, 3, [], [])


def test_followup_comes_right_after_its_parent() -> None:
    parents = [note(i, "conv", followups=(("追问？", "答。"),)) for i in range(1, 7)]
    seen = 0
    for seed in range(20):
        items = assemble(ExamSpec(items=6, computational=0.0), seed, [], parents)
        assert len(items) == 6
        for index, item in enumerate(items):
            if item.followup is not None:
                seen += 1
                assert items[index - 1].note == item.note and items[index - 1].followup is None
    assert seen > 0
