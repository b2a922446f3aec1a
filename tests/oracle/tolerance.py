"""The keyword type of the rtol/atol pairs the oracle tests splat into assert_allclose.

A plain ``dict[str, float]`` splatted with ``**`` would, to a type checker, also feed floats
to assert_allclose's bool keywords (equal_nan, verbose, strict); naming the two keys keeps
the call checked.
"""

from __future__ import annotations

from typing import TypedDict


class Tolerance(TypedDict):
    """Relative and absolute tolerance for numpy.testing.assert_allclose."""

    rtol: float
    atol: float
