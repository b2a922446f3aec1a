"""Why a file gives no notes, in one sentence naming what it saw."""

from __future__ import annotations

import pytest

from dlquiz.notes.diagnose import no_notes_reason


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"])
def test_empty(text: str) -> None:
    assert no_notes_reason(text.lstrip("\ufeff")) == "the file is empty"


def test_files_with_notes_have_no_reason() -> None:
    assert no_notes_reason("# T\n\n## 001 Q\n\nA.\n") is None
    assert no_notes_reason("## Q without a number\n") is None


def test_deeper_headings_are_named_with_their_line() -> None:
    text = "# 深度学习\n\n### 1. 什么是卷积\n\n答案。\n\n### 2. 池化\n\n答案。\n"
    reason = no_notes_reason(text)
    assert reason == ("no `## question` headings found; lines 3, 7 have `### 1. 什么是卷积`; "
                      "line 1 has `# 深度学习`, a `# topic` heading")


def test_a_single_deeper_heading() -> None:
    assert no_notes_reason("intro\n\n### 1. Only one\n") == (
        "no `## question` headings found; line 3 has `### 1. Only one`")


def test_no_headings_at_all() -> None:
    reason = no_notes_reason("just some text\n\n- and a list\n")
    assert reason is not None and reason.startswith("no `## question` headings found (the file "
                                                    "has no headings at all)")


def test_missing_space_after_the_hashes() -> None:
    reason = no_notes_reason("##1. 卷积\n\ntext\n")
    assert reason == ("no `## question` headings found; line 1 has `##1. 卷积` with no space "
                      "after `##`")


def test_only_todo_headings() -> None:
    reason = no_notes_reason("## TODO\n\n- later\n")
    assert reason is not None and "line 1 has only `## TODO` or empty headings" in reason


def test_headings_hidden_in_an_unclosed_fence() -> None:
    reason = no_notes_reason("```\n\n## 001 Q\n\nA.\n")
    assert reason is not None
    assert "line 1: a ``` code fence is never closed" in reason
    assert "line 3" in reason


def test_long_headings_are_shortened() -> None:
    reason = no_notes_reason("### " + "x" * 100 + "\n")
    assert reason is not None and "`### " + "x" * 35 + "…`" in reason  # 40 characters
