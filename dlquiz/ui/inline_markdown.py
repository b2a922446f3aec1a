"""One line of a note's markdown as styled terminal text (a key point in a checklist row):
formulas as Unicode, emphasis and code styled, markdown escapes resolved, so it reads like
the same text in a Markdown widget and never shows `T\\_w` where the widget shows `T_w`."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from rich.text import Text

from dlquiz.ui.terminal import safe_markdown

_STYLES = {"strong": "bold", "em": "italic", "s": "strike", "link": "underline"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def inline_text(markdown: str) -> Text:
    """`markdown` (one paragraph's worth) rendered inline as Rich text."""
    out = Text()
    styles: list[str] = []
    for block in _parser().parseInline(safe_markdown(markdown)):
        for token in block.children or []:
            kind = token.type
            if kind.endswith("_open"):
                styles.append(_STYLES.get(kind[: -len("_open")], ""))
            elif kind.endswith("_close"):
                if styles:
                    styles.pop()
            elif kind == "code_inline":
                out.append(token.content, style="bold")
            elif kind in ("softbreak", "hardbreak"):
                out.append(" ")
            elif kind == "image":
                out.append(f"[{token.content or 'image'}]", style=" ".join(styles))
            else:  # text, html_inline shown as written
                out.append(token.content, style=" ".join(s for s in styles if s))
    return out
