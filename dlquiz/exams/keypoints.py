"""The key points a recall answer is self-graded against: a checklist taken from the
reference answer's own structure, its top-level list items (the core points, as the notes
are written), or for a prose answer its sentences; at most eight, in the answer's order.
Follow-up questions at the end of an answer are not key points of it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

MAX_POINTS = 8
MIN_SENTENCE_CHARS = 4  # shorter fragments ("例如：") join the next sentence
_FOLLOWUPS = re.compile(r"(?m)^\s*(?:\*\*|__)\s*(?:追问|follow-ups?)\s*(?:\*\*|__)\s*[:：]?\s*$",
                        re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=\.)\s+(?=[A-Z\u4e00-\u9fff])")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def without_followups(answer: str) -> str:
    match = _FOLLOWUPS.search(answer)
    return answer[: match.start()] if match else answer


def _clean(text: str) -> str:
    """One line, emphasis markers dropped (formulas and code stay as written)."""
    return " ".join(_EMPHASIS.sub(r"\2", text).split())


def _list_items(answer: str) -> list[str]:
    """The first paragraph of every top-level list item (nested lists are its details)."""
    tokens = _parser().parse(answer)
    items: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "list_item_open" and token.level == 1:
            inline = next((t for t in tokens[i + 1:] if t.type == "inline"), None)
            if inline is not None and inline.content.strip():
                items.append(_clean(inline.content))
    return items


def _prose(answer: str) -> str:
    """The paragraphs of an answer, without code blocks, display math or headings."""
    tokens = _parser().parse(answer)
    parts = [t.content for i, t in enumerate(tokens)
             if t.type == "inline" and tokens[i - 1].type == "paragraph_open"
             and not t.content.strip().startswith("$$")]
    return " ".join(parts)


def _sentences(text: str) -> list[str]:
    found: list[str] = []
    carry = ""
    for piece in _SENTENCE_END.split(text):
        piece = _clean(carry + " " + piece if carry else piece)
        if not piece:
            continue
        if len(piece) < MIN_SENTENCE_CHARS:
            carry = piece
            continue
        carry = ""
        found.append(piece)
    if carry:
        found.append(carry)
    return found


def key_points(answer: str, limit: int = MAX_POINTS) -> tuple[str, ...]:
    """The checklist for `answer` (empty only when the answer has no text at all)."""
    body = without_followups(answer)
    points = _list_items(body)
    if len(points) < 2:
        points = _sentences(_prose(body)) or points
    return tuple(points[:limit])
