"""Find markdown images `![alt](src "title")` and HTML comments in linear time.

A regular expression for images rescans the rest of the line from every `![` (minutes on
`"![](" * 50000`), and a lazy `<!--.*?-->` rescans the rest of the text from every
`<!--`. These scanners look at each character a bounded number of times: brackets are
paired in one pass, and the end of an image source is found by bisecting a list of the
positions where a source can stop.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Image:
    """One image: its [start, end) span in the text, its alt text and its source."""

    start: int
    end: int
    alt: str
    src: str


def _escaped(text: str, i: int) -> bool:
    """True when the character at `i` follows an odd number of backslashes."""
    count = 0
    while i - count - 1 >= 0 and text[i - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _bracket_pairs(text: str) -> dict[int, int]:
    """Index of each `[` -> index of its matching `]`, pairing within a line and skipping
    backslash-escaped brackets (CommonMark allows balanced brackets in alt text)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    backslashes = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
        elif backslashes % 2 == 0 and ch == "[":
            stack.append(i)
        elif backslashes % 2 == 0 and ch == "]" and stack:
            pairs[stack.pop()] = i
        backslashes = backslashes + 1 if ch == "\\" else 0
    return pairs


class _Tails:
    """What follows an image source: `>`, an optional `"title"`, spaces and `)`. The answer
    depends only on where the source stops, so each stop is examined once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes = [i for i, ch in enumerate(text) if ch == '"']
        self.memo: dict[int, int | None] = {}

    def _skip_space(self, i: int) -> int:
        while i < len(self.text) and self.text[i].isspace():
            i += 1
        return i

    def end(self, stop: int) -> int | None:
        if stop not in self.memo:
            self.memo[stop] = self._end(stop)
        return self.memo[stop]

    def _end(self, stop: int) -> int | None:
        text = self.text
        i = stop + 1 if text.startswith(">", stop) else stop
        after = self._skip_space(i)
        if after > i and text.startswith('"', after):
            k = bisect_left(self.quotes, after + 1)
            if k < len(self.quotes):
                close = self._skip_space(self.quotes[k] + 1)
                if text.startswith(")", close):
                    return close + 1
        return after + 1 if text.startswith(")", after) else None


def find_images(text: str) -> Iterator[Image]:
    """Images in reading order, never overlapping (an image inside another's alt text is
    part of that alt text), in time linear in the text (up to a log factor)."""
    if "![" not in text:
        return
    pairs = _bracket_pairs(text)
    stops = [i for i, ch in enumerate(text) if ch in ")>" or ch.isspace()]
    tails = _Tails(text)
    i = text.find("![")
    while i >= 0:
        image = _image_at(text, i, pairs, stops, tails)
        if image is not None:
            yield image
        i = text.find("![", image.end if image else i + 1)


def _image_at(text: str, i: int, pairs: dict[int, int], stops: list[int],
              tails: _Tails) -> Image | None:
    close = pairs.get(i + 1)
    if close is None or _escaped(text, i) or not text.startswith("(", close + 1):
        return None
    start = close + 2
    while start < len(text) and text[start].isspace():
        start += 1
    if text.startswith("<", start):
        start += 1
    k = bisect_left(stops, start)
    stop = stops[k] if k < len(stops) else len(text)
    if stop == start or stop == len(text):
        return None
    end = tails.end(stop)
    if end is None:
        return None
    return Image(start=i, end=end, alt=text[i + 2 : close], src=text[start:stop])


def replace_images(text: str, replace: Callable[[Image], str]) -> str:
    """`text` with every image replaced by `replace(image)`."""
    out: list[str] = []
    last = 0
    for image in find_images(text):
        out.append(text[last : image.start])
        out.append(replace(image))
        last = image.end
    out.append(text[last:])
    return "".join(out)


def drop_html_comments(text: str) -> str:
    """`text` without `<!-- … -->` comments. Once a `<!--` has no `-->` after it, no later
    one can have either, so the search stops there instead of retrying from each opener."""
    out: list[str] = []
    last = 0
    while True:
        start = text.find("<!--", last)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[last:start])
        last = end + 3
    out.append(text[last:])
    return "".join(out)
