"""dlquiz markdown -> the HTML of an Anki field: formulas as MathJax delimiters
(`\\(…\\)` inline, `\\[…\\]` display), which Anki renders itself; links kept; raw HTML in
a note shown as text rather than run inside Anki."""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from dlquiz.notes.html_safety import safe_url
from dlquiz.notes.model import Reference


def _math(latex: str, options: dict[str, Any]) -> str:
    body = html.escape(latex.strip(), quote=False)
    return f"\\[{body}\\]" if options.get("display_mode") else f"\\({body}\\)"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True,
           renderer=_math)
    return md


def markdown_html(text: str) -> str:
    """A block of markdown (an answer) as HTML."""
    return str(_parser().render(text)).strip()


def inline_html(text: str) -> str:
    """One line of markdown (a question title) as inline HTML."""
    return str(_parser().renderInline(text)).strip()


def references_html(references: Sequence[Reference]) -> str:
    """The reference list as links (a citation without an http(s) URL stays text: a
    `javascript:` address from a shared notes file must not become a link inside Anki)."""
    if not references:
        return ""
    items = []
    for ref in references:
        title = html.escape(ref.title or ref.url)
        if ref.url and safe_url(ref.url):
            items.append(f'<li><a href="{html.escape(ref.url)}">{title}</a></li>')
        elif ref.url and ref.title:
            items.append(f"<li>{title} {html.escape(ref.url)}</li>")
        else:
            items.append(f"<li>{title}</li>")
    return "<ul>" + "".join(items) + "</ul>"
