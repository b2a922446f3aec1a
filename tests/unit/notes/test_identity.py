"""Note identity: the title key ignores number, case, whitespace and full-width forms."""

from __future__ import annotations

from dlquiz.notes.identity import title_key


def test_title_key_folds_width_case_and_space() -> None:
    assert title_key("ResNet  V2") == title_key("resnet v2") == title_key("ＲｅｓＮｅｔ　ｖ２")
    assert title_key("组卷积（group convolution）") == title_key("组卷积(Group Convolution)")


def test_different_questions_differ() -> None:
    assert title_key("ResNet v1") != title_key("ResNet v2")
