"""Max and average pooling, forward and backward, with PyTorch's size, tie and divisor rules.

Instead of padding the input, each of the kh·kw kernel offsets is handled as one strided
slice: offset (u, v) reads input row ``i·s + u·d − p`` for the output rows i where that row
exists. Looping over kernel offsets (never over pixels) keeps everything vectorised, handles
padding and ceil_mode's overhanging windows without copies, and makes the backward passes a
scatter-add of kh·kw slices, so overlapping windows accumulate naturally.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from engine._common import FloatArray, IntOrPair, as_float, pair
from engine.shapes import pool_output_size

__all__ = ["avg_pool2d", "avg_pool2d_backward", "max_pool2d", "max_pool2d_backward"]

_Slices = tuple[slice, slice]


def _span(out: int, size: int, stride: int, offset: int) -> tuple[slice, slice] | None:
    """Output indices i with ``0 ≤ i·stride + offset < size`` and the input rows they read."""
    lo = 0 if offset >= 0 else (-offset + stride - 1) // stride
    last = size - 1 - offset  # i·stride must not exceed this
    if last < 0:
        return None
    hi = min(out, last // stride + 1)
    if hi <= lo:
        return None
    first = lo * stride + offset
    return slice(lo, hi), slice(first, (hi - 1) * stride + offset + 1, stride)


class _Geometry:
    """Pooling arguments normalised to pairs plus the output size."""

    def __init__(self, x: FloatArray, kernel_size: IntOrPair, stride: IntOrPair | None,
                 padding: IntOrPair, dilation: IntOrPair, ceil_mode: bool) -> None:
        if x.ndim != 4:
            raise ValueError(f"pooling expects an (N, C, H, W) input, got shape {x.shape}")
        self.k = pair(kernel_size, "kernel_size")
        self.s = self.k if stride is None else pair(stride, "stride")
        self.p = pair(padding, "padding")
        self.d = pair(dilation, "dilation")
        self.hw = (x.shape[2], x.shape[3])
        self.out = pool_output_size(self.hw, self.k, self.s, self.p, self.d, ceil_mode)

    def offsets(self) -> Iterator[tuple[int, _Slices, _Slices]]:
        """Yield (flat offset index, output slices, input slices) in row-major kernel order."""
        for u in range(self.k[0]):
            rows = _span(self.out[0], self.hw[0], self.s[0], u * self.d[0] - self.p[0])
            for v in range(self.k[1]):
                cols = _span(self.out[1], self.hw[1], self.s[1], v * self.d[1] - self.p[1])
                if rows is not None and cols is not None:
                    yield u * self.k[1] + v, (rows[0], cols[0]), (rows[1], cols[1])


def max_pool2d(x: npt.ArrayLike, kernel_size: IntOrPair, stride: IntOrPair | None = None,
               padding: IntOrPair = 0, dilation: IntOrPair = 1,
               ceil_mode: bool = False) -> FloatArray:
    """Max pooling: ``y[n, c, i, j] = max_{u,v} x[n, c, i·sh + u·dh − ph, j·sw + v·dw − pw]``.

    Padding acts as −∞ (it never wins); stride defaults to the kernel size; the output size
    follows :func:`engine.shapes.pool_output_size`. A dilated window that holds no input
    element at all (only possible with dilation) yields −∞ and, in the backward pass, no
    gradient; PyTorch's CPU kernel writes that gradient out of bounds instead.
    """
    a = as_float(x)
    geo = _Geometry(a, kernel_size, stride, padding, dilation, ceil_mode)
    y = np.full(a.shape[:2] + geo.out, -np.inf, dtype=a.dtype)
    for _, (oi, oj), (ii, ij) in geo.offsets():
        view = y[:, :, oi, oj]
        np.maximum(view, a[:, :, ii, ij], out=view)
    return y


def _max_argmax(a: FloatArray, geo: _Geometry) -> npt.NDArray[np.int32]:
    """Flat kernel offset of each window's first maximum in row-major order (NaN wins)."""
    best = np.full(a.shape[:2] + geo.out, -np.inf, dtype=a.dtype)
    arg = np.full(best.shape, -1, dtype=np.int32)
    for k, (oi, oj), (ii, ij) in geo.offsets():
        cand = a[:, :, ii, ij]
        cur = best[:, :, oi, oj]
        better = (cand > cur) | np.isnan(cand) | (arg[:, :, oi, oj] < 0)
        cur[better] = cand[better]
        arg[:, :, oi, oj][better] = k
    return arg


def max_pool2d_backward(x: npt.ArrayLike, grad_out: npt.ArrayLike, kernel_size: IntOrPair,
                        stride: IntOrPair | None = None, padding: IntOrPair = 0,
                        dilation: IntOrPair = 1, ceil_mode: bool = False) -> FloatArray:
    """Gradient of :func:`max_pool2d`: each ``grad_out`` value goes to its window's arg-max.

    Ties go to the first maximum in row-major window order, as in PyTorch; an input that is
    the maximum of several overlapping windows receives the sum of their gradients.
    """
    a = as_float(x)
    geo = _Geometry(a, kernel_size, stride, padding, dilation, ceil_mode)
    g = np.asarray(grad_out, dtype=a.dtype)
    if g.shape != a.shape[:2] + geo.out:
        raise ValueError(f"grad_out shape {g.shape} should be {a.shape[:2] + geo.out}")
    arg = _max_argmax(a, geo)
    grad_x = np.zeros_like(a)
    for k, (oi, oj), (ii, ij) in geo.offsets():
        grad_x[:, :, ii, ij] += np.where(arg[:, :, oi, oj] == k, g[:, :, oi, oj], 0)
    return grad_x


def _divisor_1d(out: int, size: int, k: int, s: int, p: int,
                count_include_pad: bool) -> npt.NDArray[np.int64]:
    """Per-output window length along one axis under PyTorch's avg_pool2d rule."""
    start = np.arange(out, dtype=np.int64) * s - p
    end = np.minimum(start + k, size + p)  # the window may cover padding but not overhang
    if count_include_pad:
        return end - start
    return np.minimum(end, size) - np.maximum(start, 0)


def _avg_divisor(geo: _Geometry, count_include_pad: bool,
                 divisor_override: int | None) -> npt.NDArray[np.int64]:
    if divisor_override is not None:
        return np.full(geo.out, divisor_override, dtype=np.int64)
    rows = _divisor_1d(geo.out[0], geo.hw[0], geo.k[0], geo.s[0], geo.p[0], count_include_pad)
    cols = _divisor_1d(geo.out[1], geo.hw[1], geo.k[1], geo.s[1], geo.p[1], count_include_pad)
    return np.outer(rows, cols)


def avg_pool2d(x: npt.ArrayLike, kernel_size: IntOrPair, stride: IntOrPair | None = None,
               padding: IntOrPair = 0, ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int | None = None) -> FloatArray:
    """Average pooling with PyTorch's divisor rule.

    ``y = (Σ of the in-input values of the window) / D``. With ``hstart = i·s − p`` and
    ``hend = min(hstart + k, H + p)`` (likewise for columns), D is
    ``(hend − hstart)·(wend − wstart)`` when ``count_include_pad`` (padding counts, a ceil_mode
    overhang past the padding does not), else the number of real input elements in the window;
    ``divisor_override`` replaces D outright.
    """
    a = as_float(x)
    geo = _Geometry(a, kernel_size, stride, padding, 1, ceil_mode)
    total = np.zeros(a.shape[:2] + geo.out, dtype=a.dtype)
    for _, (oi, oj), (ii, ij) in geo.offsets():
        total[:, :, oi, oj] += a[:, :, ii, ij]
    total /= _avg_divisor(geo, count_include_pad, divisor_override).astype(a.dtype)
    return total


def avg_pool2d_backward(x: npt.ArrayLike, grad_out: npt.ArrayLike, kernel_size: IntOrPair,
                        stride: IntOrPair | None = None, padding: IntOrPair = 0,
                        ceil_mode: bool = False, count_include_pad: bool = True,
                        divisor_override: int | None = None) -> FloatArray:
    """Gradient of :func:`avg_pool2d`: every input in a window gets ``grad_out / D``.

    Overlapping windows accumulate; padding positions simply drop their share.
    """
    a = as_float(x)
    geo = _Geometry(a, kernel_size, stride, padding, 1, ceil_mode)
    g = np.asarray(grad_out, dtype=a.dtype)
    if g.shape != a.shape[:2] + geo.out:
        raise ValueError(f"grad_out shape {g.shape} should be {a.shape[:2] + geo.out}")
    share = g / _avg_divisor(geo, count_include_pad, divisor_override).astype(a.dtype)
    grad_x = np.zeros_like(a)
    for _, (oi, oj), (ii, ij) in geo.offsets():
        grad_x[:, :, ii, ij] += share[:, :, oi, oj]
    return grad_x
