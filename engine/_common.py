"""Shared typing aliases and argument normalisers for the engine.

PyTorch accepts either an int or a pair for stride/padding/dilation/kernel sizes;
every op funnels those through `pair` so the rest of the code handles pairs only.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

FloatArray: TypeAlias = npt.NDArray[np.floating[Any]]
IntArray: TypeAlias = npt.NDArray[np.integer[Any]]
IntOrPair: TypeAlias = int | tuple[int, int]


def pair(value: IntOrPair, name: str = "value") -> tuple[int, int]:
    """Return `(value, value)` for an int, or the pair itself, checking it has two ints."""
    if isinstance(value, int | np.integer):
        return int(value), int(value)
    if len(value) != 2:
        raise ValueError(f"{name} must be an int or a pair of ints, got {value!r}")
    return int(value[0]), int(value[1])


def as_float(x: npt.ArrayLike) -> FloatArray:
    """Return `x` as a floating array, keeping float32/float64 and promoting ints to float64."""
    arr = np.asarray(x)
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    return arr
