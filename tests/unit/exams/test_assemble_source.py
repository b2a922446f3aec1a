"""Where recall items come from (ExamSpec.source): "all" asks the user's own notes first,
their share being their share of what the user studies, and fills the rest from the
built-in bank; "mine" and "builtin" ask only one side; a spec file or flag says which."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlquiz.exams.assemble import assemble, by_source, own_share
from dlquiz.exams.spec import ExamSpec, SpecOverrides, preset, read_spec_file
from dlquiz.store.exams.records import NoteMaterial
from dlquiz.store.schema.errors import InputError


def note(i: int, *, own: bool, studied: bool = False, key: str | None = None) -> NoteMaterial:
    return NoteMaterial(note_id=i, deck="mine" if own else "builtin", key=key or f"q{i:03d}",
                        topic=None, tags=("conv",), number=f"{i:03d}", title=f"问题 {i}",
                        answer="- a\n- b\n", own=own, studied=studied)


BUILTIN = [note(i, own=False) for i in range(100, 130)]


def recall_ids(spec: ExamSpec, seed: int, notes: list[NoteMaterial]) -> list[int]:
    return [i.note.note_id for i in assemble(spec, seed, [], notes) if i.note]


def test_a_user_who_studies_only_own_notes_is_asked_only_them() -> None:
    studied = [note(i, own=True, studied=True) for i in range(1, 21)]
    spec = ExamSpec(items=8, computational=0.0)
    for seed in range(10):
        assert set(recall_ids(spec, seed, studied + BUILTIN)) <= {n.note_id for n in studied}


def test_the_own_share_follows_what_is_studied() -> None:
    # 3 of the 4 studied notes are the user's: 3/4 of 8 recall items = 6 own ones
    own = [note(i, own=True, studied=i <= 3) for i in range(1, 11)]
    builtin = [note(100, own=False, studied=True), *BUILTIN[1:]]
    assert own_share(own + builtin) == pytest.approx(3 / 4)
    for seed in range(10):
        ids = recall_ids(ExamSpec(items=8, computational=0.0), seed, own + builtin)
        mine = [i for i in ids if i < 100]
        assert len(ids) == 8 and len(mine) == 6
        assert {1, 2, 3} <= set(mine)  # the studied own notes come first


def test_before_any_study_the_share_is_that_of_the_notes() -> None:
    own = [note(i, own=True) for i in range(1, 11)]  # 10 own of 40 notes: 2 of 8 items
    assert own_share(own + BUILTIN) == pytest.approx(10 / 40)
    ids = recall_ids(ExamSpec(items=8, computational=0.0), 4, own + BUILTIN)
    assert len([i for i in ids if i < 100]) == 2


def test_the_builtin_bank_fills_what_the_own_notes_lack_and_the_other_way() -> None:
    own = [note(i, own=True, studied=True) for i in range(1, 4)]
    ids = recall_ids(ExamSpec(items=8, computational=0.0), 1, own + BUILTIN)
    assert len(ids) == 8 and set(ids) >= {1, 2, 3}
    # only a built-in note was studied (own share 0), and there is just that one: the
    # user's notes fill the other 7
    few_builtin = [note(i, own=True) for i in range(1, 11)] + [note(100, own=False,
                                                                    studied=True)]
    assert own_share(few_builtin) == 0.0
    ids = recall_ids(ExamSpec(items=8, computational=0.0), 1, few_builtin)
    assert len(ids) == 8 and 100 in ids


def test_one_question_is_asked_once_and_through_the_users_note() -> None:
    twin_own = note(1, own=True, studied=True, key="q100")
    notes = [twin_own, *BUILTIN]
    assert [n.note_id for n in by_source(notes, "all") if n.key == "q100"] == [1]
    assert [n.note_id for n in by_source(notes, "builtin") if n.key == "q100"] == [100]
    assert [n.note_id for n in by_source(notes, "mine")] == [1]


def test_mine_and_builtin_ask_one_side_only() -> None:
    own = [note(i, own=True, studied=True) for i in range(1, 11)]
    mine = recall_ids(ExamSpec(items=6, computational=0.0, source="mine"), 2, own + BUILTIN)
    assert len(mine) == 6 and all(i < 100 for i in mine)
    built = recall_ids(ExamSpec(items=6, computational=0.0, source="builtin"), 2,
                       own + BUILTIN)
    assert len(built) == 6 and all(i >= 100 for i in built)
    with pytest.raises(InputError, match=r"your own notes only\) hold 0 computational kinds "
                                         r"and 10 notes"):
        assemble(ExamSpec(items=12, computational=0.0, source="mine"), 1, [], own + BUILTIN)


def test_the_source_in_a_spec_file_flags_and_presets(tmp_path: Path) -> None:
    spec_file = tmp_path / "round2.toml"
    spec_file.write_text('preset = "mock"\nsource = "mine"\n', encoding="utf-8")
    assert read_spec_file(spec_file).source == "mine"
    assert SpecOverrides(source="builtin").apply(preset("mock")).source == "builtin"
    assert {preset(name).source for name in ("mock", "quick", "missed")} == {"all"}
    assert ExamSpec().to_dict()["source"] == "all"  # stored with the exam
    spec_file.write_text('source = "everything"\n', encoding="utf-8")
    with pytest.raises(InputError, match="source must be one of all, mine, builtin "
                                         r"\(got everything\)"):
        read_spec_file(spec_file)
