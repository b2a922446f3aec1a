"""Small helpers for drawing numbers from a question's generator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def pick(rng: np.random.Generator, options: Sequence[T]) -> T:
    """One element of ``options``, uniformly."""
    return options[int(rng.integers(len(options)))]


def between(rng: np.random.Generator, low: int, high: int) -> int:
    """An integer in [low, high] inclusive."""
    return int(rng.integers(low, high + 1))


def small_ints(rng: np.random.Generator, shape: tuple[int, ...], low: int,
               high: int) -> np.ndarray:
    """A float64 array of integers in [low, high], for hand-computable tensors."""
    return rng.integers(low, high + 1, size=shape).astype(np.float64)
