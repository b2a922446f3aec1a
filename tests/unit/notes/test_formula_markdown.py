"""Formulas replaced inside markdown: where each one lands, and what is left alone."""

from __future__ import annotations

from markdown_it import MarkdownIt

from dlquiz.notes.formulas import render_formulas


def blocks(markdown: str) -> list[tuple[str, str]]:
    """(block type, text) of a rendered markdown, as a markdown renderer sees it."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [(t.type, t.content) for t in tokens if t.type in {"inline", "fence", "code_block"}]


def test_display_math_stays_its_own_paragraph_and_code_is_untouched() -> None:
    text = "- item\n\n$$\nx_{in} * y\n$$\n\n`$x$` and $a^2$"
    shown = render_formulas(text)
    assert "\n\nxᵢₙ \\* y\n\n" in shown  # not indented into the list; `*` stays literal
    assert "`$x$`" in shown and "a²" in shown


def test_a_block_inside_a_list_item_stays_in_the_item() -> None:
    shown = render_formulas("- first\n- $$\n  a_1\n  $$\n- third\n")
    tokens = MarkdownIt("commonmark").parse(shown)
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == 3
    assert ("inline", "a₁") in blocks(shown)


def test_a_block_inside_a_quote_stays_in_the_quote() -> None:
    shown = render_formulas("> before\n>\n> $$\n> \\frac{1}{2}\n> $$\n")
    tokens = MarkdownIt("commonmark").parse(shown)
    assert [t.type for t in tokens].count("blockquote_open") == 1
    assert ("inline", "1/2") in blocks(shown)


def test_dollar_lines_inside_a_paragraph_become_display_lines() -> None:
    """The user's notes write `text\\n$$\\nformula\\n$$` with no blank line, so the `$$`
    lines belong to the paragraph; the formula still gets a line of its own."""
    shown = render_formulas("超参数：\n$$\n\\alpha ,\\beta _{1}\n$$\n后文")
    assert blocks(shown) == [("inline", "超参数："), ("inline", "α,β₁"), ("inline", "后文")]


def test_rows_of_an_aligned_block_are_separate_lines() -> None:
    shown = render_formulas("$$\n\\begin{aligned}a&=1\\\\b&=2\\end{aligned}\n$$\n")
    assert blocks(shown) == [("inline", "a=1\\\nb=2")]  # a hard line break between rows


def test_what_cannot_be_shown_is_shown_as_source() -> None:
    shown = render_formulas("inline $\\unknown{x}$ and\n\n$$\n\\unknown{y}\n$$\n")
    assert "`\\unknown{x}`" in shown
    assert ("fence", "\\unknown{y}\n") in blocks(shown)


def test_code_and_escapes_are_left_alone() -> None:
    text = ("price \\$5 and \\$6\n\n```\n$x^2$\n```\n\n~~~~\n$$\ny\n$$\n~~~~\n\n"
            "    $indented^2$\n\n``$`` and ``` `$a$` ```\n")
    assert render_formulas(text) == text


def test_a_lone_dollar_is_text() -> None:
    for text in ["costs $5", "a $ b", "$$", "$a$$b", "x $\n$ y"]:
        assert render_formulas(text) == text, text


def test_inline_double_dollars_in_a_sentence() -> None:
    assert render_formulas("so $$x^2$$ grows") == "so x² grows"
