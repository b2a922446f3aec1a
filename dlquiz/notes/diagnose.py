"""Say why a text yields no notes, so an import can refuse it with a reason the author can
act on instead of reporting "nothing changed" (issue 12)."""

from __future__ import annotations

import re

from dlquiz.notes.markdown import block_parser
from dlquiz.notes.parser import parse_notes

_NO_SPACE = re.compile(r" {0,3}##(?=[^#\s])")  # `##1. Q`: not a heading without the space
_LIMIT = 40


def _quote(line: str) -> str:
    text = line.strip()
    return f"`{text}`" if len(text) <= _LIMIT else f"`{text[: _LIMIT - 1]}…`"


def _lines(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"line {numbers[0]} has"
    shown = ", ".join(str(n) for n in numbers[:3])
    more = f" and {len(numbers) - 3} more" if len(numbers) > 3 else ""
    return f"lines {shown}{more} have"


def no_notes_reason(text: str) -> str | None:
    """None when `text` holds at least one note; otherwise one sentence saying why not,
    naming the headings it saw: "no `## question` headings found; line 3 has `### 1. …`".
    """
    if not text.strip():
        return "the file is empty"
    parsed = parse_notes(text)
    if parsed.notes:
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    headings: dict[int, list[int]] = {}
    for tok in block_parser().parse("\n".join(lines)):
        if tok.type == "heading_open" and tok.map:
            headings.setdefault(int(tok.tag[1]), []).append(tok.map[0] + 1)
    if 2 in headings:
        first = headings[2][0]
        return (f"no `## question` headings with a question: {_lines(headings[2])} only "
                f"`## TODO` or empty headings (first: {_quote(lines[first - 1])})")
    found = []
    deeper = sorted(n for level, ns in headings.items() if level > 2 for n in ns)
    if deeper:
        found.append(f"{_lines(deeper)} {_quote(lines[deeper[0] - 1])}")
    glued = [n + 1 for n, line in enumerate(lines) if _NO_SPACE.match(line)]
    if glued:
        found.append(f"{_lines(glued)} {_quote(lines[glued[0] - 1])} with no space after `##`")
    if 1 in headings:
        found.append(f"{_lines(headings[1])} {_quote(lines[headings[1][0] - 1])}, "
                     "a `# topic` heading")
    hidden = [w.removeprefix("<text>:") for w in parsed.warnings if "heading" in w]
    if hidden:  # `5: a ``` code fence is never closed, so …`
        found.append(f"line {hidden[0].rstrip('.')}")
    if not found:
        return ("no `## question` headings found (the file has no headings at all); start "
                "each question with a line such as `## 001 What is a convolution?`")
    return "no `## question` headings found; " + "; ".join(found)
