"""The small notes file and the clock the import and sync tests share."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
NOTES = """# Conv

## 001 What is a convolution?

A sliding dot product.

## 002 Pooling

- [ ] TODO

## 003 Stride

How far the window moves.
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
