"""An unclosed fence, comment or a far-closed `$$` that hides question headings is a
warning with line numbers, instead of silently merged notes (issue 9)."""

from __future__ import annotations

from dlquiz.notes.parallel import parse_notes_parallel
from dlquiz.notes.parser import parse_notes


def warnings_of(text: str) -> tuple[str, ...]:
    return parse_notes(text, source="n.md").warnings


def test_unclosed_fence() -> None:
    text = "# T\n\n## 001 First\n\n```python\nx = 1\n\n## 002 Lost\n\n## 003 Lost too\n"
    parsed = parse_notes(text, source="n.md")
    assert [n.number for n in parsed.notes] == ["001"]
    assert parsed.warnings == (
        "n.md:5: a ``` code fence is never closed, so the 2 headings after it (first: line 8, "
        "`## 002 Lost`) are read as part of note 001's answer; close it to import them.",)


def test_unclosed_tilde_fence_before_any_question() -> None:
    assert warnings_of("~~~~\n## 001 Q\n") == (
        "n.md:1: a ~~~~ code fence is never closed, so the heading on line 2 (`## 001 Q`) is "
        "not read as a question; close it to import them.",)


def test_unclosed_comment() -> None:
    assert warnings_of("## Q one\n\n<!-- todo\n\n## Q two\n") == (
        "n.md:3: an HTML comment (<!--) is never closed, so the heading on line 5 "
        "(`## Q two`) is read as part of the answer to 'Q one'; close it to import them.",)


def test_dollar_block_closed_by_the_next_formula() -> None:
    text = "## 001 A\n\n$$\nx\n\n## 002 B\n\n$$\ny\n$$\n"
    assert warnings_of(text) == (
        "n.md:3: a $$ formula is closed only on line 8, so the heading on line 6 (`## 002 B`) "
        "is read as part of note 001's answer; close it to import them.",)


def test_deliberate_blocks_are_not_warned_about() -> None:
    assert warnings_of("## 001 Q\n\n```python\n## a comment in code\n```\n") == ()
    assert warnings_of("## 001 Q\n\n<!--\n## 002 commented out\n-->\n\n## 003 R\n") == ()
    assert warnings_of("## 001 Q\n\n```\nno heading after an open fence\n") == ()


def test_line_numbers_are_those_of_the_file_in_a_parallel_parse() -> None:
    head = "".join(f"## {i:03d} Q{i}\n\nA{i}.\n\n" for i in range(300))
    text = head + "## 900 Formula\n\n$$\nx\n\n## 901 Hidden\n\n$$\n\n" + head
    whole = parse_notes(text, source="n.md")
    split = parse_notes_parallel(text, source="n.md", workers=2, min_lines=0)
    assert split == whole
    (warning,) = whole.warnings[:1]
    assert warning.startswith("n.md:1203: a $$ formula is closed only on line 1208")
