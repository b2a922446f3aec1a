"""Hand-derived and brute-force checks of engine.shapes (no PyTorch needed)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from engine import shapes


def test_resnet_stem_and_same_padding() -> None:
    # 224 + 6 - 7 = 223, 223 // 2 + 1 = 112
    assert shapes.conv_output_size(224, 7, 2, 3) == 112
    assert shapes.conv_output_size(56, 3, 1, 1) == 56
    assert shapes.conv_output_size((32, 20), 3, (2, 1), (1, 0)) == (16, 18)


def test_dilation_widens_the_kernel() -> None:
    assert shapes.effective_kernel_size(3, 2) == 5
    assert shapes.conv_output_size(10, 3, 1, 0, 2) == 6  # 10 - 5 + 1


def test_transposed_conv_doubles_with_output_padding() -> None:
    # (7 - 1)·2 - 2·1 + 1·(3 - 1) + 1 + 1 = 14
    assert shapes.conv_transpose_output_size(7, 3, 2, 1, 1) == 14
    assert shapes.conv_transpose_output_size(7, 3, 2, 1, 0) == 13
    with pytest.raises(ValueError):
        shapes.conv_transpose_output_size(7, 3, 2, 1, output_padding=2)


def test_pool_ceil_mode_and_last_window_rule() -> None:
    assert shapes.pool_output_size(5, 2) == 2  # floor: windows at 0, 2
    assert shapes.pool_output_size(5, 2, ceil_mode=True) == 3  # extra window at 4
    # Size 5, k 3, s 3, p 1: starts -1, 2 and 5; 5 lies in the right padding, so dropped.
    assert shapes.pool_output_size(5, 3, 3, 1, ceil_mode=True) == 2
    assert shapes.pool_output_size(112, 3, 2, 1) == 56
    with pytest.raises(ValueError):
        shapes.pool_output_size(8, 2, 2, padding=2)


def test_conv2d_output_shape() -> None:
    assert shapes.conv2d_output_shape((8, 3, 224, 224), 64, 7, 2, 3) == (8, 64, 112, 112)


def test_depthwise_separable_block_params() -> None:
    # 3×3 depthwise on 16 channels: 16·9 = 144 weights; 1×1 pointwise 16→32: 16·32 = 512.
    depthwise = shapes.conv2d_params(16, 16, 3, groups=16, bias=False)
    pointwise = shapes.conv2d_params(16, 32, 1, bias=False)
    assert depthwise + pointwise == 656
    with_bias = shapes.conv2d_params(16, 16, 3, groups=16) + shapes.conv2d_params(16, 32, 1)
    assert with_bias == 656 + 16 + 32
    assert shapes.conv2d_params(16, 32, 3, bias=False) == 4608  # the standard conv it replaces


def test_macs_and_flop_conventions() -> None:
    # 3×3 conv 64→64 on a 56×56 output: 56·56·64·64·9
    macs = shapes.conv2d_macs(64, 64, 3, 56, 56)
    assert macs == 115_605_504
    assert shapes.conv2d_macs(64, 64, 3, 56, 56, groups=64) == 56 * 56 * 64 * 9
    assert shapes.linear_macs(512, 1000) == 512_000
    assert shapes.linear_params(512, 1000) == 513_000
    assert shapes.flops_from_macs(macs, "mac") == macs
    assert shapes.flops_from_macs(macs, "2mac") == 2 * macs
    with pytest.raises(ValueError):
        shapes.flops_from_macs(macs, "flop")  # type: ignore[arg-type]


def test_receptive_field_of_three_3x3_convs_is_7() -> None:
    info = shapes.receptive_field([(3, 1, 1, 1)] * 3)
    assert [i.size for i in info] == [3, 5, 7]
    assert all(i.jump == 1 and i.start == 0.0 for i in info)


def test_receptive_field_with_stride_and_dilation() -> None:
    # conv 3×3/1 p1, pool 2×2/2, conv 3×3/1 p1 dilation 2 (kernel span 5).
    info = shapes.receptive_field([(3, 1, 1, 1), (2, 2, 0, 1), (3, 1, 2, 2)])
    assert [(i.size, i.jump) for i in info] == [(3, 1), (4, 2), (12, 2)]
    assert info[1].start == 0.5  # centre of the first 2×2 window over pixels 0 and 1
    assert info[2].start == 0.5  # padding 2 cancels the kernel's half-span of 2
    stem = shapes.receptive_field([(7, 2, 3, 1), (3, 2, 1, 1)])
    assert [(i.size, i.jump, i.start) for i in stem] == [(7, 2, 0.0), (11, 4, 0.0)]


def _count_windows(size: int, k: int, s: int, p: int, d: int, ceil_mode: bool) -> int:
    """Enumerate window starts: a window fits when its last tap is inside the padded input.

    ceil_mode adds one partial window when the fitting ones leave the tail of the padded
    input uncovered, provided that window starts inside the input or the left padding.
    """
    span, last = d * (k - 1), size - 1 + p
    starts = list(range(-p, last - span + 1, s))
    if ceil_mode and starts and starts[-1] + span < last and starts[-1] + s < size:
        starts.append(starts[-1] + s)
    return len(starts)


@given(size=st.integers(1, 40), k=st.integers(1, 7), s=st.integers(1, 4),
       d=st.integers(1, 3), data=st.data())
def test_output_sizes_match_enumeration(size: int, k: int, s: int, d: int,
                                        data: st.DataObject) -> None:
    p = data.draw(st.integers(0, k // 2))
    floor_count = _count_windows(size, k, s, p, d, False)
    if floor_count == 0:
        with pytest.raises(ValueError):
            shapes.conv_output_size(size, k, s, p, d)
        return
    assert shapes.conv_output_size(size, k, s, p, d) == floor_count
    assert shapes.pool_output_size(size, k, s, p, d) == floor_count
    ceil_count = _count_windows(size, k, s, p, d, True)
    assert shapes.pool_output_size(size, k, s, p, d, ceil_mode=True) == ceil_count


@given(size=st.integers(1, 30), k=st.integers(1, 5), s=st.integers(1, 3), d=st.integers(1, 2),
       data=st.data())
def test_transpose_inverts_conv_size(size: int, k: int, s: int, d: int,
                                     data: st.DataObject) -> None:
    p = data.draw(st.integers(0, d * (k - 1) // 2))
    assume(d * (k - 1) + 1 <= size + 2 * p)
    out = shapes.conv_output_size(size, k, s, p, d)
    # The conv ignores at most s - 1 trailing rows; output_padding gives them back.
    leftover = size - shapes.conv_transpose_output_size(out, k, s, p, 0, d)
    assert 0 <= leftover < s
    assert shapes.conv_transpose_output_size(out, k, s, p, leftover, d) == size
