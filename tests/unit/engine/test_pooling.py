"""Hand-computed values and finite-difference checks for max and average pooling."""

from __future__ import annotations

from typing import TypedDict

import numpy as np
import pytest

import engine


def test_max_pool_2x2_hand_values() -> None:
    x = np.array([[1.0, 3, 2, 0], [4, 2, 1, 5], [0, 1, 7, 6], [2, 3, 1, 1]]).reshape(1, 1, 4, 4)
    assert engine.max_pool2d(x, 2)[0, 0].tolist() == [[4.0, 5.0], [3.0, 7.0]]


def test_max_pool_padding_is_minus_infinity() -> None:
    x = -np.ones((1, 1, 2, 2))
    y = engine.max_pool2d(x, 2, stride=1, padding=1)
    assert y.shape == (1, 1, 3, 3)
    assert np.all(y == -1.0)  # padding never wins, even against negative values


def test_max_pool_ties_route_to_first_in_row_major_order() -> None:
    x = np.array([[5.0, 5.0], [5.0, 5.0]]).reshape(1, 1, 2, 2)
    grad = engine.max_pool2d_backward(x, np.ones((1, 1, 1, 1)), 2)
    assert grad[0, 0].tolist() == [[1.0, 0.0], [0.0, 0.0]]
    x = np.array([[0.0, 1.0], [1.0, 0.0]]).reshape(1, 1, 2, 2)
    grad = engine.max_pool2d_backward(x, np.ones((1, 1, 1, 1)), 2)
    assert grad[0, 0].tolist() == [[0.0, 1.0], [0.0, 0.0]]


def test_overlapping_max_windows_accumulate() -> None:
    # 3 windows of width 2, stride 1 over [0, 9, 1, 2]: maxima at 9, 9, 2.
    x = np.array([0.0, 9, 1, 2]).reshape(1, 1, 1, 4)
    grad = engine.max_pool2d_backward(x, np.array([[[[1.0, 10.0, 100.0]]]]), (1, 2), 1)
    assert grad[0, 0, 0].tolist() == [0.0, 11.0, 0.0, 100.0]


def test_avg_pool_divisors() -> None:
    x = np.ones((1, 1, 3, 3))
    # Corner window with padding 1 covers 4 real ones out of 9 slots.
    include = engine.avg_pool2d(x, 3, 1, 1, count_include_pad=True)
    exclude = engine.avg_pool2d(x, 3, 1, 1, count_include_pad=False)
    assert include[0, 0, 0, 0] == pytest.approx(4 / 9)
    assert include[0, 0, 1, 1] == pytest.approx(1.0)
    assert np.allclose(exclude, 1.0)
    # ceil_mode: size 3, k 2, s 2 -> windows at 0 and 2; the second overhangs by one column
    # (no padding), so its divisor is the 1 real element even with count_include_pad.
    y = engine.avg_pool2d(np.arange(3.0).reshape(1, 1, 1, 3), (1, 2), ceil_mode=True)
    assert y[0, 0, 0].tolist() == [0.5, 2.0]
    assert engine.avg_pool2d(x, 3, divisor_override=2)[0, 0, 0, 0] == 4.5


class _PoolGeometry(TypedDict):
    """The keyword arguments shared by the forward and backward pooling calls below."""

    kernel_size: tuple[int, int]
    stride: tuple[int, int]
    padding: tuple[int, int]
    ceil_mode: bool


def _numeric_grad(f: object, x: np.ndarray, probe: np.ndarray) -> np.ndarray:
    assert callable(f)
    out = np.zeros_like(x)
    flat, grad = x.reshape(-1), out.reshape(-1)
    eps = 1e-6
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = float(np.vdot(f(x), probe))
        flat[i] = old - eps
        down = float(np.vdot(f(x), probe))
        flat[i] = old
        grad[i] = (up - down) / (2 * eps)
    return out


@pytest.mark.parametrize("ceil_mode", [False, True])
@pytest.mark.parametrize("count_include_pad", [False, True])
def test_pool_backward_matches_finite_differences(ceil_mode: bool,
                                                  count_include_pad: bool) -> None:
    rng = np.random.default_rng(7)
    # A permutation keeps every value distinct, so the max is differentiable.
    x = rng.permutation(2 * 2 * 7 * 6).reshape(2, 2, 7, 6).astype(np.float64) / 10
    args: _PoolGeometry = {"kernel_size": (3, 2), "stride": (2, 2), "padding": (1, 1),
                           "ceil_mode": ceil_mode}

    def max_f(a: np.ndarray) -> np.ndarray:
        return engine.max_pool2d(a, **args)

    def avg_f(a: np.ndarray) -> np.ndarray:
        return engine.avg_pool2d(a, count_include_pad=count_include_pad, **args)

    probe = rng.standard_normal(max_f(x).shape)
    np.testing.assert_allclose(engine.max_pool2d_backward(x, probe, **args),
                               _numeric_grad(max_f, x, probe), atol=1e-6)
    np.testing.assert_allclose(
        engine.avg_pool2d_backward(x, probe, count_include_pad=count_include_pad, **args),
        _numeric_grad(avg_f, x, probe), atol=1e-6)


def test_float32_stays_float32() -> None:
    x = np.ones((1, 1, 4, 4), dtype=np.float32)
    assert engine.max_pool2d(x, 2).dtype == np.float32
    assert engine.avg_pool2d(x, 2).dtype == np.float32
    assert engine.avg_pool2d_backward(x, np.ones((1, 1, 2, 2), np.float32), 2).dtype == np.float32
