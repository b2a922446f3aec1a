"""Hypothesis: whatever the text, display gives text back (never an exception) and no
control character; any formula renders or falls back to its source."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dlquiz.notes.display import display_markdown
from dlquiz.notes.formulas import latex_to_unicode, render_latex

TEX = st.sampled_from([
    "\\frac", "\\tfrac", "\\sqrt", "[", "]", "{", "}", "^", "_", "x", "2", "12", " ", "\\\\",
    "&", "\\left(", "\\right)", "\\left.", "\\big|", "\\begin{cases}", "\\end{cases}",
    "\\begin{bmatrix}", "\\end{bmatrix}", "\\text{a_b}", "\\text{", "\\hat", "\\mathbb{R}",
    "\\sum", "\\int", "\\alpha", "\\cdot", "\\to", "'", "\\not", "=", "-", "\\operatorname*{x}",
    "\\underbrace{a}", "\\xrightarrow{f}", "\\unknown", "\\", "$", "\\,", "\\mid", "(", ")",
    "\\mathrm{ab}", "\\overline{xy}", "\\pmod{3}", "\\tag{1}", "\\color{red}", "%", "~",
])
MARKDOWN = st.sampled_from([
    "$", "$$", "\n", "\n\n", "`", "```\n", "~~~\n", "- ", "> ", "    ", "x", "\\$", "\x1b[31m",
    "\x9b", "\r", "**", "![](a.png)", "<!--", "-->", "# ", "## 001 Q\n", "a_b", "中文",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(TEX, max_size=25).map("".join))
def test_any_formula_renders_or_falls_back(latex: str) -> None:
    shown = render_latex(latex)
    assert shown is None or isinstance(shown, str)
    assert latex_to_unicode(latex) == (shown if shown is not None else latex.strip())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKDOWN, TEX, st.text(max_size=8)), max_size=40).map("".join))
def test_any_markdown_displays(text: str) -> None:
    shown = display_markdown(text)
    assert isinstance(shown, str)
    assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in shown)
