"""Elementwise activations and their derivatives, with PyTorch's conventions at the kinks.

The derivative at a kink follows PyTorch's autograd (ReLU'(0) = 0, LeakyReLU'(0) = slope,
ELU'(0) = alpha) so that gradient questions have one right answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from engine._common import FloatArray, as_float

__all__ = [
    "ACTIVATIONS",
    "activation",
    "activation_grad",
    "elu",
    "gelu",
    "leaky_relu",
    "relu",
    "sigmoid",
    "silu",
    "softplus",
    "tanh",
]

_erf = np.frompyfunc(math.erf, 1, 1)


def sigmoid(x: npt.ArrayLike) -> FloatArray:
    """``σ(x) = 1 / (1 + e^{−x})``, evaluated without overflow for large |x|."""
    a = as_float(x)
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(a.dtype, copy=False)


def tanh(x: npt.ArrayLike) -> FloatArray:
    """``tanh(x) = (e^x − e^{−x}) / (e^x + e^{−x})``."""
    return np.tanh(as_float(x))


def relu(x: npt.ArrayLike) -> FloatArray:
    """``max(0, x)``."""
    a = as_float(x)
    return np.maximum(a, a.dtype.type(0))


def leaky_relu(x: npt.ArrayLike, negative_slope: float = 0.01) -> FloatArray:
    """``x`` if ``x > 0`` else ``negative_slope·x``."""
    a = as_float(x)
    return np.where(a > 0, a, a * negative_slope).astype(a.dtype, copy=False)


def elu(x: npt.ArrayLike, alpha: float = 1.0) -> FloatArray:
    """``x`` if ``x > 0`` else ``alpha·(e^x − 1)``."""
    a = as_float(x)
    return np.where(a > 0, a, alpha * np.expm1(np.minimum(a, 0))).astype(a.dtype, copy=False)


def _phi_cdf(a: FloatArray) -> FloatArray:
    """Standard normal CDF ``Φ(x) = (1 + erf(x/√2)) / 2``."""
    erf = _erf(a / math.sqrt(2.0)).astype(a.dtype)
    result: FloatArray = 0.5 * (1.0 + erf)
    return result


def gelu(x: npt.ArrayLike) -> FloatArray:
    """Exact GELU ``x·Φ(x)`` with Φ the standard normal CDF (PyTorch's default, not tanh)."""
    a = as_float(x)
    return (a * _phi_cdf(a)).astype(a.dtype, copy=False)


def silu(x: npt.ArrayLike) -> FloatArray:
    """SiLU / swish ``x·σ(x)``."""
    a = as_float(x)
    return a * sigmoid(a)


def softplus(x: npt.ArrayLike, beta: float = 1.0, threshold: float = 20.0) -> FloatArray:
    """``(1/β)·log(1 + e^{βx})``, and ``x`` itself where ``βx > threshold`` (as PyTorch does)."""
    a = as_float(x)
    bx = beta * a
    soft = (np.logaddexp(0, bx) / beta).astype(a.dtype, copy=False)
    return np.where(bx > threshold, a, soft).astype(a.dtype, copy=False)


def _d_sigmoid(a: FloatArray) -> FloatArray:
    s = sigmoid(a)
    return s * (1 - s)


def _d_tanh(a: FloatArray) -> FloatArray:
    return 1 - np.tanh(a) ** 2


def _d_relu(a: FloatArray) -> FloatArray:
    return (a > 0).astype(a.dtype)


def _d_leaky(a: FloatArray) -> FloatArray:
    return np.where(a > 0, 1.0, 0.01).astype(a.dtype)


def _d_elu(a: FloatArray) -> FloatArray:
    return np.where(a > 0, 1.0, np.exp(np.minimum(a, 0))).astype(a.dtype)


def _d_gelu(a: FloatArray) -> FloatArray:
    pdf = np.exp(-0.5 * a * a) / math.sqrt(2 * math.pi)
    return (_phi_cdf(a) + a * pdf).astype(a.dtype, copy=False)


def _d_silu(a: FloatArray) -> FloatArray:
    s = sigmoid(a)
    return s * (1 + a * (1 - s))


def _d_softplus(a: FloatArray) -> FloatArray:
    return np.where(a > 20.0, 1.0, sigmoid(a)).astype(a.dtype)


ACTIVATIONS: dict[str, tuple[Callable[[FloatArray], FloatArray],
                             Callable[[FloatArray], FloatArray]]] = {
    "sigmoid": (sigmoid, _d_sigmoid),
    "tanh": (tanh, _d_tanh),
    "relu": (relu, _d_relu),
    "leaky_relu": (leaky_relu, _d_leaky),
    "elu": (elu, _d_elu),
    "gelu": (gelu, _d_gelu),
    "silu": (silu, _d_silu),
    "softplus": (softplus, _d_softplus),
}
"""Name → (function, derivative), each at PyTorch's default hyper-parameters."""


def _lookup(name: str) -> tuple[Callable[[FloatArray], FloatArray],
                                Callable[[FloatArray], FloatArray]]:
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(sorted(ACTIVATIONS))
        raise ValueError(f"unknown activation {name!r}; known: {known}") from None


def activation(name: str, x: npt.ArrayLike) -> FloatArray:
    """Apply the activation called ``name`` (default hyper-parameters) elementwise."""
    return _lookup(name)[0](as_float(x))


def activation_grad(name: str, x: npt.ArrayLike) -> FloatArray:
    """Elementwise derivative ``dy/dx`` of the activation called ``name`` at ``x``.

    sigmoid: σ(1−σ); tanh: 1−tanh²; relu: [x>0]; leaky_relu: 1 or 0.01; elu: 1 or e^x;
    gelu: Φ(x) + x·φ(x); silu: σ(x)(1 + x(1−σ(x))); softplus: σ(x) (1 past the threshold).
    """
    return _lookup(name)[1](as_float(x))
