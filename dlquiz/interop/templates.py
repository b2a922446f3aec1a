"""Anki card templates rendered to the HTML of one card's question and answer, so any note
type (Basic, reversed, type-in, cloze, the user's own) gives the question and answer that
Anki shows. Supports what the stock note types use: `{{Field}}`, filters (`text:`,
`cloze:`, `type:`, `hint:`…), `{{#Field}}…{{/Field}}` and `{{^Field}}…{{/Field}}` sections,
`{{FrontSide}}` and `{{Tags}}`/`{{Deck}}`; the answer is what follows `<hr id=answer>`."""

from __future__ import annotations

import re
from collections.abc import Mapping

_SECTION = re.compile(r"\{\{([#^])\s*([^}]+?)\s*\}\}(.*?)\{\{/\s*\2\s*\}\}", re.DOTALL)
_FIELD = re.compile(r"\{\{\s*([^#^/{}][^{}]*?)\s*\}\}")
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::((?:(?!\}\}).)*))?\}\}", re.DOTALL)
_ANSWER_RULE = re.compile(r"<hr[^>]*id\s*=\s*[\"']?answer[\"']?[^>]*>", re.IGNORECASE)
_EMPTY = re.compile(r"^(?:\s|<br\s*/?>|<div>\s*</div>|&nbsp;)*$", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")


def cloze_numbers(text: str) -> list[int]:
    """The deletion numbers used in a cloze field, in order."""
    return sorted({int(n) for n, _, _ in _CLOZE.findall(text) if int(n) > 0})


def render_cloze(text: str, number: int, *, answer: bool) -> str:
    """Deletion `number` hidden (`[...]` or `[hint]`) on the question, shown in bold on the
    answer; every other deletion shows its text."""
    def one(match: re.Match[str]) -> str:
        body, hint = match.group(2), match.group(3)
        if int(match.group(1)) != number:
            return body
        if answer:
            return f"<b>{body}</b>"
        return f"［{hint}］" if hint else "［…］"
    return _CLOZE.sub(one, text)


def _empty(value: str) -> bool:
    return bool(_EMPTY.match(value))


def render(template: str, fields: Mapping[str, str], *, cloze: int | None, answer: bool,
           front: str = "") -> str:
    """One side of a card as HTML."""
    text = template
    for _ in range(8):  # sections may nest; each pass resolves the innermost ones
        replaced = _SECTION.sub(lambda m: _section(m, fields), text)
        if replaced == text:
            break
        text = replaced
    return _FIELD.sub(lambda m: _field(m.group(1), fields, cloze, answer, front), text)


def _section(match: re.Match[str], fields: Mapping[str, str]) -> str:
    kind, name, body = match.groups()
    value = fields.get(name.split(":")[-1].strip(), "")
    shown = not _empty(value) if kind == "#" else _empty(value)
    return body if shown else ""


def _field(spec: str, fields: Mapping[str, str], cloze: int | None, answer: bool,
           front: str) -> str:
    *filters, name = (part.strip() for part in spec.split(":"))
    if name == "FrontSide":
        return front
    value = fields.get(name, "")
    for filt in reversed(filters):
        if filt == "type":
            value = value if answer else ""
        elif filt in {"cloze", "cloze-only"}:
            value = render_cloze(value, cloze or 1, answer=answer)
        elif filt == "text":
            value = _TAGS.sub("", value)
        elif filt.startswith("tts"):
            value = ""
    return value


def card_sides(question: str, answer: str, fields: Mapping[str, str],
               cloze: int | None) -> tuple[str, str]:
    """(question HTML, answer HTML) of one card; the answer without the repeated front."""
    front = render(question, fields, cloze=cloze, answer=False)
    match = _ANSWER_RULE.search(answer)
    if match is not None:
        back = render(answer[match.end():], fields, cloze=cloze, answer=True)
    else:
        back = render(answer.replace("{{FrontSide}}", ""), fields, cloze=cloze, answer=True)
    return front, back
