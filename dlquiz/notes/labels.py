"""Recognise the labelled paragraphs of a note: `**参考资料**`, `**追问**`, `**标签**: a, b`.

Written as plain string steps instead of one regular expression: the optional emphasis,
spaces and colons around a keyword made the old pattern backtrack for minutes on `参考`
followed by a few hundred spaces. Every step here looks at each character once.
"""

from __future__ import annotations

_EMPHASIS = ("**", "__")
_COLONS = (":", "：")

REFERENCE_WORDS = ("参考资料", "参考文献", "参考链接", "参考", "references", "reference")
FOLLOWUP_WORDS = ("追问", "follow-up questions", "follow-ups", "follow ups", "followups",
                  "follow-up")
META_WORDS = {"标签": "tags", "tags": "tags", "练习": "practice", "practice": "practice"}


def _drop(text: str, marks: tuple[str, ...]) -> str:
    """`text` without leading spaces and one leading mark (if it has one), spaces stripped."""
    text = text.lstrip()
    for mark in marks:
        if text.startswith(mark):
            return text[len(mark):].lstrip()
    return text


def _after_keyword(text: str, words: tuple[str, ...] | list[str]) -> tuple[str, str] | None:
    """(keyword, rest) when `text` opens with optional emphasis and then one of `words`
    (case-insensitive; longer words are listed first so `参考资料` wins over `参考`)."""
    body = _drop(text, _EMPHASIS)
    for word in words:
        if body[: len(word)].casefold() == word:
            return word, body[len(word):]
    return None


def is_label(text: str, words: tuple[str, ...]) -> bool:
    """The whole paragraph is the label: `**参考资料**`, `参考：`, `**References:**`."""
    found = _after_keyword(text.strip(), words)
    if found is None:
        return False
    rest = _drop(_drop(_drop(_drop(found[1], _EMPHASIS), _COLONS), _EMPHASIS), _COLONS)
    return not rest.strip()


def starts_with_label(text: str, words: tuple[str, ...]) -> bool:
    """The paragraph opens with the label and a colon, and more follows: `参考：[a](u)`."""
    found = _after_keyword(text.strip(), words)
    if found is None:
        return False
    return _drop(found[1], _EMPHASIS).startswith(_COLONS)


def meta_line(line: str) -> tuple[str, str] | None:
    """(`tags` or `practice`, the text after the colon) for `**标签**: a, b` or
    `**Tags:** a`; None for any other line. The emphasis is required: a plain `tags:`
    sentence in an answer stays answer text."""
    body = line.strip()
    if not body.startswith(_EMPHASIS):
        return None
    found = _after_keyword(body, list(META_WORDS))
    if found is None:
        return None
    word, rest = found
    rest = rest.lstrip()
    for first, second in ((_EMPHASIS, _COLONS), (_COLONS, _EMPHASIS)):
        if rest.startswith(first):
            after = _drop(rest, first)
            if after.startswith(second):
                return META_WORDS[word], _drop(after, second)
    return None
