"""Table-driven checks of the numbers the built-in notes state.

A :class:`Claim` ties a note (by its 3-digit number) to a piece of its answer text and to an
independent computation, normally an engine function. ``check`` asserts two things:

1. the text occurs verbatim in that note's answer, so editing the content breaks the claim
   (and whoever edits it must re-derive the number);
2. the numbers written at the end of the text equal the computed value: exactly for integers,
   and for reals to the number of decimals printed (``0.841345`` means |x − 0.841345| ≤ 5e-7).

The computed value may be a scalar or a sequence; a sequence of n values is compared with the
last n numbers of the text, so a claim can quote context before the numbers it checks. A
computed string (for example NMS survivors rendered as letters) must occur in the text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from dlquiz.notes.parser import read_notes_file

CONTENT_DIR = Path(__file__).resolve().parents[3] / "content"

# 1,281,167 or 1281167 or −0.5 or 0.841345 or 2e-6; a minus may be ASCII or U+2212.
# Digits glued to an ASCII name (pool1, conv5_3, fc6) are part of the name, not numbers;
# LaTeX command names (\times128) are blanked out first so the digits after them count.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.])([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:e([-−+]?\d+))?")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+")

# numpy scalars (np.float64 from np.var, np.floating from a reduction) are accepted as they
# are: ``_flat`` converts every element with float(), so callers need not wrap each one.
Scalar = float | int | np.integer[Any] | np.floating[Any]
Value = str | Scalar | Sequence[Scalar] | np.ndarray


@dataclass(frozen=True)
class Claim:
    """``note``'s answer contains ``text``, whose numbers equal ``value()``.

    The n computed values are compared with the last n numbers written in ``text``, or, when
    ``at`` is given, with the written numbers at those positions (0 = first, −1 = last).
    """

    note: str
    text: str
    value: Callable[[], Value]
    at: tuple[int, ...] | None = None

    def __str__(self) -> str:
        return f"{self.note}: {self.text}"


@dataclass(frozen=True)
class Shown:
    """One number as written: its value and how many decimals were printed (2e-6: 6)."""

    value: float
    decimals: int

    @property
    def is_int(self) -> bool:
        return self.decimals == 0


def numbers_in(text: str) -> list[Shown]:
    """Every number written in ``text``, thousands separators removed."""
    found = []
    plain = _LATEX_COMMAND.sub(" ", text.replace("{,}", ","))
    for sign, whole, frac, exp in _NUMBER.findall(plain):
        digits = whole.replace(",", "") + (f".{frac}" if frac else "")
        power = int(exp.replace("−", "-")) if exp else 0
        value = float(digits) * 10.0**power
        found.append(Shown(-value if sign else value, max(len(frac) - power, 0)))
    return found


@lru_cache(maxsize=1)
def answers() -> dict[str, str]:
    """Note number → answer text for every note in content/."""
    table: dict[str, str] = {}
    for path in sorted(CONTENT_DIR.glob("*.md")):
        for note in read_notes_file(path).notes:
            assert note.number is not None, f"{path.name}: note without a number: {note.title}"
            table[note.number] = note.answer
    return table


def _flat(value: Value) -> list[float]:
    if isinstance(value, int | float | np.integer | np.floating):
        return [float(value)]
    return [float(v) for v in np.asarray(value, dtype=np.float64).ravel()]


def matches(shown: Shown, computed: float) -> bool:
    """Exact for integers; equal at the printed number of decimals for reals."""
    if shown.is_int:
        return math.isclose(computed, shown.value, rel_tol=1e-12, abs_tol=1e-12)
    half_ulp = 0.5 * 10.0 ** -shown.decimals
    return abs(computed - shown.value) <= half_ulp * (1 + 1e-9)


def check(claim: Claim) -> None:
    answer = answers().get(claim.note)
    assert answer is not None, f"no note {claim.note} in content/"
    assert claim.text in answer, f"note {claim.note} no longer says {claim.text!r}"
    value = claim.value()
    if isinstance(value, str):
        assert value in claim.text, f"{claim}: computed {value!r}"
        return
    computed = _flat(value)
    shown = numbers_in(claim.text)
    if claim.at is None:
        assert len(shown) >= len(computed), f"{claim}: fewer numbers written than computed"
        written = shown[len(shown) - len(computed):]
    else:
        written = [shown[i] for i in claim.at]
    wrong = [(w.value, c) for w, c in zip(written, computed, strict=True) if not matches(w, c)]
    assert wrong == [], f"{claim}: written vs computed {wrong}"


def ceil_div(n: int, b: int) -> int:
    """⌈n / b⌉ in integer arithmetic (DataLoader length with drop_last=False)."""
    return -(-n // b)


def claim_ids(claims: Sequence[Claim]) -> list[str]:
    """Readable, unique pytest ids: note number plus a counter."""
    seen: dict[str, int] = {}
    ids = []
    for c in claims:
        seen[c.note] = seen.get(c.note, 0) + 1
        ids.append(f"{c.note}-{seen[c.note]}")
    return ids
