"""The served page's words: the same keys in both languages, and the Chinese ones Chinese
(Latin letters only in a command or address written in backticks, or the name dlquiz)."""

from __future__ import annotations

import re

from dlquiz.ui.serve_labels import SERVE_LABELS


def test_both_languages_have_every_label() -> None:
    assert SERVE_LABELS["zh"].keys() == SERVE_LABELS["en"].keys()


def test_the_chinese_labels_have_no_english_words() -> None:
    for key, text in SERVE_LABELS["zh"].items():
        bare = re.sub(r"`[^`]*`", "", text).replace("dlquiz", "")
        assert re.findall(r"[A-Za-z]{2,}", bare) == [], key
