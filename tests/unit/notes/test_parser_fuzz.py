"""Hypothesis: whatever the text, the parser returns notes or raises its own error."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dlquiz.notes.errors import NotesError
from dlquiz.notes.parser import parse_notes

FRAGMENTS = st.sampled_from([
    "# T\n", "## 001 Q\n", "## TODO\n", "### h\n", "- [ ] TODO\n", "- [ ]\n", "**参考资料**\n",
    "参考：\n", "- [a](https://x.y)\n", "- <https://a.b>\n", "```\n", "$$\n", "$x$", "\n",
    "<!-- c -->\n", "![i](imgs/a.png)\n", "![](https://www.zhihu.com/equation?tex=%5Calpha)\n",
    "**标签**: a, b\n", "> quote\n", "1. item\n", "    code\n", "|a|b|\n|-|-|\n", "\r\n", "\ufeff",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=40))
def test_parser_never_raises_foreign_errors(parts: list[str]) -> None:
    try:
        parsed = parse_notes("".join(parts))
    except NotesError:
        return
    for note in parsed.notes:
        assert note.title
        assert note.status in {"answered", "partial", "draft"}
        assert note.line >= 1
