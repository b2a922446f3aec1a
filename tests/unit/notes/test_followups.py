"""Follow-up questions (`**追问**` / `**Follow-ups**`) read into Note.followups."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dlquiz.notes.identity import content_hash, title_key
from dlquiz.notes.model import FollowUp, Note
from dlquiz.notes.parser import parse_notes, read_notes_file

CONTENT = Path(__file__).resolve().parents[3] / "content"


def only(text: str) -> Note:
    (note,) = parse_notes(text).notes
    return note


def test_every_builtin_followup_is_read(seed_notes: Path) -> None:
    """Each `- 问：… 答：…` line of content/ (read now: the files change) is one follow-up,
    split at its first `答：`, and the lines stay in the answer."""
    total = 0
    for path in sorted(CONTENT.glob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for note in read_notes_file(path).notes:
            for f in note.followups:
                line = lines[f.line - 1]
                assert line.startswith("- 问："), (path.name, f.line)
                question, answer = line[len("- 问："):].split("答：", 1)
                assert (f.question, f.answer) == (question.strip(), answer.strip())
                assert line in note.answer
            expected = sum(1 for line in note.answer.split("\n") if line.startswith("- 问："))
            assert len(note.followups) == expected, (path.name, note.number)
            total += expected
    assert total > 300  # 319 when this test was written


def test_the_users_notes_have_none(seed_notes: Path) -> None:
    """Note 083 says 追问 in a sentence; that is not a follow-up list."""
    notes = read_notes_file(seed_notes).notes
    assert all(note.followups == () for note in notes)


def test_builtin_shape() -> None:
    text = ("## 001 Q\n\nAnswer.\n\n**追问**\n"
            "- 问：为什么？ 答：因为 $x^2$。\n"
            "- 问：怎样回答：才好？ 答：直接说。\n"
            "\n**参考资料**\n- [p](https://p.example)\n")
    note = only(text)
    assert [(f.question, f.answer, f.line) for f in note.followups] == [
        ("为什么？", "因为 $x^2$。", 6),
        ("怎样回答：才好？", "直接说。", 7),  # `回答：` inside a word is not the marker
    ]
    assert "- 问：为什么？ 答：因为 $x^2$。" in note.answer


def test_users_shape_with_q_and_a_over_several_lines() -> None:
    text = ("## 001 Q\n\nAnswer.\n\n**Follow-ups**\n\n"
            "- Q: What does BN do at eval time?\n"
            "  A: It uses the running mean\n"
            "  and variance, $\\hat\\mu$ and $\\hat\\sigma^2$.\n"
            "- **Q:** Why?  **A:** Speed.\n"
            "1. Not this: a new list after the follow-ups ends them.\n")
    note = only(text)
    assert [(f.question, f.answer) for f in note.followups] == [
        ("What does BN do at eval time?",
         "It uses the running mean\nand variance, $\\hat\\mu$ and $\\hat\\sigma^2$."),
        ("Why?", "Speed."),
    ]


def test_missing_answer_marker() -> None:
    text = ("## 001 Q\n\n**追问**：\n\n"
            "- 问：只有问题，没有答案？\n"
            "- 问：第一行是问题？\n  第二行起是答案。\n"
            "- 答：只有答案的条目不是追问。\n")
    note = only(text)
    assert [(f.question, f.answer) for f in note.followups] == [
        ("只有问题，没有答案？", ""),
        ("第一行是问题？", "第二行起是答案。"),
    ]


def test_paragraph_shape_and_where_it_ends() -> None:
    text = ("## 001 Q\n\n**Follow-ups:**\n\nQ: One?\nA: 1.\n\nQ: Two?\nA: 2.\n\n"
            "Plain text ends them.\n\nQ: Not a follow-up?\nA: No.\n")
    assert [(f.question, f.answer) for f in only(text).followups] == [("One?", "1."),
                                                                        ("Two?", "2.")]


def test_keys_are_title_keys_and_repeats_are_numbered() -> None:
    text = ("## 001 Q\n\n**追问**\n- 问：Why  ReLU？ 答：a\n- 问：why relu？ 答：b\n"
            "- 问：Other？ 答：c\n")
    keys = [f.key for f in only(text).followups]
    assert keys == [title_key("Why ReLU？"), title_key("Why ReLU？") + "#2", title_key("Other？")]
    assert keys[0] == "whyrelu?"  # NFKC folds the full-width question mark, case and spaces go


def test_zhihu_formula_in_a_followup() -> None:
    text = ("## 001 Q\n\n**追问**\n"
            "- 问：![](https://www.zhihu.com/equation?tex=%5Cbeta) 是什么？ 答：动量系数。\n")
    (f,) = only(text).followups
    assert f.question == "$\\beta$ 是什么？"


def test_content_hash_ignores_the_followups_field_but_sees_their_text() -> None:
    """Follow-up lines are part of the answer, so editing one changes the hash through the
    answer; the parsed records add nothing, and hashes stored before they existed stay
    valid (no note counts as changed just because the importer now reads follow-ups)."""
    base = "## 001 Q\n\nA.\n\n**追问**\n- 问：x？ 答：y。\n"
    note = only(base)
    assert note.followups
    assert content_hash(note) == content_hash(replace(note, followups=()))
    edited = only(base.replace("答：y。", "答：z。"))
    assert content_hash(edited) != content_hash(note)
    assert edited.followups[0] == FollowUp(question="x？", answer="z。", line=6,
                                           key=title_key("x？"))
