"""Follow-up questions: the `**追问**` list of a note (`- 问：… 答：…`), or `**Follow-ups**`
with `Q:` / `A:`, read into `FollowUp` records. The lines stay in the note's answer too.

An item is cut at its answer marker (`答：`, `A:`, `Answer:`, not inside a word such as
`回答：`); the answer may run over several lines and hold LaTeX. An item without a marker
but with more lines takes its first line as the question and the rest as the answer; a
one-line item without a marker is a question with no answer yet (answer "").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dlquiz.notes.identity import title_key
from dlquiz.notes.model import FollowUp

_MARKER = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_QUESTION = re.compile(r"(?:\*\*|__)?(?:问题|问|Question|Q)(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?")
_ANSWER = re.compile(r"(?:\*\*|__)?(?:答|Answer|A)(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?")


def item_text(lines: Sequence[str]) -> str:
    """The text of one list item: its marker removed, continuation lines dedented."""
    if not lines:
        return ""
    marker = _MARKER.match(lines[0])
    width = marker.end() if marker else 0
    rest = [line[width:] if line[:width].strip() == "" else line.lstrip() for line in lines[1:]]
    return "\n".join([lines[0][width:], *rest]).strip()


def starts_with_question(text: str) -> bool:
    """`问：…`, `Q: …`, `**Q:** …`: a paragraph that is a follow-up by itself."""
    return _QUESTION.match(text.lstrip()) is not None


def _answer_at(text: str, start: int) -> re.Match[str] | None:
    """The first answer marker at or after `start` that does not sit inside a word."""
    for match in _ANSWER.finditer(text, start):
        if match.start() == 0 or not text[match.start() - 1].isalnum():
            return match
    return None


def split_item(text: str) -> tuple[str, str] | None:
    """(question, answer) of one follow-up item; None when it holds no question."""
    asked = _QUESTION.match(text)
    start = asked.end() if asked else 0
    answered = _answer_at(text, start)
    if answered is not None:
        question, answer = text[start : answered.start()], text[answered.end():]
    elif "\n" in text[start:]:
        question, _, answer = text[start:].partition("\n")
    else:
        question, answer = text[start:], ""
    question = question.strip()
    return (question, answer.strip()) if question else None


def read_followups(items: Sequence[tuple[int, Sequence[str]]], taken: dict[str, int]
                   ) -> list[FollowUp]:
    """FollowUps from (1-based line, source lines) items. `taken` counts the keys given so
    far in this note: a question asked twice gets `key#2`, like notes in a deck."""
    found: list[FollowUp] = []
    for line, lines in items:
        pair = split_item(item_text(lines))
        if pair is None:
            continue
        base = title_key(pair[0])
        taken[base] = taken.get(base, 0) + 1
        key = base if taken[base] == 1 else f"{base}#{taken[base]}"
        found.append(FollowUp(question=pair[0], answer=pair[1], line=line, key=key))
    return found
