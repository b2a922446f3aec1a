"""engine.conv2d / conv_transpose2d / conv2d_backward against PyTorch over random arguments."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

import engine
from tests.oracle.tolerance import Tolerance

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")
F = torch.nn.functional

TOL: Tolerance = {"rtol": 1e-5, "atol": 1e-6}
Pair = tuple[int, int]


@dataclass(frozen=True)
class Case:
    """One random convolution configuration (pairs are (height, width))."""

    groups: int
    cin: int
    cout: int
    n: int
    k: Pair
    s: Pair
    p: Pair
    d: Pair
    hw: Pair

    @classmethod
    def draw(cls, rng: np.random.Generator) -> Case:
        def two(lo: int, hi: int) -> Pair:
            return int(rng.integers(lo, hi)), int(rng.integers(lo, hi))

        groups = int(rng.choice([1, 1, 2, 3]))
        k, d = two(1, 5), two(1, 3)
        hw = (d[0] * (k[0] - 1) + 1 + int(rng.integers(0, 7)),
              d[1] * (k[1] - 1) + 1 + int(rng.integers(0, 7)))
        return cls(groups, groups * int(rng.integers(1, 4)), groups * int(rng.integers(1, 4)),
                   int(rng.integers(1, 3)), k, two(1, 4), two(0, 3), d, hw)


@pytest.mark.parametrize("seed", range(6))
def test_conv2d_forward_and_backward(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(30):
        c = Case.draw(rng)
        x = rng.standard_normal((c.n, c.cin, *c.hw))
        w = rng.standard_normal((c.cout, c.cin // c.groups, *c.k))
        b = rng.standard_normal(c.cout)
        tx, tw, tb = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
        ty = F.conv2d(tx, tw, tb, stride=c.s, padding=c.p, dilation=c.d, groups=c.groups)
        y = engine.conv2d(x, w, b, stride=c.s, padding=c.p, dilation=c.d, groups=c.groups)
        np.testing.assert_allclose(y, ty.detach().numpy(), **TOL, err_msg=str(c))
        grad_out = rng.standard_normal(y.shape)
        ty.backward(torch.tensor(grad_out))
        gx, gw, gb = engine.conv2d_backward(x, w, grad_out, c.s, c.p, c.d, c.groups)
        np.testing.assert_allclose(gx, tx.grad.numpy(), **TOL, err_msg=str(c))
        np.testing.assert_allclose(gw, tw.grad.numpy(), **TOL, err_msg=str(c))
        np.testing.assert_allclose(gb, tb.grad.numpy(), **TOL, err_msg=str(c))


@pytest.mark.parametrize("seed", range(6))
def test_conv_transpose2d(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    done = 0
    while done < 30:
        c = Case.draw(rng)
        op = (int(rng.integers(0, max(c.s[0], c.d[0]))), int(rng.integers(0, max(c.s[1], c.d[1]))))
        hw = (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
        x = rng.standard_normal((c.n, c.cin, *hw))
        w = rng.standard_normal((c.cin, c.cout // c.groups, *c.k))
        b = rng.standard_normal(c.cout)
        try:
            ref = F.conv_transpose2d(torch.tensor(x), torch.tensor(w), torch.tensor(b), c.s, c.p,
                                     op, c.groups, c.d)
        except RuntimeError:  # non-positive output size: the engine must refuse it too
            with pytest.raises(ValueError):
                engine.conv_transpose2d(x, w, b, c.s, c.p, op, c.groups, c.d)
            continue
        y = engine.conv_transpose2d(x, w, b, c.s, c.p, op, c.groups, c.d)
        assert y.shape == tuple(ref.shape)
        np.testing.assert_allclose(y, ref.numpy(), **TOL, err_msg=f"{c} {op}")
        done += 1


def test_float32_agrees_with_float32_torch() -> None:
    rng = np.random.default_rng(9)
    x = rng.standard_normal((2, 8, 12, 12)).astype(np.float32)
    w = rng.standard_normal((16, 8, 3, 3)).astype(np.float32)
    y = engine.conv2d(x, w, padding=1, stride=2)
    assert y.dtype == np.float32
    ref = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), padding=1, stride=2).numpy()
    np.testing.assert_allclose(y, ref, rtol=1e-4, atol=1e-4)
