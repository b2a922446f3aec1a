"""The notes parser on small files written for these tests, one rule at a time."""

from __future__ import annotations

from pathlib import Path

from dlquiz.notes.model import Note, Reference
from dlquiz.notes.parser import parse_notes


def notes_of(text: str, base_dir: Path | None = None) -> list[Note]:
    return list(parse_notes(text, base_dir=base_dir).notes)


def test_topics_numbers_and_titles() -> None:
    text = "[TOC]\n\n# Vision\n\n## 001 What is a conv?\n\nA sliding dot product.\n\n" \
           "## 10 Pooling\n\nTakes a max.\n\n# Optim\n\n## Adam without number\n\nMoments.\n"
    notes = notes_of(text)
    assert [(n.topic, n.number, n.title) for n in notes] == [
        ("Vision", "001", "What is a conv?"),
        ("Vision", "10", "Pooling"),
        ("Optim", None, "Adam without number"),
    ]
    assert [n.line for n in notes] == [5, 9, 15]


def test_todo_heading_is_not_a_note_and_deeper_headings_belong_to_the_answer() -> None:
    text = "## 001 A\n\nIntro.\n\n### Detail\n\nMore.\n\n## TODO\n\n- later ideas\n"
    notes = notes_of(text)
    assert len(notes) == 1
    assert "### Detail" in notes[0].answer and "More." in notes[0].answer
    assert "later ideas" not in notes[0].answer


def test_heading_inside_code_fence_is_code() -> None:
    text = "## 001 Code\n\n```python\n## 002 not a heading\nx = 1\n```\n"
    notes = notes_of(text)
    assert len(notes) == 1
    assert "## 002 not a heading" in notes[0].answer
    assert notes[0].answer.startswith("```python")


def test_status_answered_partial_draft() -> None:
    text = ("## 001 Done\n\nA full answer.\n\n"
            "## 002 Half\n\nSome text.\n\n- [ ] TODO\n\n"
            "## 003 Empty\n\n- [ ] TODO\n\n**参考资料**\n\n- [paper](https://arxiv.org/abs/1)\n\n"
            "## 004 Bare box\n\nText here.\n\n- [ ]\n")
    statuses = {n.number: n.status for n in notes_of(text)}
    assert statuses == {"001": "answered", "002": "partial", "003": "draft", "004": "partial"}


def test_todo_markers_comments_and_references_are_not_answer() -> None:
    text = ("## 001 Q\n\nKeep me.\n\n<!-- private remark -->\n\n- [ ] TODO\n\n"
            "**参考资料**\n\n- [A](https://a.example/x)\n\n- [B](https://b.example/y)\n")
    (note,) = notes_of(text)
    assert note.answer == "Keep me."
    assert note.references == (Reference("A", "https://a.example/x"),
                                Reference("B", "https://b.example/y"))


def test_reference_headers_and_link_forms() -> None:
    headers = ["**参考资料**", "**参考**", "参考：", "参考资料：", "**References**", "References:"]
    for header in headers:
        text = (f"## 001 Q\n\nAnswer.\n\n{header}\n\n- [Title](https://t.example)\n"
                "- <https://auto.example/p>\n- https://bare.example/q\n")
        (note,) = notes_of(text)
        assert note.answer == "Answer.", header
        assert [r.url for r in note.references] == [
            "https://t.example", "https://auto.example/p", "https://bare.example/q"], header
        assert note.references[0].title == "Title"


def test_links_as_paragraphs_after_header() -> None:
    text = "## 001 Q\n\nAnswer.\n\n参考：\n\n[One](https://one.example)\n\n[Two](https://two.example)\n"
    (note,) = notes_of(text)
    assert [r.title for r in note.references] == ["One", "Two"]
    assert note.answer == "Answer."


def test_references_alone_make_a_draft() -> None:
    (note,) = notes_of("## 001 Q\n\n- [Only a link](https://x.example)\n")
    assert note.status == "draft"
    assert note.references == (Reference("Only a link", "https://x.example"),)


def test_math_is_kept_and_zhihu_formula_images_become_latex() -> None:
    text = ("## 001 Q\n\n$$\ny = Wx + b\n$$\n\nInline $a^2$ and "
            "![](https://www.zhihu.com/equation?tex=n+%5Ctimes+%28h+%2B+1%29) here.\n")
    (note,) = notes_of(text)
    assert "$$\ny = Wx + b\n$$" in note.answer
    assert "$a^2$" in note.answer
    assert r"$n \times (h + 1)$" in note.answer


def test_missing_image_is_a_visible_placeholder(tmp_path: Path) -> None:
    (tmp_path / "imgs").mkdir()
    (tmp_path / "imgs" / "there.png").write_bytes(b"\x89PNG")
    text = "## 001 Q\n\nSee ![diagram](imgs/gone.png) and ![ok](imgs/there.png).\n"
    (note,) = notes_of(text, base_dir=tmp_path)
    assert "imgs/gone.png" in note.answer and "diagram" in note.answer
    assert "![diagram]" not in note.answer
    assert "![ok](imgs/there.png)" in note.answer


def test_tags_and_practice_lines() -> None:
    text = ("## 001 Q\n\nAnswer.\n\n**参考资料**\n\n- [p](https://p.example)\n\n"
            "**标签**: conv, pooling\n**练习**: conv-output-shape, pool-backward\n\n"
            "## 002 R\n\nAnswer.\n\n**Tags**: optim\n\n**Practice**: adam-step\n")
    first, second = notes_of(text)
    assert first.tags == ("conv", "pooling")
    assert first.practice == ("conv-output-shape", "pool-backward")
    assert first.answer == "Answer."
    assert (second.tags, second.practice) == (("optim",), ("adam-step",))


def test_crlf_and_bom_read_the_same_as_lf() -> None:
    lf = "# T\n\n## 001 Q\n\nLine one.\nLine two.\n"
    crlf = "\ufeff" + lf.replace("\n", "\r\n")
    assert notes_of(lf) == notes_of(crlf)


def test_repeated_title_is_kept_and_warned() -> None:
    parsed = parse_notes("## 001 Same\n\nA.\n\n## 002 same\n\nB.\n")
    assert len(parsed.notes) == 2
    assert len(parsed.warnings) == 1 and "repeats" in parsed.warnings[0]


def test_reference_without_a_link_is_kept() -> None:
    text = "## 001 Q\n\nAnswer.\n\n**参考资料**\n\n- Goodfellow et al., Deep Learning, ch. 8\n"
    (note,) = notes_of(text)
    assert note.references == (Reference("Goodfellow et al., Deep Learning, ch. 8", ""),)
    assert note.answer == "Answer."
