"""2-D convolution, transposed convolution and the convolution backward pass (NCHW / OIHW).

The forward pass is im2col as a zero-copy strided view: the input is padded once in NHWC
order, ``sliding_window_view`` exposes every (kernel row, kernel column, channel) patch, and
one GEMM per group contracts the patches with the weights laid out as (kh, kw, C, O), so
the matrix the BLAS reads is contiguous. The transposed convolution is the same GEMM run
the other way followed by a scatter-add of kh·kw shifted slices (col2im).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from engine._common import FloatArray, IntOrPair, as_float, pair
from engine.shapes import conv_output_size, conv_transpose_output_size

__all__ = ["conv2d", "conv2d_backward", "conv_transpose2d"]


def _check(x: FloatArray, w: FloatArray, groups: int, in_axis: int) -> None:
    if x.ndim != 4 or w.ndim != 4:
        raise ValueError(f"expected 4-D input and weight, got {x.shape} and {w.shape}")
    if groups < 1 or x.shape[1] % groups:
        raise ValueError(f"groups={groups} must divide the {x.shape[1]} input channels")
    expected = x.shape[1] // groups if in_axis == 1 else x.shape[1]
    if w.shape[in_axis] != expected:
        raise ValueError(f"weight {w.shape} does not fit input {x.shape} with groups={groups}")


def _patches(x: FloatArray, kernel: tuple[int, int], stride: tuple[int, int],
             padding: tuple[int, int], dilation: tuple[int, int], groups: int,
             out_hw: tuple[int, int]) -> FloatArray:
    """im2col matrix of shape (groups, N·OH·OW, kh·kw·C/groups), columns ordered (kh, kw, c)."""
    n, c, h, w = x.shape
    (kh, kw), (sh, sw), (ph, pw), (dh, dw), (oh, ow) = kernel, stride, padding, dilation, out_hw
    padded = np.zeros((n, h + 2 * ph, w + 2 * pw, c), dtype=x.dtype)
    padded[:, ph:ph + h, pw:pw + w, :] = x.transpose(0, 2, 3, 1)
    windows = sliding_window_view(padded, (dh * (kh - 1) + 1, dw * (kw - 1) + 1), axis=(1, 2))
    windows = windows[:, ::sh, ::sw][:, :oh, :ow, :, ::dh, ::dw]  # (N, OH, OW, C, kh, kw)
    grouped = windows.reshape(n, oh, ow, groups, c // groups, kh, kw)
    return grouped.transpose(3, 0, 1, 2, 5, 6, 4).reshape(groups, n * oh * ow, -1)


def conv2d(x: npt.ArrayLike, weight: npt.ArrayLike, bias: npt.ArrayLike | None = None,
           stride: IntOrPair = 1, padding: IntOrPair = 0, dilation: IntOrPair = 1,
           groups: int = 1) -> FloatArray:
    """Cross-correlation as ``torch.nn.functional.conv2d``: x (N, C, H, W), weight (O, C/g, kh, kw).

    ``y[n, o, i, j] = b[o] + Σ_{c ∈ group(o)} Σ_{u,v} x_pad[n, c, i·sh + u·dh, j·sw + v·dw]
    · w[o, c, u, v]``, output size ``floor((H + 2p − d(k − 1) − 1)/s) + 1`` per dimension.
    The result has the input's dtype.
    """
    xa = as_float(x)
    wa = np.asarray(weight, dtype=xa.dtype)
    _check(xa, wa, groups, in_axis=1)
    s, p, d = pair(stride, "stride"), pair(padding, "padding"), pair(dilation, "dilation")
    n, o, kh, kw = xa.shape[0], wa.shape[0], wa.shape[2], wa.shape[3]
    if o % groups:
        raise ValueError(f"groups={groups} must divide the {o} output channels")
    oh, ow = conv_output_size((xa.shape[2], xa.shape[3]), (kh, kw), s, p, d)
    cols = _patches(xa, (kh, kw), s, p, d, groups, (oh, ow))
    w_mat = wa.reshape(groups, o // groups, -1, kh, kw).transpose(0, 3, 4, 2, 1)
    out = np.matmul(cols, w_mat.reshape(groups, cols.shape[2], o // groups))  # (g, M, O/g)
    y = out.reshape(groups, n, oh, ow, o // groups).transpose(1, 0, 4, 2, 3).reshape(n, o, oh, ow)
    if bias is not None:
        y = y + np.asarray(bias, dtype=xa.dtype).reshape(1, o, 1, 1)
    return np.ascontiguousarray(y)


def _transpose_core(x: FloatArray, w: FloatArray, stride: tuple[int, int],
                    padding: tuple[int, int], dilation: tuple[int, int], groups: int,
                    out_hw: tuple[int, int]) -> FloatArray:
    """Scatter-add form of the transposed convolution; weight (C_in, C_out/g, kh, kw)."""
    n, cin, h, w_in = x.shape
    cout_g, kh, kw = w.shape[1], w.shape[2], w.shape[3]
    (sh, sw), (ph, pw), (dh, dw), (oh, ow) = stride, padding, dilation, out_hw
    x_t = x.reshape(n, groups, cin // groups, h * w_in).transpose(1, 0, 3, 2)
    x_mat = x_t.reshape(groups, n * h * w_in, cin // groups)
    w_mat = w.reshape(groups, cin // groups, cout_g * kh * kw)
    cols = np.matmul(x_mat, w_mat).reshape(groups, n, h, w_in, cout_g, kh, kw)
    full_h = max((h - 1) * sh + dh * (kh - 1) + 1, ph + oh)
    full_w = max((w_in - 1) * sw + dw * (kw - 1) + 1, pw + ow)
    buf = np.zeros((groups, n, cout_g, full_h, full_w), dtype=x.dtype)
    cols_t = cols.transpose(0, 1, 4, 5, 6, 2, 3)  # (g, N, O/g, kh, kw, H, W)
    for u in range(kh):
        for v in range(kw):
            r0, c0 = u * dh, v * dw
            buf[:, :, :, r0:r0 + (h - 1) * sh + 1:sh, c0:c0 + (w_in - 1) * sw + 1:sw] += \
                cols_t[:, :, :, u, v]
    out = buf[:, :, :, ph:ph + oh, pw:pw + ow].transpose(1, 0, 2, 3, 4)
    return np.ascontiguousarray(out.reshape(n, groups * cout_g, oh, ow))


def conv_transpose2d(x: npt.ArrayLike, weight: npt.ArrayLike, bias: npt.ArrayLike | None = None,
                     stride: IntOrPair = 1, padding: IntOrPair = 0,
                     output_padding: IntOrPair = 0, groups: int = 1,
                     dilation: IntOrPair = 1) -> FloatArray:
    """Transposed convolution as ``torch.nn.functional.conv_transpose2d``.

    x (N, C_in, H, W), weight (C_in, C_out/g, kh, kw). Each input pixel scatters
    ``x[n, c, i, j]·w[c, o, u, v]`` to output row ``i·sh + u·dh − ph`` and column
    ``j·sw + v·dw − pw``; output size ``(H − 1)s − 2p + d(k − 1) + output_padding + 1``.
    It is the adjoint (gradient w.r.t. the input) of :func:`conv2d` with the same arguments.
    """
    xa = as_float(x)
    wa = np.asarray(weight, dtype=xa.dtype)
    _check(xa, wa, groups, in_axis=0)
    s, p, d = pair(stride, "stride"), pair(padding, "padding"), pair(dilation, "dilation")
    op = pair(output_padding, "output_padding")
    oh, ow = conv_transpose_output_size((xa.shape[2], xa.shape[3]), (wa.shape[2], wa.shape[3]),
                                        s, p, op, d)
    y = _transpose_core(xa, wa, s, p, d, groups, (oh, ow))
    if bias is not None:
        y += np.asarray(bias, dtype=xa.dtype).reshape(1, -1, 1, 1)
    return y


def conv2d_backward(x: npt.ArrayLike, weight: npt.ArrayLike, grad_out: npt.ArrayLike,
                    stride: IntOrPair = 1, padding: IntOrPair = 0, dilation: IntOrPair = 1,
                    groups: int = 1) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Gradients of :func:`conv2d` given ``grad_out = ∂L/∂y``: ``(∂L/∂x, ∂L/∂w, ∂L/∂b)``.

    ``∂L/∂b[o] = Σ_{n,i,j} g[n, o, i, j]``; ``∂L/∂w[o, c, u, v] = Σ_{n,i,j} g[n, o, i, j]
    · x_pad[n, c, i·sh + u·dh, j·sw + v·dw]``; ``∂L/∂x`` is the transposed convolution of g
    with the same weight, cropped or extended to the input's size (rows the forward pass never
    read get zero gradient).
    """
    xa = as_float(x)
    wa = np.asarray(weight, dtype=xa.dtype)
    ga = np.asarray(grad_out, dtype=xa.dtype)
    _check(xa, wa, groups, in_axis=1)
    s, p, d = pair(stride, "stride"), pair(padding, "padding"), pair(dilation, "dilation")
    n, o, kh, kw = xa.shape[0], wa.shape[0], wa.shape[2], wa.shape[3]
    oh, ow = conv_output_size((xa.shape[2], xa.shape[3]), (kh, kw), s, p, d)
    if ga.shape != (n, o, oh, ow):
        raise ValueError(f"grad_out shape {ga.shape} should be {(n, o, oh, ow)}")
    grad_b = ga.sum(axis=(0, 2, 3))
    cols = _patches(xa, (kh, kw), s, p, d, groups, (oh, ow))  # (g, M, kh·kw·C/g)
    g_t = ga.reshape(n, groups, o // groups, oh * ow).transpose(1, 2, 0, 3)
    g_mat = g_t.reshape(groups, o // groups, n * oh * ow)
    gw = np.matmul(g_mat, cols).reshape(groups, o // groups, kh, kw, -1)
    grad_w = gw.transpose(0, 1, 4, 2, 3).reshape(wa.shape)
    # A conv2d weight (O, C/g, kh, kw) is already in transposed-conv layout (in=O, out/g=C/g).
    grad_x = _transpose_core(ga, wa, s, p, d, groups, (xa.shape[2], xa.shape[3]))
    return grad_x, np.ascontiguousarray(grad_w), grad_b
