"""Parsing a notes file for the import, with the built-in files parsed once per process.

The built-in files ship with dlquiz and do not change while it runs, so a process that creates
several banks (`bank copy`, `dlquiz serve` with a session per tab, the test suite) parses each
of them once. Keyed by path and digest; the parsed records are frozen, so sharing is safe. A
user's file is parsed every time: the images it names may have changed on disk meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from dlquiz.notes.model import ParsedNotes

_BUILTIN_PARSES: dict[tuple[str, str], ParsedNotes] = {}


def parse_file(path: Path, digest: str, text: str, *, builtin: bool) -> ParsedNotes:
    """The notes of `text`, read from `path` (whose bytes hash to `digest`)."""
    from dlquiz.notes.parallel import parse_notes_parallel  # markdown-it: only when parsing

    key = (str(path), digest)
    if builtin and key in _BUILTIN_PARSES:
        return _BUILTIN_PARSES[key]
    parsed = parse_notes_parallel(text, base_dir=path.parent, source=str(path))
    if builtin:
        _BUILTIN_PARSES[key] = parsed
    return parsed
