"""Warn when a block that is never closed (or closed far away) hides question headings.

An unclosed code fence or HTML comment runs to the end of the file, and a `$$` formula
runs to the next line ending in `$$`; every `## ` question in between silently becomes
part of the answer before it. The import keeps going but says so, with line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

_HEADING_LINE = re.compile(r" {0,3}#{1,2}(?:[ \t]|$)")


def _fence_closed(tok: Token, lines: Sequence[str]) -> bool:
    start, end = tok.map or (0, 0)
    if end - 1 <= start:
        return False
    closing = lines[end - 1].lstrip(" \t>")
    run = len(closing) - len(closing.lstrip(tok.markup[0]))
    return run >= len(tok.markup) and not closing[run:].strip()


def _what(tok: Token, lines: Sequence[str], offset: int) -> str | None:
    """How to name a block that may swallow headings, or None if it cannot."""
    if tok.type == "fence" and not _fence_closed(tok, lines):
        return f"a {tok.markup} code fence is never closed"
    if tok.type == "html_block" and tok.content.lstrip().startswith("<!--") \
            and "-->" not in tok.content:
        return "an HTML comment (<!--) is never closed"
    if tok.type == "math_block" and tok.map:
        return f"a $$ formula is closed only on line {tok.map[1] + offset}"
    return None


def swallowed(tokens: Sequence[Token], lines: Sequence[str], offset: int
              ) -> list[tuple[int, str, list[int]]]:
    """(1-based line, what happened, 1-based heading lines) for each block whose lines hold
    `#`/`##` heading lines that therefore are not read as topics or questions."""
    found = []
    for tok in tokens:
        if tok.map is None or tok.type not in {"fence", "html_block", "math_block"}:
            continue
        what = _what(tok, lines, offset)
        if what is None:
            continue
        start, end = tok.map
        heads = [n + 1 + offset for n in range(start + 1, end) if _HEADING_LINE.match(lines[n])]
        if heads:
            found.append((start + 1 + offset, what, heads))
    return found


def describe(line: int, what: str, heads: list[int], lines_text: Sequence[str], offset: int,
             note: str | None, source: str) -> str:
    """One warning sentence: where, what, which headings were lost, into which answer
    (`note`: "note 004's answer" or "the answer to 'title'"; None outside any note)."""
    first = lines_text[heads[0] - 1 - offset].strip()
    shown = first if len(first) <= 40 else first[:39] + "…"
    count = (f"the heading on line {heads[0]} (`{shown}`) is" if len(heads) == 1 else
             f"the {len(heads)} headings after it (first: line {heads[0]}, `{shown}`) are")
    if note:
        where = f"read as part of {note}"
    else:
        where = "not read as a question" if len(heads) == 1 else "not read as questions"
    return f"{source}:{line}: {what}, so {count} {where}; close it to import them."
