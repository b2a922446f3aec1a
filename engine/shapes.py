"""Output-size, parameter, cost and receptive-field formulas for CNN layers.

These are the closed forms that shape questions quote, written once so that the
ops (which must agree with them) and the question generators share one definition.
Every size function takes ints or (height, width) pairs like PyTorch: all-int
arguments give an int, any pair gives a pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, overload

from engine._common import IntOrPair, pair

__all__ = [
    "RFInfo",
    "conv2d_macs",
    "conv2d_output_shape",
    "conv2d_params",
    "conv_output_size",
    "conv_transpose_output_size",
    "effective_kernel_size",
    "flops_from_macs",
    "linear_macs",
    "linear_params",
    "pool_output_size",
    "receptive_field",
]


def _int_or_pair(args: Sequence[IntOrPair], first: int, second: int) -> int | tuple[int, int]:
    """Collapse the per-dimension results to an int when every argument was an int."""
    return first if all(isinstance(v, int) for v in args) else (first, second)


def _conv_1d(size: int, k: int, s: int, p: int, d: int) -> int:
    out = (size + 2 * p - d * (k - 1) - 1) // s + 1
    if out < 1:
        raise ValueError(f"output size {out} is not positive (input {size}, kernel {k}, "
                         f"stride {s}, padding {p}, dilation {d})")
    return out


@overload
def conv_output_size(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                     dilation: int = 1) -> int: ...
@overload
def conv_output_size(size: tuple[int, int], kernel_size: IntOrPair, stride: IntOrPair = 1,
                     padding: IntOrPair = 0, dilation: IntOrPair = 1) -> tuple[int, int]: ...
def conv_output_size(size: IntOrPair, kernel_size: IntOrPair, stride: IntOrPair = 1,
                     padding: IntOrPair = 0, dilation: IntOrPair = 1) -> int | tuple[int, int]:
    """Convolution output size.

    ``out = floor((size + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1``
    """
    args = (size, kernel_size, stride, padding, dilation)
    a, b = zip(*(pair(v) for v in args), strict=True)
    return _int_or_pair(args, _conv_1d(*a), _conv_1d(*b))


def _tconv_1d(size: int, k: int, s: int, p: int, op: int, d: int) -> int:
    if op >= max(s, d):
        raise ValueError(f"output_padding {op} must be smaller than stride {s} or dilation {d}")
    out = (size - 1) * s - 2 * p + d * (k - 1) + op + 1
    if out < 1:
        raise ValueError(f"transposed-conv output size {out} is not positive")
    return out


@overload
def conv_transpose_output_size(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                               output_padding: int = 0, dilation: int = 1) -> int: ...
@overload
def conv_transpose_output_size(size: tuple[int, int], kernel_size: IntOrPair, stride: IntOrPair = 1,
                               padding: IntOrPair = 0, output_padding: IntOrPair = 0,
                               dilation: IntOrPair = 1) -> tuple[int, int]: ...
def conv_transpose_output_size(size: IntOrPair, kernel_size: IntOrPair, stride: IntOrPair = 1,
                               padding: IntOrPair = 0, output_padding: IntOrPair = 0,
                               dilation: IntOrPair = 1) -> int | tuple[int, int]:
    """Transposed-conv output size:
    ``(size − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1``."""
    args = (size, kernel_size, stride, padding, output_padding, dilation)
    a, b = zip(*(pair(v) for v in args), strict=True)
    return _int_or_pair(args, _tconv_1d(*a), _tconv_1d(*b))


def _pool_1d(size: int, k: int, s: int, p: int, d: int, ceil_mode: bool) -> int:
    if p > k // 2:
        raise ValueError(f"padding {p} must be at most half the kernel size {k}")
    span = size + 2 * p - d * (k - 1) - 1
    out = (-(-span // s) if ceil_mode else span // s) + 1
    # ceil_mode may not open a window that starts in the right padding.
    if ceil_mode and (out - 1) * s >= size + p:
        out -= 1
    if out < 1:
        raise ValueError(f"pooling output size {out} is not positive")
    return out


@overload
def pool_output_size(size: int, kernel_size: int, stride: int | None = None, padding: int = 0,
                     dilation: int = 1, ceil_mode: bool = False) -> int: ...
@overload
def pool_output_size(size: tuple[int, int], kernel_size: IntOrPair, stride: IntOrPair | None = None,
                     padding: IntOrPair = 0, dilation: IntOrPair = 1,
                     ceil_mode: bool = False) -> tuple[int, int]: ...
def pool_output_size(size: IntOrPair, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                     padding: IntOrPair = 0, dilation: IntOrPair = 1,
                     ceil_mode: bool = False) -> int | tuple[int, int]:
    """Pooling output size, PyTorch's rule.

    ``out = rnd((size + 2·padding − dilation·(kernel−1) − 1) / stride) + 1`` with rnd = floor,
    or ceil under ``ceil_mode``; then, under ceil_mode, if the last window would start at or
    past ``size + padding`` (entirely in the right padding) it is dropped: ``out −= 1``.
    ``stride`` defaults to ``kernel_size``.
    """
    args = (size, kernel_size, kernel_size if stride is None else stride, padding, dilation)
    (sa, ka, ta, pa, da), (sb, kb, tb, pb, db) = zip(*(pair(v) for v in args), strict=True)
    return _int_or_pair(args, _pool_1d(sa, ka, ta, pa, da, ceil_mode),
                        _pool_1d(sb, kb, tb, pb, db, ceil_mode))


def conv2d_output_shape(input_shape: tuple[int, int, int, int], out_channels: int,
                        kernel_size: IntOrPair, stride: IntOrPair = 1, padding: IntOrPair = 0,
                        dilation: IntOrPair = 1) -> tuple[int, int, int, int]:
    """Shape ``(N, out_channels, H_out, W_out)`` of a conv2d on an NCHW input."""
    n, _, h, w = input_shape
    oh, ow = conv_output_size((h, w), kernel_size, stride, padding, dilation)
    return (n, out_channels, oh, ow)


def effective_kernel_size(kernel_size: int, dilation: int) -> int:
    """Span of a dilated kernel: ``dilation·(kernel − 1) + 1``."""
    return dilation * (kernel_size - 1) + 1


def conv2d_params(in_channels: int, out_channels: int, kernel_size: IntOrPair, groups: int = 1,
                  bias: bool = True) -> int:
    """Conv2d parameters: ``out·(in/groups)·kh·kw`` weights, plus ``out`` if ``bias``."""
    if in_channels % groups or out_channels % groups:
        raise ValueError(f"groups={groups} must divide in_channels={in_channels} "
                         f"and out_channels={out_channels}")
    kh, kw = pair(kernel_size, "kernel_size")
    return out_channels * (in_channels // groups) * kh * kw + (out_channels if bias else 0)


def linear_params(in_features: int, out_features: int, bias: bool = True) -> int:
    """Linear parameters: ``in·out`` weights plus ``out`` biases if ``bias``."""
    return in_features * out_features + (out_features if bias else 0)


def conv2d_macs(in_channels: int, out_channels: int, kernel_size: IntOrPair, out_h: int,
                out_w: int, groups: int = 1) -> int:
    """Conv2d multiply-accumulates: ``out_h·out_w·out·(in/groups)·kh·kw``; bias adds not counted."""
    if in_channels % groups or out_channels % groups:
        raise ValueError(f"groups={groups} must divide in_channels and out_channels")
    kh, kw = pair(kernel_size, "kernel_size")
    return out_h * out_w * out_channels * (in_channels // groups) * kh * kw


def linear_macs(in_features: int, out_features: int) -> int:
    """Linear multiply-accumulates per sample: ``in·out`` (bias adds not counted)."""
    return in_features * out_features


def flops_from_macs(macs: int, convention: Literal["mac", "2mac"]) -> int:
    """Convert multiply-accumulates to "FLOPs" under an explicit convention.

    ``"mac"``: one multiply-add counts as one flop (fvcore, torchvision's GFLOPS column).
    ``"2mac"``: one multiply-add counts as two flops, a multiply and an add (many papers).
    There is deliberately no default: the two conventions differ by a factor of two.
    """
    if convention == "mac":
        return macs
    if convention == "2mac":
        return 2 * macs
    raise ValueError(f"unknown FLOP convention {convention!r}; use 'mac' or '2mac'")


@dataclass(frozen=True)
class RFInfo:
    """Receptive field after one layer, in input-pixel units.

    ``size``: receptive-field width r; ``jump``: distance between adjacent output units in
    input pixels j; ``start``: centre of the first output unit's field, where input pixel i
    has its centre at coordinate i (so it is negative when padding reaches outside).
    """

    size: int
    jump: int
    start: float


def receptive_field(layers: Sequence[tuple[int, int, int, int]]) -> list[RFInfo]:
    """Receptive field, jump and start after each ``(kernel, stride, padding, dilation)`` layer.

    Forward form of the recurrence in Araujo et al. (Distill, 2019), with k' = d·(k−1)+1:
    ``r_l = r_{l−1} + (k'−1)·j_{l−1}``, ``j_l = j_{l−1}·s``,
    ``start_l = start_{l−1} + ((k'−1)/2 − p)·j_{l−1}``, from r_0 = 1, j_0 = 1, start_0 = 0.
    """
    size, jump, start = 1, 1, 0.0
    out: list[RFInfo] = []
    for kernel, stride, padding, dilation in layers:
        k_eff = effective_kernel_size(kernel, dilation)
        start = start + ((k_eff - 1) / 2 - padding) * jump
        size = size + (k_eff - 1) * jump
        jump = jump * stride
        out.append(RFInfo(size=size, jump=jump, start=start))
    return out
