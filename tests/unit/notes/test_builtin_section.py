"""The built-in section an export puts on a draft: written with markers, dropped again by
every reader (the notes parser, the CSV reader, the Anki reader), so the draft stays a
draft and the user's own text stays exactly what it was."""

from __future__ import annotations

from dlquiz.notes.builtin_section import (
    END,
    LABEL,
    START,
    BuiltinAnswer,
    section_html,
    with_section,
    without_section,
    without_section_html,
)
from dlquiz.notes.model import Reference
from dlquiz.notes.parser import parse_notes

TWIN = BuiltinAnswer(answer="内置：$a^2$\n\n- 要点", references=(
    Reference("Paper [v2]", "https://arxiv.org/abs/1"), Reference("A book", "")))


def test_section_is_labelled_and_marked() -> None:
    text = with_section("我的一句。", TWIN)
    assert text.startswith("我的一句。\n\n" + START)
    assert f"#### {LABEL}" in text and text.endswith(END)
    assert "- [Paper \\[v2\\]](https://arxiv.org/abs/1)" in text and "- A book" in text
    assert with_section("", TWIN).startswith(START)
    assert with_section("我的一句。", None) == "我的一句。"


def test_readers_get_the_users_text_back() -> None:
    assert without_section(with_section("我的一句。", TWIN)) == "我的一句。"
    assert without_section(with_section("", TWIN)) == ""
    assert without_section("前\n\n" + START + "\n\n内置") == "前"  # end marker lost: the rest
    assert without_section("没有标记的答案") == "没有标记的答案"
    field = "<p>我的</p>" + section_html("<p>内置</p>", "<ul><li>x</li></ul>")
    assert LABEL in field and without_section_html(field) == "<p>我的</p>"
    classed_only = '<p>我的</p><div class="dlquiz-builtin"><h4>x</h4></div>'
    assert without_section_html(classed_only) == "<p>我的</p>"


def test_the_notes_parser_skips_the_section() -> None:
    text = ("## 003 卷积操作\n\n- [ ] TODO\n\n" + with_section("", TWIN)
            + "\n\n**参考资料**\n\n- [mine](https://example.org/m)\n")
    (note,) = parse_notes(text).notes
    assert note.status == "draft" and note.answer == ""
    assert note.references == (Reference("mine", "https://example.org/m"),)
    partial = parse_notes("## 005 部分\n\n自己的。\n\n- [ ] TODO\n\n"
                          + with_section("", TWIN) + "\n\n后面还是我的。\n").notes[0]
    assert partial.status == "partial" and partial.answer == "自己的。\n\n后面还是我的。"


def test_an_ordinary_comment_still_does_not_hide_anything() -> None:
    (note,) = parse_notes("## 001 题\n\n<!-- 我的注释 -->\n\n答案。\n").notes
    assert note.answer == "答案。" and note.status == "answered"
