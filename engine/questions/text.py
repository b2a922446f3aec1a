"""Bilingual text and the number formatting shared by prompts and worked solutions.

Every user-facing string exists in Chinese and English; ``Bi`` carries both so a kind
writes its text once, side by side, and the service picks the language at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Bi:
    """A piece of text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __add__(self, other: Bi) -> Bi:
        return Bi(self.zh + other.zh, self.en + other.en)


def join(parts: Iterable[Bi], sep: str = "\n") -> Bi:
    """Join bilingual parts with the same separator in both languages."""
    items = list(parts)
    return Bi(sep.join(p.zh for p in items), sep.join(p.en for p in items))


def steps(*parts: Bi) -> Bi:
    """A numbered markdown list of solution steps."""
    return Bi(
        "\n".join(f"{i}. {p.zh}" for i, p in enumerate(parts, 1)),
        "\n".join(f"{i}. {p.en}" for i, p in enumerate(parts, 1)),
    )


def num(x: float, decimals: int | None = None) -> str:
    """Format a number: integers without a decimal point, reals to ``decimals`` places."""
    if decimals is None:
        if float(x).is_integer():
            return str(int(x))
        return f"{x:.6g}"
    text = f"{x:.{decimals}f}"
    if text.startswith("-") and float(text) == 0.0:
        text = text[1:]
    return text


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 step``, ``3 steps``: English count and noun in agreement."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def big(n: float) -> str:
    """An integer with thousands separators, as people write large counts (23,296)."""
    return f"{int(n):,}"


def _flat(values: npt.ArrayLike) -> list[float]:
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def tup(values: npt.ArrayLike, decimals: int | None = None) -> str:
    """A tuple such as ``(8, 64, 56, 56)``."""
    return "(" + ", ".join(num(v, decimals) for v in _flat(values)) + ")"


def lst(values: npt.ArrayLike, decimals: int | None = None) -> str:
    """A list such as ``[0.1, 0.2]``."""
    return "[" + ", ".join(num(v, decimals) for v in _flat(values)) + "]"


def matrix_block(rows: npt.ArrayLike, decimals: int | None = None) -> str:
    """A fenced code block with the matrix rows aligned, for prompts and solutions."""
    arr = np.asarray(rows, dtype=np.float64)
    arr = arr.reshape(1, -1) if arr.ndim < 2 else arr.reshape(arr.shape[0], -1)
    cells = [[num(float(v), decimals) for v in row] for row in arr]
    width = max((len(c) for row in cells for c in row), default=1)
    lines = ["  ".join(c.rjust(width) for c in row) for row in cells]
    return "\n```\n" + "\n".join(lines) + "\n```\n"
