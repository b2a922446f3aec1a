"""Max / average pooling (forward and backward) against PyTorch, ceil_mode and ties included."""

from __future__ import annotations

import numpy as np
import pytest

import engine
from engine._common import IntOrPair
from tests.oracle.tolerance import Tolerance

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")
F = torch.nn.functional

TOL: Tolerance = {"rtol": 1e-5, "atol": 1e-6}


def _check_max(x: np.ndarray, k: IntOrPair, s: IntOrPair, p: IntOrPair, d: IntOrPair, ceil: bool,
               rng: np.random.Generator) -> None:
    y = engine.max_pool2d(x, k, s, p, d, ceil)
    # A dilated window made only of padding makes PyTorch's CPU backward write out of bounds
    # (it corrupts the heap), so such configurations never reach torch; see max_pool2d.
    if np.isinf(y).any():
        return
    tx = torch.tensor(x, requires_grad=True)
    ty = F.max_pool2d(tx, k, s, p, d, ceil_mode=ceil)
    assert y.shape == tuple(ty.shape)
    np.testing.assert_allclose(y, ty.detach().numpy(), **TOL)
    grad_out = rng.standard_normal(y.shape)
    ty.backward(torch.tensor(grad_out))
    grad = engine.max_pool2d_backward(x, grad_out, k, s, p, d, ceil)
    np.testing.assert_allclose(grad, tx.grad.numpy(), **TOL, err_msg=f"{k} {s} {p} {d} {ceil}")


def _check_avg(x: np.ndarray, k: IntOrPair, s: IntOrPair, p: IntOrPair, ceil: bool, include: bool,
               rng: np.random.Generator, divisor: int | None = None) -> None:
    tx = torch.tensor(x, requires_grad=True)
    ty = F.avg_pool2d(tx, k, s, p, ceil, include, divisor)
    y = engine.avg_pool2d(x, k, s, p, ceil, include, divisor)
    assert y.shape == tuple(ty.shape)
    np.testing.assert_allclose(y, ty.detach().numpy(), **TOL)
    grad_out = rng.standard_normal(y.shape)
    ty.backward(torch.tensor(grad_out))
    grad = engine.avg_pool2d_backward(x, grad_out, k, s, p, ceil, include, divisor)
    np.testing.assert_allclose(grad, tx.grad.numpy(), **TOL, err_msg=f"{k} {s} {p} {ceil}")


@pytest.mark.parametrize("seed", range(4))
def test_random_pooling(seed: int) -> None:
    rng = np.random.default_rng(seed)
    checked = 0
    while checked < 60:
        k = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        s = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        p = (int(rng.integers(0, k[0] // 2 + 1)), int(rng.integers(0, k[1] // 2 + 1)))
        d = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
        hw = (int(rng.integers(1, 10)), int(rng.integers(1, 10)))
        ceil, include = bool(rng.integers(0, 2)), bool(rng.integers(0, 2))
        # Small integers make ties common; the first maximum must win, as in PyTorch.
        x = rng.integers(-2, 3, (2, 3, *hw)).astype(np.float64)
        try:
            engine.shapes.pool_output_size(hw, k, s, p, d, ceil)
        except ValueError:
            with pytest.raises(RuntimeError):
                F.max_pool2d(torch.tensor(x), k, s, p, d, ceil_mode=ceil)
            continue
        _check_max(x, k, s, p, d, ceil, rng)
        try:
            engine.shapes.pool_output_size(hw, k, s, p, 1, ceil)
        except ValueError:
            continue
        _check_avg(x, k, s, p, ceil, include, rng)
        checked += 1


@pytest.mark.parametrize(("size", "k", "s", "p"), [
    (5, 3, 3, 1),  # the ceil window would start in the right padding: dropped
    (6, 3, 2, 1),
    (7, 2, 2, 0),  # overhang without padding
    (4, 3, 2, 1),
    (1, 2, 2, 1),
    (10, 4, 3, 2),
    (2, 3, 1, 1),
])
@pytest.mark.parametrize("include", [True, False])
def test_ceil_mode_edge_cases(size: int, k: int, s: int, p: int, include: bool) -> None:
    rng = np.random.default_rng(size * 100 + k * 10 + s)
    x = rng.standard_normal((1, 2, size, size + 1))
    _check_max(x, k, s, p, 1, True, rng)
    _check_avg(x, k, s, p, True, include, rng)


def test_divisor_override_and_all_equal_ties() -> None:
    rng = np.random.default_rng(5)
    x = rng.standard_normal((2, 2, 7, 7))
    _check_avg(x, 3, 2, 1, True, True, rng, divisor=4)
    _check_max(np.zeros((1, 1, 6, 6)), 3, 1, 1, 1, False, rng)  # every window a tie


def test_benchmark_shape_in_float32() -> None:
    rng = np.random.default_rng(6)
    x = rng.standard_normal((2, 8, 56, 56)).astype(np.float32)
    y = engine.max_pool2d(x, 3, 2, 1)
    assert y.dtype == np.float32
    np.testing.assert_array_equal(y, F.max_pool2d(torch.from_numpy(x), 3, 2, 1).numpy())
