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


_ITEM_MARKER = re.compile(r"^(\s*(?:[-+*]|\d{1,9}[.)])\s+)")


def _compact(text: str) -> str:
    return "".join(_clean(text).split())


def _uncovered(paragraph: str, joined: str) -> str:
    """The sentences of a paragraph that are not among the key points (`joined`, compacted);
    the paragraph itself when none of them is."""
    pieces = [p for p in _SENTENCE_END.split(paragraph) if p.strip()]
    kept = [p for p in pieces if _compact(p) not in joined]
    if len(kept) == len(pieces):
        return paragraph
    return "".join(p if not p.rstrip().endswith(".") else p.rstrip() + " " for p in kept
                   ).strip()


def reference_rest(answer: str, points: tuple[str, ...], label: str = "{n}") -> str:
    """The reference answer without the key points, to print below them so that each point
    is shown once: the list items (or paragraphs) that gave a point are taken out; an item
    with details of its own keeps them, under `label` (with {n}, the point's number)."""
    if not points:
        return answer
    lines = answer.split("\n")
    body = without_followups(answer)
    tokens = _parser().parse(body)
    numbers = {_compact(p): n for n, p in enumerate(points, start=1)}
    joined = _compact(" ".join(points))
    drop: set[int] = set()
    replace: dict[int, str] = {}
    from_list = len(_list_items(body)) >= 2  # as key_points chose them
    for i, token in enumerate(tokens):
        if from_list and token.type == "list_item_open" and token.level == 1 and token.map:
            inline = next((t for t in tokens[i + 1:] if t.type == "inline"), None)
            number = numbers.get(_compact(inline.content)) if inline is not None else None
            if number is None or inline is None or not inline.map:
                continue
            start, end = token.map
            head_end = inline.map[1]
            if any(line.strip() for line in lines[head_end:end]):  # details of its own
                marker = _ITEM_MARKER.match(lines[start])
                replace[start] = (marker.group(1) if marker else "- ") + label.format(n=number)
                drop.update(range(start + 1, head_end))
            else:
                drop.update(range(start, end))
        elif (not from_list and token.type == "paragraph_open" and token.level == 0
              and token.map):
            inline = tokens[i + 1]
            if inline.content.strip().startswith("$$"):
                continue
            kept_text = _uncovered(inline.content, joined)
            if kept_text != inline.content:  # some of its sentences are key points
                start, end = token.map
                drop.update(range(start + 1, end))
                if kept_text:
                    replace[start] = kept_text
                else:
                    drop.add(start)
    kept = ["" if i in drop else replace.get(i, line) for i, line in enumerate(lines)]
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", "\n".join(kept)).strip()
