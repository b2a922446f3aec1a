"""The contract between a question kind and the service: answers, mistakes, problems, kinds.

A kind module builds a ``Problem`` from a random generator and a difficulty. The problem
holds the expected ``Answer`` computed by the engine, the known mistakes (each an
alternative engine computation with its own ``Answer``), and bilingual text. Values are
stored as flat float tuples so one checker serves every answer type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from engine.questions.text import Bi

AnswerType = Literal["integer", "real", "shape", "list", "set", "matrix", "choice"]
DIFFICULTIES = (1, 2, 3)


@dataclass(frozen=True)
class Answer:
    """An answer value of one type, with the tolerance used to judge it.

    ``values`` is the flat list of numbers (one for integer/real, row-major for a matrix,
    sorted indices for a set); ``cols`` is the matrix width; ``letter`` is a choice.
    ``decimals`` is the stated rounding for reals (None: exact), ``rel_tol`` a relative
    tolerance the kind states in its prompt. ``units`` names the unit of each value (one
    name applies to all; "" is a plain number), so typed units convert into it.
    ``approx`` is the rounding policy for large counts: an entry of at least 10^6 is also
    right within 0.5% when typed with at least 3 significant figures (``102.76M``).
    """

    type: AnswerType
    values: tuple[float, ...] = ()
    cols: int = 0
    letter: str = ""
    decimals: int | None = None
    rel_tol: float = 0.0
    choices: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    approx: bool = False

    def unit_at(self, i: int) -> str:
        """The unit name of entry ``i`` ("" for a plain number)."""
        if not self.units:
            return ""
        return self.units[i] if len(self.units) > 1 else self.units[0]

    def like(self, values: Sequence[float] | float | str | np.ndarray) -> Answer:
        """An answer of the same type and tolerance with other values (for mistakes)."""
        if self.type == "choice":
            return replace(self, letter=str(values))
        if self.type == "matrix":
            arr = np.asarray(values, dtype=np.float64)
            arr2 = arr.reshape(1, -1) if arr.ndim < 2 else arr.reshape(arr.shape[0], -1)
            return replace(self, values=_floats(arr2.ravel()), cols=int(arr2.shape[1]))
        if self.type == "set":
            return self._with(tuple(sorted({float(v) for v in _flat(values)})))
        return self._with(_floats(_flat(values)))

    def _with(self, values: tuple[float, ...]) -> Answer:
        """``replace(self, values=...)`` without dataclasses' introspection (a hot path:
        every mistake of every generated question goes through it)."""
        return Answer(self.type, values, self.cols, self.letter, self.decimals, self.rel_tol,
                      self.choices, self.units, self.approx)

    @property
    def exact(self) -> bool:
        """Whether only the exact values are right (no decimals, tolerance or rounding)."""
        return self.decimals is None and self.rel_tol == 0.0 and not self.approx

    def rounded(self, decimals: int) -> Answer:
        """The same answer judged to ``decimals`` places (a mistake with fractional values)."""
        return replace(self, decimals=decimals)


def _flat(values: Sequence[float] | float | str | np.ndarray) -> list[float]:
    if isinstance(values, str):
        raise TypeError("numeric answer expected")
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def _floats(values: Sequence[float] | np.ndarray) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def integer(value: float, rel_tol: float = 0.0, *, unit: str = "",
            approx: bool = False) -> Answer:
    """An exact integer; ``approx`` adds the 3-significant-figure policy for large counts."""
    return Answer("integer", (float(round(value)),), rel_tol=rel_tol,
                  units=(unit,) if unit else (), approx=approx)


def real(value: float, decimals: int | None = 4, rel_tol: float = 0.0, *, unit: str = "",
         approx: bool = False) -> Answer:
    """A real judged at ``decimals`` places, or (``decimals=None``) within ``rel_tol`` of the
    exact value, for quantities such as learning rates spanning many orders of magnitude."""
    return Answer("real", (float(value),), decimals=decimals, rel_tol=rel_tol,
                  units=(unit,) if unit else (), approx=approx)


def shape(values: Sequence[int]) -> Answer:
    return Answer("shape", tuple(float(v) for v in values))


def numbers(values: Sequence[float] | np.ndarray, decimals: int | None = None, *,
            units: Sequence[str] = (), approx: bool = False) -> Answer:
    """An ordered list; ``decimals=None`` means every entry is an exact integer.

    ``units`` is one unit for every entry or one per entry ("" for a plain number).
    """
    unit_names = tuple(units) if any(units) else ()
    return Answer("list", _floats(_flat(values)), decimals=decimals, units=unit_names,
                  approx=approx)


def index_set(values: Sequence[int] | np.ndarray) -> Answer:
    return Answer("set", tuple(sorted({float(v) for v in _flat(values)})))


def matrix(values: np.ndarray | Sequence[Sequence[float]], decimals: int | None = None) -> Answer:
    return Answer("matrix", decimals=decimals).like(np.asarray(values, dtype=np.float64))


def choice(letter: str, choices: Sequence[str]) -> Answer:
    return Answer("choice", letter=letter, choices=tuple(choices))


@dataclass(frozen=True)
class Mistake:
    """A known mistake: its name (the diagnosis) and the answer it produces."""

    name: Bi
    answer: Answer


@dataclass(frozen=True)
class Problem:
    """What a kind's builder returns: text, expected answer and known mistakes.

    ``precision`` overrides the sentence the service adds to the prompt about how exact
    the answer must be (``formats.precision_note``); ``attempt`` is set by the service to
    the draw that produced the problem.
    """

    prompt: Bi
    answer: Answer
    solution: Bi
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)
    answer_format: Bi | None = None
    precision: Bi | None = None
    attempt: int = 0


Builder = Callable[[np.random.Generator, int], Problem]


@dataclass(frozen=True)
class KindDef:
    """A registered question kind: identity, topic, titles, answer type and builder."""

    id: str
    topic: str
    title: Bi
    answer_type: AnswerType
    build: Builder


def mistake(name: Bi, answer: Answer) -> Mistake:
    return Mistake(name, answer)
