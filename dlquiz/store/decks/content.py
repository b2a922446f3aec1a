"""Where the built-in notes are: content/ beside the dlquiz package, in a source checkout
and in an installed wheel alike. Kept free of the parser so listing them stays cheap."""

from __future__ import annotations

from pathlib import Path

import dlquiz

BUILTIN_DECK = "builtin"
NOTES_SUFFIXES = (".md", ".markdown")


def builtin_content_dir() -> Path:
    return Path(dlquiz.__file__).resolve().parent.parent / "content"


def builtin_files() -> list[Path]:
    root = builtin_content_dir()
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in NOTES_SUFFIXES)
