"""Properties and hand-computed values of conv2d, conv_transpose2d and conv2d_backward."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import engine
from engine.shapes import conv_output_size


def test_hand_computed_3x3_sum() -> None:
    x = np.arange(16, dtype=np.float64).reshape(1, 1, 4, 4)
    w = np.ones((1, 1, 3, 3))
    y = engine.conv2d(x, w)
    # Top-left window: rows 0-2, cols 0-2 of arange(16).reshape(4, 4) = 0+1+2+4+5+6+8+9+10
    assert y.shape == (1, 1, 2, 2)
    assert y[0, 0].tolist() == [[45.0, 54.0], [81.0, 90.0]]
    # With padding 1 the corner sees only 0, 1, 4, 5.
    assert engine.conv2d(x, w, padding=1)[0, 0, 0, 0] == 10.0


def test_cross_correlation_not_convolution() -> None:
    x = np.zeros((1, 1, 3, 3))
    x[0, 0, 1, 1] = 1.0
    w = np.arange(9, dtype=np.float64).reshape(1, 1, 3, 3)
    # A centred impulse reproduces the kernel flipped: y[i, j] = w[2 - i, 2 - j].
    y = engine.conv2d(x, w, padding=1)
    np.testing.assert_array_equal(y[0, 0], w[0, 0, ::-1, ::-1])


def test_groups_act_independently_and_bias_is_added() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 4, 5, 5))
    w = rng.standard_normal((6, 2, 3, 3))
    b = np.array([1.0, 2, 3, 4, 5, 6])
    y = engine.conv2d(x, w, b, groups=2)
    first = engine.conv2d(x[:, :2], w[:3], b[:3])
    second = engine.conv2d(x[:, 2:], w[3:], b[3:])
    np.testing.assert_allclose(y, np.concatenate([first, second], axis=1), rtol=1e-12)


def test_dtype_is_kept() -> None:
    x = np.ones((1, 2, 4, 4), dtype=np.float32)
    w = np.ones((3, 2, 3, 3), dtype=np.float64)
    assert engine.conv2d(x, w).dtype == np.float32
    assert engine.conv_transpose2d(x, np.ones((2, 3, 3, 3))).dtype == np.float32


pairs = st.tuples(st.integers(1, 3), st.integers(1, 3))


@settings(max_examples=60, deadline=None)
@given(groups=st.sampled_from([1, 2]), cin_g=st.integers(1, 3), cout_g=st.integers(1, 3),
       k=pairs, s=pairs, d=st.tuples(st.integers(1, 2), st.integers(1, 2)),
       p=st.tuples(st.integers(0, 2), st.integers(0, 2)),
       hw=st.tuples(st.integers(1, 7), st.integers(1, 7)), seed=st.integers(0, 2**31))
def test_transpose_is_adjoint_of_conv(groups: int, cin_g: int, cout_g: int, k: tuple[int, int],
                                      s: tuple[int, int], d: tuple[int, int],
                                      p: tuple[int, int], hw: tuple[int, int],
                                      seed: int) -> None:
    """<conv(x), y> = <x, conv_transpose(y)>, and conv2d_backward's grad_x is that transpose."""
    h = max(hw[0], d[0] * (k[0] - 1) + 1 - 2 * p[0])
    w = max(hw[1], d[1] * (k[1] - 1) + 1 - 2 * p[1])
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2, groups * cin_g, h, w))
    weight = rng.standard_normal((groups * cout_g, cin_g, *k))
    y = engine.conv2d(x, weight, stride=s, padding=p, dilation=d, groups=groups)
    probe = rng.standard_normal(y.shape)
    oh, ow = conv_output_size((h, w), k, s, p, d)
    # Rows the forward pass never reached come back through output_padding.
    leftover = (h - ((oh - 1) * s[0] - 2 * p[0] + d[0] * (k[0] - 1) + 1),
                w - ((ow - 1) * s[1] - 2 * p[1] + d[1] * (k[1] - 1) + 1))
    back = engine.conv_transpose2d(probe, weight, stride=s, padding=p, dilation=d,
                                   groups=groups, output_padding=leftover)
    assert back.shape == x.shape
    np.testing.assert_allclose(np.vdot(y, probe), np.vdot(x, back), rtol=1e-9)
    grad_x, _, _ = engine.conv2d_backward(x, weight, probe, s, p, d, groups)
    np.testing.assert_allclose(grad_x, back, rtol=1e-9, atol=1e-12)


def test_backward_matches_finite_differences() -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 4, 6, 5))
    w = rng.standard_normal((4, 2, 3, 2))
    b = rng.standard_normal(4)
    s, p, d, g = (2, 1), (1, 0), (1, 2), 2
    probe = rng.standard_normal(engine.conv2d(x, w, b, s, p, d, g).shape)

    def loss(xx: np.ndarray, ww: np.ndarray, bb: np.ndarray) -> float:
        return float(np.vdot(engine.conv2d(xx, ww, bb, s, p, d, g), probe))

    gx, gw, gb = engine.conv2d_backward(x, w, probe, s, p, d, g)
    eps = 1e-6
    for arr, grad in ((x, gx), (w, gw), (b, gb)):
        flat = arr.reshape(-1)
        for i in rng.choice(flat.size, size=min(12, flat.size), replace=False):
            old = flat[i]
            flat[i] = old + eps
            up = loss(x, w, b)
            flat[i] = old - eps
            down = loss(x, w, b)
            flat[i] = old
            assert abs((up - down) / (2 * eps) - grad.reshape(-1)[i]) < 1e-6
