"""Batch norm, layer norm and inverted dropout as pure functions.

Batch norm returns its new running statistics instead of mutating them, so a question can
show one training step and the state it leaves behind.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from engine._common import FloatArray, as_float

__all__ = ["batch_norm", "dropout", "layer_norm"]


def _channel_view(v: FloatArray, ndim: int) -> FloatArray:
    """Reshape a per-channel vector (C,) to broadcast against (N, C) or (N, C, H, W)."""
    return v.reshape((1, -1) + (1,) * (ndim - 2))


def batch_norm(x: npt.ArrayLike, running_mean: npt.ArrayLike, running_var: npt.ArrayLike,
               weight: npt.ArrayLike | None = None, bias: npt.ArrayLike | None = None,
               training: bool = False, momentum: float = 0.1,
               eps: float = 1e-5) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Batch normalisation over (N, C) or (N, C, H, W), returning ``(y, new_mean, new_var)``.

    ``y = γ·(x − μ) / √(σ² + eps) + β`` per channel. In training μ and σ² are the batch mean
    and the *biased* batch variance (divide by m = N·H·W), and the running statistics move as
    ``mean ← (1−momentum)·mean + momentum·μ``,
    ``var ← (1−momentum)·var + momentum·σ²·m/(m−1)`` (the *unbiased* variance), as PyTorch does.
    In evaluation μ, σ² are the running statistics, which are returned unchanged.
    """
    a = as_float(x)
    if a.ndim not in (2, 4):
        raise ValueError(f"batch_norm expects (N, C) or (N, C, H, W), got shape {a.shape}")
    rm = np.asarray(running_mean, dtype=a.dtype)
    rv = np.asarray(running_var, dtype=a.dtype)
    axes = (0,) if a.ndim == 2 else (0, 2, 3)
    if training:
        m = a.size // a.shape[1]
        if m < 2:
            raise ValueError("batch_norm in training needs more than one value per channel")
        mean = a.mean(axis=axes)
        var = a.var(axis=axes)
        new_rm = (1 - momentum) * rm + momentum * mean
        new_rv = (1 - momentum) * rv + momentum * var * (m / (m - 1))
    else:
        mean, var = rm, rv
        new_rm, new_rv = rm.copy(), rv.copy()
    y = (a - _channel_view(mean, a.ndim)) / np.sqrt(_channel_view(var, a.ndim) + eps)
    if weight is not None:
        y = y * _channel_view(np.asarray(weight, dtype=a.dtype), a.ndim)
    if bias is not None:
        y = y + _channel_view(np.asarray(bias, dtype=a.dtype), a.ndim)
    return y.astype(a.dtype, copy=False), new_rm, new_rv


def layer_norm(x: npt.ArrayLike, normalized_shape: int | Sequence[int],
               weight: npt.ArrayLike | None = None, bias: npt.ArrayLike | None = None,
               eps: float = 1e-5) -> FloatArray:
    """Layer normalisation over the trailing ``normalized_shape`` dimensions.

    ``y = γ·(x − μ) / √(σ² + eps) + β`` with μ, σ² the mean and biased variance of each sample
    over those dimensions; γ and β have shape ``normalized_shape``.
    """
    a = as_float(x)
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    if a.shape[a.ndim - len(shape):] != shape:
        raise ValueError(f"normalized_shape {shape} does not match the end of {a.shape}")
    axes = tuple(range(a.ndim - len(shape), a.ndim))
    mean = a.mean(axis=axes, keepdims=True)
    var = a.var(axis=axes, keepdims=True)
    y: FloatArray = (a - mean) / np.sqrt(var + eps)
    if weight is not None:
        y = y * np.asarray(weight, dtype=a.dtype)
    if bias is not None:
        y = y + np.asarray(bias, dtype=a.dtype)
    return y.astype(a.dtype, copy=False)


def dropout(x: npt.ArrayLike, p: float, generator: np.random.Generator,
            training: bool = True) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Inverted dropout: keep each element with probability ``1 − p`` and scale it by ``1/(1−p)``.

    Returns ``(y, mask)`` with ``y = x·mask / (1 − p)``; the mask comes from ``generator`` so the
    same seed gives the same mask. With ``training=False`` it is the identity (mask all True);
    with ``p = 1`` everything is dropped.
    """
    a = as_float(x)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability must be in [0, 1], got {p}")
    if not training or p == 0.0:
        return a.copy(), np.ones(a.shape, dtype=bool)
    mask = generator.random(a.shape) >= p
    if p == 1.0:
        return np.zeros_like(a), mask
    y = np.where(mask, a / (1.0 - p), 0).astype(a.dtype, copy=False)
    return y, mask
