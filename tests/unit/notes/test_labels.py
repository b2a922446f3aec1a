"""The labelled paragraphs (`**参考资料**`, `参考：[a](u)`, `**标签**: a, b`) are recognised
exactly as the regular expressions they replaced did, without their backtracking.

The old patterns are kept here as the reference (they are fine on short strings; on
`参考` + 300 spaces they ran for minutes)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dlquiz.notes.labels import REFERENCE_WORDS, is_label, meta_line, starts_with_label

OLD_HEADER = re.compile(
    r"^(?:\*\*|__)?\s*(?:参考资料|参考文献|参考链接|参考|references?)\s*(?:\*\*|__)?\s*[:：]?\s*"
    r"(?:\*\*|__)?\s*[:：]?\s*$", re.IGNORECASE)
OLD_PREFIX = re.compile(
    r"^(?:\*\*|__)?\s*(?:参考资料|参考文献|参考链接|参考|references?)\s*(?:\*\*|__)?\s*[:：]"
    r"\s*(?:\*\*|__)?", re.IGNORECASE)
OLD_META = re.compile(
    r"^\s*(?:\*\*|__)\s*(?P<key>标签|练习|tags|practice)\s*(?:\*\*|__)\s*[:：]\s*(?P<value>.*)$"
    r"|^\s*(?:\*\*|__)\s*(?P<key2>标签|练习|tags|practice)\s*[:：]\s*(?:\*\*|__)\s*(?P<value2>.*)$",
    re.IGNORECASE)
KEYS = {"标签": "tags", "tags": "tags", "练习": "practice", "practice": "practice"}

PARTS = st.sampled_from(["**", "__", " ", "  ", "\t", ":", "：", "参考", "参考资料", "资料",
                         "references", "Reference", "REFERENCES", "s", "x", "标签", "tags",
                         "Practice", "练习", "a, b", "*", "_", "参考链接", "参考文献"])


def old_meta(line: str) -> tuple[str, str] | None:
    match = OLD_META.match(line)
    if match is None:
        return None
    key = (match.group("key") or match.group("key2")).casefold()
    value = match.group("value") if match.group("key") else match.group("value2")
    return KEYS[key], value.strip()


@settings(max_examples=3000, deadline=None)
@given(st.lists(PARTS, max_size=8).map("".join))
def test_same_answers_as_the_old_patterns(text: str) -> None:
    assert is_label(text, REFERENCE_WORDS) == bool(OLD_HEADER.match(text.strip()))
    assert starts_with_label(text, REFERENCE_WORDS) == bool(OLD_PREFIX.match(text.strip()))
    new = meta_line(text)
    assert (None if new is None else (new[0], new[1].strip())) == old_meta(text)


def test_examples() -> None:
    for header in ["**参考资料**", "参考：", "**References:**", "__参考__：", "参考 ：**"]:
        assert is_label(header, REFERENCE_WORDS), header
    assert not is_label("参考见下文", REFERENCE_WORDS)
    assert starts_with_label("参考：[a](https://a.example)", REFERENCE_WORDS)
    assert meta_line("**标签**: conv, pooling") == ("tags", "conv, pooling")
    assert meta_line("**Practice:** adam-step") == ("practice", "adam-step")
    assert meta_line("tags: not bold") is None
