"""Note identity: the title key ignores number, case, whitespace and full-width forms, and
knows the spelling fixes of built-in titles."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from dlquiz.notes.identity import TITLE_ALIASES, title_key
from dlquiz.notes.parser import read_notes_file


def test_title_key_folds_width_case_and_space() -> None:
    assert title_key("ResNet  V2") == title_key("resnet v2") == title_key("ＲｅｓＮｅｔ　ｖ２")
    assert title_key("组卷积（group convolution）") == title_key("组卷积(Group Convolution)")


def test_different_questions_differ() -> None:
    assert title_key("ResNet v1") != title_key("ResNet v2")


def key_before_aliases(title: str) -> str:
    """The title key as banks stored it before the alias table existed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", title).casefold())


# (number, title with the typo as built-in notes had it and the user's notes have it,
#  the corrected built-in title)
FIXED = [
    ("027", "边框回顾（Bounding-Box Regression）", "边框回归（Bounding-Box Regression）"),
    ("043", "为什么降采用使用max pooling，而分类使用average pooling",
     "为什么降采样使用max pooling，而分类使用average pooling"),
    ("048", "转置卷积（Transposed Convolutions/deconvlution）",
     "转置卷积（Transposed Convolutions/deconvolution）"),
    ("060", "MobileNetv2为什么会加shotcut", "MobileNetv2为什么会加shortcut"),
    ("062", "深度可分离网络（Depth separable convolution）",
     "深度可分离网络（Depthwise separable convolution）"),
]


@pytest.mark.parametrize("number, typo, fixed", FIXED)
def test_both_spellings_share_a_key(number: str, typo: str, fixed: str) -> None:
    assert title_key(typo) == title_key(fixed)
    assert title_key(fixed.upper()) == title_key(typo.replace(" ", "  "))


@pytest.mark.parametrize("number, typo, fixed", FIXED)
def test_history_survives_the_fix(number: str, typo: str, fixed: str) -> None:
    """The corrected built-in title maps to the very key the bank already holds for it."""
    assert title_key(fixed) == key_before_aliases(typo)


@pytest.mark.parametrize("number, typo, fixed", FIXED)
def test_the_users_notes_have_the_old_spellings(seed_notes: Path, number: str, typo: str,
                                                fixed: str) -> None:
    """All five typos are in the user's file, so all five pairs are needed."""
    notes = {n.number: n for n in read_notes_file(seed_notes).notes}
    assert notes[number].title == typo
    assert title_key(notes[number].title) == title_key(fixed)


def test_builtin_twins_still_pair_with_the_users_notes(seed_notes: Path) -> None:
    """Whatever spelling content/ has today (it is being corrected in parallel), each of the
    five built-in notes has the same key as the user's note for that question."""
    content = Path(__file__).resolve().parents[3] / "content"
    builtin = {title_key(n.title) for path in content.glob("*.md")
               for n in read_notes_file(path).notes}
    users = {n.number: n for n in read_notes_file(seed_notes).notes}
    for number, _typo, _fixed in FIXED:
        assert title_key(users[number].title) in builtin, number


def test_the_table_is_folded_and_matches_the_pairs() -> None:
    for corrected, stored in TITLE_ALIASES:
        assert corrected == key_before_aliases(corrected) and stored == key_before_aliases(stored)
    assert len(TITLE_ALIASES) == len(FIXED)


def test_other_titles_are_untouched() -> None:
    assert title_key("Batch Normalization") == key_before_aliases("Batch Normalization")
    assert title_key("ResNet 的 shortcut 连接") == title_key("ResNet 的 shotcut 连接")
