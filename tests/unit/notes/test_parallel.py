"""Parsing on two cores must give exactly what parsing in one piece gives."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dlquiz.notes.parallel import cut_points, parse_notes_parallel
from dlquiz.notes.parser import parse_notes

CONTENT = Path(__file__).resolve().parents[3] / "content"


def both(text: str) -> None:
    whole = parse_notes(text, source="f.md")
    split = parse_notes_parallel(text, source="f.md", workers=2, min_lines=0)
    assert split == whole


def test_builtin_content_concatenated() -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CONTENT.glob("*.md")))
    assert cut_points(text.split("\n"), 2)
    both(text)


def test_seed_notes(seed_notes: Path) -> None:
    both(seed_notes.read_text(encoding="utf-8"))


def test_constructs_that_span_a_cut_fall_back_to_one_piece() -> None:
    for opener, closer in (("```", "```"), ("$$", "$$"), ("<!--", "-->"), ("~~~", "~~~")):
        head = "# T\n\n" + "".join(f"## {i:03d} Q{i}\n\nA{i}.\n\n" for i in range(20))
        text = (f"{head}## 100 Spans\n\n{opener}\nx\n\n## 101 Inside\n\n{closer}\n\n"
                "## 102 After\n\nz\n")
        text += "".join(f"## {i:03d} R{i}\n\nB{i}.\n\n" for i in range(200, 220))
        lines = text.split("\n")
        assert [lines[c] for c in cut_points(lines, 2)] == ["## 101 Inside"]  # a bad cut
        both(text)


def test_topic_carries_across_the_cut() -> None:
    text = "# First\n\n" + "".join(f"## {i:03d} Q{i}\n\nA.\n\n" for i in range(50))
    text += "# \n\n## 900 After an empty topic\n\nB.\n"
    both(text)


FRAGMENTS = st.sampled_from([
    "# T\n\n", "## 001 Q\n\n", "## 002 R\n\n", "text\n", "\n", "```\n", "~~~\n", "$$\n",
    "<!--\n", "-->\n", "- item\n", "> quote\n", "    code\n", "- [ ] TODO\n", "# \n\n",
    "<div>\n", "**参考资料**\n", "- [a](https://x.y)\n",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(FRAGMENTS, min_size=4, max_size=60))
def test_any_arrangement(parts: list[str]) -> None:
    both("".join(parts))
