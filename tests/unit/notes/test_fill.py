"""notes/fill.py: the TODO marker becomes the built-in answer, new references join the
note's own list, and nothing else in the text changes (line endings and BOM included)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlquiz.notes.builtin_section import BuiltinAnswer
from dlquiz.notes.fill import fill_text, reference_item, split_lines, without_followups
from dlquiz.notes.model import Reference
from dlquiz.notes.parser import parse_notes

NOTES = """# 卷积

## 001 已答

写好的答案。

## 002 卷积操作


- [ ] TODO

**参考资料**

- [mine](https://example.org/mine)

- [mine too](https://example.org/two)

## 003 空的

## 004 部分

自己写的一句。

- [ ] TODO
"""

ANSWER = BuiltinAnswer(answer="内置第一行\n\n- 要点 $x$\n\n**追问**\n- 问：为什么？ 答：因为。",
                       references=(Reference("mine", "https://example.org/mine"),
                                   Reference("新的 [1]", "https://example.org/new")))


def _fill(text: str, numbers: set[str]) -> str:
    notes = parse_notes(text).notes
    return fill_text(text, notes, {n.line: ANSWER for n in notes if n.number in numbers}).text


def test_marker_replaced_and_reference_appended_to_the_users_list() -> None:
    out = _fill(NOTES, {"002"})
    expected = NOTES.replace(
        "- [ ] TODO\n\n**参考资料**", "内置第一行\n\n- 要点 $x$\n\n**参考资料**", 1).replace(
        "- [mine too](https://example.org/two)\n",
        "- [mine too](https://example.org/two)\n- [新的 \\[1\\]](https://example.org/new)\n")
    assert out == expected
    (note,) = [n for n in parse_notes(out).notes if n.number == "002"]
    assert note.status == "answered"
    assert note.followups == ()  # the built-in follow-ups stay built in
    assert [r.url for r in note.references] == ["https://example.org/mine",
                                                "https://example.org/two",
                                                "https://example.org/new"]


def test_note_without_marker_or_header_gets_answer_and_header_under_its_heading() -> None:
    out = _fill(NOTES, {"003"})
    assert out == NOTES.replace(
        "## 003 空的\n", "## 003 空的\n\n内置第一行\n\n- 要点 $x$\n\n**参考资料**\n\n"
        "- [mine](https://example.org/mine)\n- [新的 \\[1\\]](https://example.org/new)\n")


def test_partial_note_keeps_its_text_and_the_last_line_keeps_its_missing_newline() -> None:
    text = NOTES.rstrip("\n")
    out = _fill(text, {"004"})
    assert out.startswith(text[: text.index("- [ ] TODO")])
    assert out.endswith("自己写的一句。\n\n内置第一行\n\n- 要点 $x$\n\n**参考资料**\n\n"
                        "- [mine](https://example.org/mine)\n"
                        "- [新的 \\[1\\]](https://example.org/new)")
    (note,) = [n for n in parse_notes(out).notes if n.number == "004"]
    assert note.status == "answered" and note.answer.startswith("自己写的一句。")


@pytest.mark.parametrize("bom", ["", "\ufeff"])
@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_line_endings_and_bom_survive(bom: str, eol: str) -> None:
    text = bom + NOTES.replace("\n", eol)
    out = _fill(text, {"002", "003", "004"})
    assert out.startswith(bom) and out.count("\ufeff") == len(bom)
    others = {"\n", "\r\n", "\r"} - {eol}
    body = out.replace(eol, "")
    assert not any(mark in body for mark in others if mark not in eol)
    assert out.lstrip("\ufeff").replace(eol, "\n") == _fill(NOTES, {"002", "003", "004"})


def test_second_marker_goes_and_other_list_items_stay() -> None:
    text = "## 002 卷积操作\n\n- [ ] TODO\n- 一条自己的要点\n\nTODO\n"
    out = _fill(text, {"002"})
    assert out == ("## 002 卷积操作\n\n内置第一行\n\n- 要点 $x$\n\n- 一条自己的要点\n\n"
                   "**参考资料**\n\n- [mine](https://example.org/mine)\n"
                   "- [新的 \\[1\\]](https://example.org/new)\n\n")
    (note,) = parse_notes(out).notes
    assert note.status == "answered" and "一条自己的要点" in note.answer


def test_marker_inside_code_is_not_touched() -> None:
    text = "## 002 卷积操作\n\n```\n- [ ] TODO\n```\n"
    out = _fill(text, {"002"})
    assert "\n\n```\n- [ ] TODO\n```\n\n" in out


def test_without_followups_drops_the_list_and_q_paragraphs_only() -> None:
    assert without_followups("a\n\n**追问**\n- 问：x 答：y\n\nb") == "a\n\nb"
    assert without_followups("a\n\n**追问**\n\n问：x 答：y\n\nb") == "a\n\nb"
    assert without_followups("a\n\n- 问：x 答：y") == "a\n\n- 问：x 答：y"


def test_reference_item_escapes_and_wraps() -> None:
    assert reference_item(Reference("a]b", "https://x.org/a b")) == "[a\\]b](<https://x.org/a b>)"
    assert reference_item(Reference("A book", "")) == "A book"


def test_links_without_a_header_get_one_so_the_answer_list_stays_apart() -> None:
    text = "## 002 卷积操作\n\n- [mine](https://example.org/mine)\n"
    out = _fill(text, {"002"})
    assert out == ("## 002 卷积操作\n\n内置第一行\n\n- 要点 $x$\n\n**参考资料**\n\n"
                   "- [mine](https://example.org/mine)\n"
                   "- [新的 \\[1\\]](https://example.org/new)\n")
    (note,) = parse_notes(out).notes
    assert note.answer == "内置第一行\n\n- 要点 $x$"


def test_marker_and_links_in_one_list_get_a_header_between_them() -> None:
    text = "## 002 卷积操作\n\n- [ ] TODO\n\n- [mine](https://example.org/mine)\n"
    out = _fill(text, {"002"})
    assert out == ("## 002 卷积操作\n\n内置第一行\n\n- 要点 $x$\n\n**参考资料**\n\n"
                   "- [mine](https://example.org/mine)\n"
                   "- [新的 \\[1\\]](https://example.org/new)\n")


@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", "中", "\ufeff"])))
def test_split_lines_gives_the_text_back_with_the_parsers_line_count(text: str) -> None:
    lines = split_lines(text)
    assert "".join(lines) == text
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    assert len(lines) == normalised.count("\n") + (0 if normalised.endswith("\n") or not
                                                   normalised else 1)


_PIECES = {
    "text": ["自己写的一句。", "- 自己的要点\n- 第二点", "$$\nx^2\n$$"],
    "todo": ["- [ ] TODO", "- [ ] ", "TODO", "- [ ] TODO\n- [ ] TODO"],
    "refs": ["**参考资料**\n\n- [r1](https://example.org/1)",
             "**参考资料**\n\n- [r1](https://example.org/1)\n\n- [r2](https://example.org/2)",
             "- [r3](https://example.org/3)", "**参考资料**"],
}


@st.composite
def notes_files(draw: st.DrawFn) -> str:
    notes = []
    for n in range(draw(st.integers(1, 5))):
        parts = [f"## {n + 1:03d} 题目{n}"]
        for kind in ("text", "todo", "refs"):
            if draw(st.booleans()):
                parts.append(draw(st.sampled_from(_PIECES[kind])))
        gap = "\n" * draw(st.integers(1, 3))
        notes.append(gap.join(parts))
    text = "# 主题\n\n" + "\n\n".join(notes) + draw(st.sampled_from(["", "\n", "\n\n"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    return draw(st.sampled_from(["", "\ufeff"])) + text.replace("\n", eol)


@given(notes_files())
def test_filling_changes_only_the_open_notes_and_answers_them(text: str) -> None:
    before = parse_notes(text).notes
    open_lines = {n.line for n in before if n.status != "answered"}
    out = fill_text(text, before, {line: ANSWER for line in open_lines}).text
    after = parse_notes(out).notes
    assert [n.title for n in after] == [n.title for n in before]
    for old, new in zip(before, after, strict=True):
        if old.line not in open_lines:
            assert replace(new, line=old.line) == old
            continue
        assert new.status == "answered" and "内置第一行" in new.answer
        assert set(old.references) <= set(new.references)
        assert Reference("新的 [1]", "https://example.org/new") in new.references
        assert all(line in new.answer for line in old.answer.split("\n"))
