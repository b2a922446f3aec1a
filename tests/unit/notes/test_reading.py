"""Decoding: UTF-8 with or without BOM is text; anything else is one clear error."""

from __future__ import annotations

import pytest

from dlquiz.notes.errors import NotesError
from dlquiz.notes.reading import decode_notes


def test_bom_and_crlf_are_normalised() -> None:
    assert decode_notes("\ufeffa\r\nb\rc".encode(), "n.md") == "a\nb\nc"


def test_invalid_utf8_names_file_and_offset() -> None:
    data = "## 001 好\n".encode() + b"\xff\xfe bad"
    with pytest.raises(NotesError) as err:
        decode_notes(data, "notes.md")
    offset = len("## 001 好\n".encode())
    assert err.value.offset == offset
    assert "notes.md" in str(err.value) and str(offset) in str(err.value)
    assert "line 2" in str(err.value)


def test_gbk_file_is_refused() -> None:
    with pytest.raises(NotesError, match="not valid UTF-8"):
        decode_notes("## 001 卷积操作\n".encode("gbk"), "gbk.md")


def test_binary_is_refused() -> None:
    with pytest.raises(NotesError, match="binary"):
        decode_notes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "pic.md")
