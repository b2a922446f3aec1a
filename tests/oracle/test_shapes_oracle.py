"""engine.shapes output-size formulas against the shapes PyTorch actually produces."""

from __future__ import annotations

import itertools

import pytest

from engine import shapes

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")
F = torch.nn.functional


def test_pool_sizes_exhaustively() -> None:
    """Every small (size, kernel, stride, padding, dilation, ceil_mode), one axis at a time."""
    with torch.device("meta"):
        for size, k, s, d, ceil in itertools.product(range(1, 9), range(1, 5), range(1, 4),
                                                      range(1, 3), (False, True)):
            for p in range(k // 2 + 1):
                x = torch.empty(1, 1, 1, size)
                try:
                    expected = F.max_pool2d(x, (1, k), (1, s), (0, p), (1, d),
                                            ceil_mode=ceil).shape[-1]
                except RuntimeError:
                    expected = None
                try:
                    got: int | None = shapes.pool_output_size(size, k, s, p, d, ceil)
                except ValueError:
                    got = None
                assert got == expected, (size, k, s, p, d, ceil)


def test_conv_and_transpose_sizes() -> None:
    with torch.device("meta"):
        for size, k, s, p, d in itertools.product(range(1, 8), range(1, 4), range(1, 4),
                                                  range(3), range(1, 3)):
            x, w = torch.empty(1, 1, size, 1), torch.empty(1, 1, k, 1)
            try:
                expected = F.conv2d(x, w, stride=(s, 1), padding=(p, 0),
                                    dilation=(d, 1)).shape[2]
            except RuntimeError:
                expected = None
            try:
                got: int | None = shapes.conv_output_size(size, k, s, p, d)
            except ValueError:
                got = None
            assert got == expected, (size, k, s, p, d)
            for op in range(max(s, d)):
                try:
                    t_expected = F.conv_transpose2d(x, w, stride=(s, 1), padding=(p, 0),
                                                    output_padding=(op, 0),
                                                    dilation=(d, 1)).shape[2]
                except RuntimeError:
                    t_expected = None
                if t_expected == 0:  # an empty output: the engine refuses it outright
                    t_expected = None
                try:
                    t_got: int | None = shapes.conv_transpose_output_size(size, k, s, p, op, d)
                except ValueError:
                    t_got = None
                assert t_got == t_expected, (size, k, s, p, op, d)
