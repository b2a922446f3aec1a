"""Softmax, log-softmax and the classification losses used by the questions.

Written in the numerically stable forms (max subtraction, log-sum-exp, softplus) so that
large logits give the same answer PyTorch does instead of inf or nan.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

from engine._common import FloatArray, as_float

__all__ = ["binary_cross_entropy_with_logits", "cross_entropy", "cross_entropy_grad",
           "log_softmax", "sigmoid_focal_loss", "softmax"]

Reduction = Literal["none", "mean", "sum"]


def softmax(x: npt.ArrayLike, axis: int = -1) -> FloatArray:
    """``softmax(x)_i = e^{x_i − max x} / Σ_j e^{x_j − max x}`` along ``axis``."""
    a = as_float(x)
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    result: FloatArray = e / e.sum(axis=axis, keepdims=True)
    return result


def log_softmax(x: npt.ArrayLike, axis: int = -1) -> FloatArray:
    """``log_softmax(x)_i = x_i − m − log Σ_j e^{x_j − m}`` with ``m = max x`` along ``axis``."""
    a = as_float(x)
    shifted = a - a.max(axis=axis, keepdims=True)
    result: FloatArray = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    return result


def _check_targets(logits: FloatArray, target: npt.NDArray[np.integer]) -> None:
    if logits.ndim != 2 or target.shape != (logits.shape[0],):
        raise ValueError(f"expected logits (N, C) and target (N,), got {logits.shape} "
                         f"and {target.shape}")
    if target.size and (target.min() < 0 or target.max() >= logits.shape[1]):
        raise ValueError(f"target classes must lie in [0, {logits.shape[1]})")


def cross_entropy(logits: npt.ArrayLike, target: npt.ArrayLike,
                  reduction: Literal["mean", "sum"] = "mean") -> float:
    """Cross-entropy of class indices: ``ℓ_n = −log_softmax(logits_n)[target_n]``.

    ``reduction="mean"`` averages ℓ over the batch, ``"sum"`` adds it up.
    """
    z = as_float(logits)
    t = np.asarray(target).astype(np.int64)
    _check_targets(z, t)
    losses = -log_softmax(z, axis=1)[np.arange(z.shape[0]), t]
    if reduction == "mean":
        return float(losses.mean())
    if reduction == "sum":
        return float(losses.sum())
    raise ValueError(f"reduction must be 'mean' or 'sum', got {reduction!r}")


def cross_entropy_grad(logits: npt.ArrayLike, target: npt.ArrayLike,
                       reduction: Literal["mean", "sum"] = "mean") -> FloatArray:
    """Gradient of :func:`cross_entropy` w.r.t. the logits: ``(softmax(z) − onehot(t)) / N``
    for the mean (no division for the sum)."""
    z = as_float(logits)
    t = np.asarray(target).astype(np.int64)
    _check_targets(z, t)
    g = softmax(z, axis=1)
    g[np.arange(z.shape[0]), t] -= 1
    return g / z.shape[0] if reduction == "mean" else g


def _reduce(loss: FloatArray, reduction: Reduction) -> FloatArray:
    if reduction == "none":
        return loss
    if reduction == "mean":
        return np.asarray(loss.mean(), dtype=loss.dtype)
    if reduction == "sum":
        return np.asarray(loss.sum(), dtype=loss.dtype)
    raise ValueError(f"reduction must be 'none', 'mean' or 'sum', got {reduction!r}")


def binary_cross_entropy_with_logits(inputs: npt.ArrayLike, targets: npt.ArrayLike,
                                     reduction: Reduction = "none") -> FloatArray:
    """Binary cross-entropy on logits, ``ℓ = −[y log σ(x) + (1−y) log(1−σ(x))]``.

    Computed as ``max(x, 0) − x·y + log(1 + e^{−|x|})``, which never overflows.
    """
    x = as_float(inputs)
    y = np.asarray(targets, dtype=x.dtype)
    loss = np.maximum(x, 0) - x * y + np.log1p(np.exp(-np.abs(x)))
    return _reduce(loss, reduction)


def sigmoid_focal_loss(inputs: npt.ArrayLike, targets: npt.ArrayLike, alpha: float = 0.25,
                       gamma: float = 2.0, reduction: Reduction = "none") -> FloatArray:
    """Focal loss on logits, torchvision's definition (Lin et al., 2017).

    ``p = σ(x)``, ``p_t = p·y + (1−p)(1−y)``, ``ℓ = BCE(x, y)·(1 − p_t)^γ``, then, when
    ``alpha ≥ 0``, ``ℓ ← α_t·ℓ`` with ``α_t = α·y + (1−α)(1−y)``. Reduced by ``reduction``.
    """
    x = as_float(inputs)
    y = np.asarray(targets, dtype=x.dtype)
    e = np.exp(-np.abs(x))
    p = np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    p_t = p * y + (1 - p) * (1 - y)
    loss = binary_cross_entropy_with_logits(x, y) * (1 - p_t) ** gamma
    if alpha >= 0:
        loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
    return _reduce(loss.astype(x.dtype, copy=False), reduction)
