"""Images and HTML comments found by the linear scanners."""

from __future__ import annotations

import pytest

from dlquiz.notes.images import drop_html_comments, find_images


@pytest.mark.parametrize("text, found", [
    ("see ![a](imgs/a.png) here", [("a", "imgs/a.png")]),
    ("![[公式]](https://www.zhihu.com/equation?tex=%5Cbeta)",
     [("[公式]", "https://www.zhihu.com/equation?tex=%5Cbeta")]),
    ('![t](<imgs/b.png> "a title")', [("t", "imgs/b.png")]),
    ("![x]( imgs/c.png )", [("x", "imgs/c.png")]),
    ("![one](1.png)![two](2.png)", [("one", "1.png"), ("two", "2.png")]),
    ("![outer ![inner](i.png)](o.png)", [("outer ![inner](i.png)", "o.png")]),
    ("\\![not an image](n.png)", []),
    ("![no close](n.png", []),
    ("![split\nalt](n.png)", []),
    ("![empty]()", []),
    ("![](" * 1000, []),
])
def test_find_images(text: str, found: list[tuple[str, str]]) -> None:
    assert [(i.alt, i.src) for i in find_images(text)] == found


def test_spans_cover_the_image_text() -> None:
    text = 'a ![t](x.png "T") b'
    (image,) = find_images(text)
    assert text[image.start : image.end] == '![t](x.png "T")'


@pytest.mark.parametrize("text, kept", [
    ("a <!-- hidden --> b", "a  b"),
    ("a <!-- one\nline two --> b <!-- c --> d", "a  b  d"),
    ("unclosed <!-- stays", "unclosed <!-- stays"),
    ("<!--" * 1000, "<!--" * 1000),
])
def test_drop_html_comments(text: str, kept: str) -> None:
    assert drop_html_comments(text) == kept
