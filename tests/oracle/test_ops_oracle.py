"""Activations, losses, normalisation and box ops against PyTorch (float64)."""

from __future__ import annotations

import numpy as np
import pytest

import engine
from engine.activations import ACTIVATIONS
from tests.oracle.tolerance import Tolerance

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")
F = torch.nn.functional

TOL: Tolerance = {"rtol": 1e-5, "atol": 1e-6}
TORCH_ACT = {
    "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": F.relu, "leaky_relu": F.leaky_relu,
    "elu": F.elu, "gelu": F.gelu, "silu": F.silu, "softplus": F.softplus,
}


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_and_derivative(name: str) -> None:
    x = np.concatenate([np.random.default_rng(0).standard_normal(200) * 5,
                        [0.0, -0.0, 20.0, 20.5, -30.0, 40.0]])
    tx = torch.tensor(x, requires_grad=True)
    ty = TORCH_ACT[name](tx)
    ty.sum().backward()
    np.testing.assert_allclose(engine.activation(name, x), ty.detach().numpy(), **TOL)
    np.testing.assert_allclose(engine.activation_grad(name, x), tx.grad.numpy(), **TOL)


def test_softmax_family_and_cross_entropy() -> None:
    rng = np.random.default_rng(1)
    logits = rng.standard_normal((16, 7)) * 30
    target = rng.integers(0, 7, 16)
    tl = torch.tensor(logits, requires_grad=True)
    np.testing.assert_allclose(engine.softmax(logits), F.softmax(tl, 1).detach().numpy(), **TOL)
    np.testing.assert_allclose(engine.softmax(logits, axis=0),
                               F.softmax(tl, 0).detach().numpy(), **TOL)
    np.testing.assert_allclose(engine.log_softmax(logits),
                               F.log_softmax(tl, 1).detach().numpy(), **TOL)
    loss = F.cross_entropy(tl, torch.tensor(target))
    loss.backward()
    assert engine.cross_entropy(logits, target) == pytest.approx(loss.item(), rel=1e-9)
    np.testing.assert_allclose(engine.cross_entropy_grad(logits, target), tl.grad.numpy(), **TOL)
    total = F.cross_entropy(tl, torch.tensor(target), reduction="sum").item()
    assert engine.cross_entropy(logits, target, "sum") == pytest.approx(total, rel=1e-9)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize(("alpha", "gamma"), [(0.25, 2.0), (-1.0, 0.5), (0.7, 0.0)])
def test_sigmoid_focal_loss(reduction: str, alpha: float, gamma: float) -> None:
    rng = np.random.default_rng(2)
    x = rng.standard_normal((5, 6)) * 4
    y = (rng.random((5, 6)) > 0.7).astype(np.float64)
    tx, ty = torch.tensor(x), torch.tensor(y)
    # torchvision.ops.sigmoid_focal_loss, written out with torch ops.
    p = torch.sigmoid(tx)
    ce = F.binary_cross_entropy_with_logits(tx, ty, reduction="none")
    p_t = p * ty + (1 - p) * (1 - ty)
    ref = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        ref = (alpha * ty + (1 - alpha) * (1 - ty)) * ref
    ref = {"none": ref, "mean": ref.mean(), "sum": ref.sum()}[reduction]
    ours = engine.sigmoid_focal_loss(x, y, alpha, gamma, reduction)  # type: ignore[arg-type]
    np.testing.assert_allclose(ours, ref.numpy(), **TOL)


@pytest.mark.parametrize("shape", [(8, 5), (4, 3, 5, 6), (2, 4, 1, 1)])
@pytest.mark.parametrize("affine", [False, True])
def test_batch_norm_train_and_eval(shape: tuple[int, ...], affine: bool) -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal(shape) * 3 + 1
    c = shape[1]
    mean, var = rng.standard_normal(c), rng.random(c) + 0.5
    weight = rng.standard_normal(c) if affine else None
    bias = rng.standard_normal(c) if affine else None
    t_mean, t_var = torch.tensor(mean), torch.tensor(var)
    tw = None if weight is None else torch.tensor(weight)
    tb = None if bias is None else torch.tensor(bias)
    ref = F.batch_norm(torch.tensor(x), t_mean, t_var, tw, tb, True, 0.2, 1e-3)
    y, new_mean, new_var = engine.batch_norm(x, mean, var, weight, bias, True, 0.2, 1e-3)
    np.testing.assert_allclose(y, ref.numpy(), **TOL)
    np.testing.assert_allclose(new_mean, t_mean.numpy(), **TOL)  # torch updated in place
    np.testing.assert_allclose(new_var, t_var.numpy(), **TOL)
    ref_eval = F.batch_norm(torch.tensor(x), t_mean, t_var, tw, tb, False)
    y_eval, _, _ = engine.batch_norm(x, new_mean, new_var, weight, bias)
    np.testing.assert_allclose(y_eval, ref_eval.numpy(), **TOL)


def test_layer_norm() -> None:
    rng = np.random.default_rng(4)
    x = rng.standard_normal((3, 4, 5, 6))
    w, b = rng.standard_normal((5, 6)), rng.standard_normal((5, 6))
    ref = F.layer_norm(torch.tensor(x), (5, 6), torch.tensor(w), torch.tensor(b))
    np.testing.assert_allclose(engine.layer_norm(x, (5, 6), w, b), ref.numpy(), **TOL)
    ref1 = F.layer_norm(torch.tensor(x), (6,))
    np.testing.assert_allclose(engine.layer_norm(x, 6), ref1.numpy(), **TOL)


def _reference_nms(boxes: np.ndarray, scores: np.ndarray, threshold: float) -> list[int]:
    """Textbook greedy NMS, one pair at a time, with torch doing the arithmetic."""
    tb = torch.tensor(boxes)
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    keep: list[int] = []
    for i in order:
        ok = True
        for j in keep:
            lt = torch.maximum(tb[i, :2], tb[j, :2])
            rb = torch.minimum(tb[i, 2:], tb[j, 2:])
            inter = (rb - lt).clamp(min=0).prod()
            area = (tb[[i, j], 2:] - tb[[i, j], :2]).prod(dim=1)
            if inter / (area.sum() - inter) > threshold:
                ok = False
                break
        if ok:
            keep.append(i)
    return keep


@pytest.mark.parametrize("seed", range(4))
def test_nms_and_iou_against_pairwise_reference(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 80
    xy = rng.uniform(0, 100, (n, 2))
    boxes = np.hstack([xy, xy + rng.uniform(1, 40, (n, 2))])
    scores = rng.integers(0, 10, n).astype(np.float64)
    for threshold in (0.1, 0.3, 0.5, 0.8):
        assert engine.nms(boxes, scores, threshold).tolist() == \
            _reference_nms(boxes, scores, threshold)
    tb = torch.tensor(boxes)
    lt = torch.maximum(tb[:, None, :2], tb[None, :, :2])
    rb = torch.minimum(tb[:, None, 2:], tb[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(dim=2)
    area = (tb[:, 2:] - tb[:, :2]).prod(dim=1)
    iou = inter / (area[:, None] + area[None, :] - inter)
    np.testing.assert_allclose(engine.box_iou(boxes, boxes), iou.numpy(), **TOL)
    classes = rng.integers(0, 3, n)
    expected = sorted(
        (i for c in range(3) for i in np.flatnonzero(classes == c)[
            _reference_nms(boxes[classes == c], scores[classes == c], 0.3)]),
        key=lambda i: (-scores[i], i))
    assert engine.batched_nms(boxes, scores, classes, 0.3).tolist() == expected
