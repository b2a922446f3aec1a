"""Turn the bytes of a notes file into text, refusing anything that is not UTF-8 text."""

from __future__ import annotations

from pathlib import Path

from dlquiz.notes.errors import NotesError

_BOM = b"\xef\xbb\xbf"


def decode_notes(data: bytes, name: str) -> str:
    """UTF-8 with or without BOM, any line ending; binary or other encodings are an error
    that names the file, the byte offset and what to do."""
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    skipped = len(data) - len(body)
    nul = body.find(b"\x00")
    if nul >= 0:
        raise NotesError(
            f"{name}: looks like a binary file (NUL byte at offset {nul + skipped}); "
            "import a UTF-8 markdown notes file instead.",
            path=name,
            offset=nul + skipped,
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + skipped
        line = body[: exc.start].count(b"\n") + 1
        raise NotesError(
            f"{name}: not valid UTF-8 at byte offset {offset} (line {line}); "
            "re-save the file as UTF-8 and import again.",
            path=name,
            offset=offset,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    """Read and decode one notes file; unreadable files become a NotesError too."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise NotesError(f"{path}: cannot be read ({reason}).", path=str(path)) from None
    return decode_notes(data, str(path))
