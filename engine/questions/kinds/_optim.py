"""Helpers shared by the optimizer kinds: drawing a scalar problem and running steps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt


class Stepper(Protocol):
    def step(self, param: npt.ArrayLike, grad: npt.ArrayLike) -> npt.NDArray[np.floating[Any]]: ...


def tenth(rng: np.random.Generator, low: float, high: float) -> float:
    """A non-zero number with one decimal in [low, high]."""
    v = 0.0
    while v == 0.0:
        v = round(float(rng.uniform(low, high)), 1)
    return v


def run(opt: Stepper, w0: float, grads: Sequence[float]) -> list[float]:
    """The scalar parameter after each step of ``opt`` with the given gradients."""
    w = np.array([w0])
    out = []
    for g in grads:
        w = opt.step(w, np.array([g]))
        out.append(float(w[0]))
    return out


def grads_text(grads: Sequence[float]) -> str:
    return ", ".join(f"g_{i}={g:g}" for i, g in enumerate(grads, 1))
