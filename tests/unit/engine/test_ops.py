"""Hand-derived values for activations, softmax, losses and normalisation."""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from engine.activations import ACTIVATIONS


def test_activation_values_at_known_points() -> None:
    assert engine.sigmoid(np.array([0.0]))[0] == 0.5
    assert engine.relu(np.array([-2.0, 3.0])).tolist() == [0.0, 3.0]
    assert engine.leaky_relu(np.array([-2.0]))[0] == pytest.approx(-0.02)
    assert engine.elu(np.array([-1.0]))[0] == pytest.approx(math.exp(-1) - 1)
    # GELU(1) = Φ(1) = 0.8413447460685429 (standard normal table)
    assert engine.gelu(np.array([1.0]))[0] == pytest.approx(0.8413447460685429)
    assert engine.silu(np.array([1.0]))[0] == pytest.approx(1 / (1 + math.exp(-1)))
    assert engine.softplus(np.array([0.0]))[0] == pytest.approx(math.log(2))
    assert engine.softplus(np.array([30.0]))[0] == 30.0  # linear past the threshold
    assert engine.sigmoid(np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]


def test_derivatives_at_the_kinks_follow_pytorch() -> None:
    zero = np.array([0.0])
    assert engine.activation_grad("relu", zero)[0] == 0.0
    assert engine.activation_grad("leaky_relu", zero)[0] == 0.01
    assert engine.activation_grad("elu", zero)[0] == 1.0  # alpha·e^0
    assert engine.activation_grad("sigmoid", zero)[0] == 0.25
    assert engine.activation_grad("tanh", zero)[0] == 1.0
    assert engine.activation_grad("gelu", zero)[0] == 0.5


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_grad_matches_finite_differences(name: str) -> None:
    x = np.linspace(-4, 4, 41) + 0.013  # avoid landing exactly on a kink
    eps = 1e-6
    numeric = (engine.activation(name, x + eps) - engine.activation(name, x - eps)) / (2 * eps)
    np.testing.assert_allclose(engine.activation_grad(name, x), numeric, atol=1e-6)


def test_unknown_activation_is_named() -> None:
    with pytest.raises(ValueError, match="swishy"):
        engine.activation("swishy", np.zeros(1))


def test_softmax_and_cross_entropy() -> None:
    logits = np.array([[1000.0, 1000.0, 1000.0, 1000.0], [0.0, 0.0, math.log(2), 0.0]])
    p = engine.softmax(logits)
    np.testing.assert_allclose(p[0], 0.25)
    np.testing.assert_allclose(p[1], [0.2, 0.2, 0.4, 0.2])
    np.testing.assert_allclose(np.exp(engine.log_softmax(logits)), p)
    # -log(1/4) and -log(0.4), averaged
    expected = (math.log(4) - math.log(0.4)) / 2
    assert engine.cross_entropy(logits, np.array([1, 2])) == pytest.approx(expected)
    assert engine.cross_entropy(logits, [1, 2], reduction="sum") == pytest.approx(2 * expected)
    grad = engine.cross_entropy_grad(logits, [1, 2])
    np.testing.assert_allclose(grad[1], [0.1, 0.1, -0.3, 0.1])
    with pytest.raises(ValueError):
        engine.cross_entropy(logits, [0, 4])


def test_focal_loss_reduces_to_weighted_bce_when_gamma_is_zero() -> None:
    x = np.array([2.0, -1.0])
    y = np.array([1.0, 0.0])
    bce = -np.log(np.array([1 / (1 + math.exp(-2)), 1 - 1 / (1 + math.exp(1))]))
    loss = engine.sigmoid_focal_loss(x, y, alpha=0.25, gamma=0.0)
    np.testing.assert_allclose(loss, [0.25 * bce[0], 0.75 * bce[1]])
    # gamma = 2 scales each term by (1 - p_t)^2.
    p_t = np.exp(-bce)
    focal = engine.sigmoid_focal_loss(x, y, alpha=-1, gamma=2.0, reduction="sum")
    assert float(focal) == pytest.approx(float(np.sum(bce * (1 - p_t) ** 2)))


def test_batch_norm_training_step() -> None:
    x = np.array([[1.0, 10.0], [3.0, 10.0], [5.0, 10.0], [7.0, 10.0]])
    y, mean, var = engine.batch_norm(x, np.zeros(2), np.ones(2), training=True, eps=0.0 + 1e-12)
    # Column 0: mean 4, biased variance 5, unbiased 20/3.
    np.testing.assert_allclose(y[:, 0], (x[:, 0] - 4) / math.sqrt(5), rtol=1e-9)
    np.testing.assert_allclose(mean, [0.4, 1.0])
    np.testing.assert_allclose(var, [0.9 + 0.1 * 20 / 3, 0.9])
    y_eval, m2, v2 = engine.batch_norm(x, mean, var, weight=[2.0, 1.0], bias=[0.0, 1.0])
    np.testing.assert_allclose(y_eval[:, 1], (10 - 1.0) / math.sqrt(0.9 + 1e-5) + 1)
    np.testing.assert_array_equal(m2, mean)
    np.testing.assert_array_equal(v2, var)


def test_layer_norm_normalises_each_sample() -> None:
    x = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, 2.0, 2.0, 6.0]])
    y = engine.layer_norm(x, 4, eps=0.0)
    np.testing.assert_allclose(y.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=1), 1.0)
    np.testing.assert_allclose(y[1], [-1 / math.sqrt(3)] * 3 + [math.sqrt(3)])


def test_dropout_is_inverted_and_seeded() -> None:
    x = np.ones((200, 50))
    y1, mask1 = engine.dropout(x, 0.3, np.random.default_rng(5))
    y2, mask2 = engine.dropout(x, 0.3, np.random.default_rng(5))
    np.testing.assert_array_equal(mask1, mask2)
    np.testing.assert_array_equal(y1, y2)
    np.testing.assert_allclose(np.unique(y1), [0.0, 1 / 0.7])
    np.testing.assert_array_equal(y1 != 0, mask1)
    assert abs(mask1.mean() - 0.7) < 0.02
    y_eval, mask = engine.dropout(x, 0.3, np.random.default_rng(0), training=False)
    assert mask.all() and np.array_equal(y_eval, x)
    assert not engine.dropout(x, 1.0, np.random.default_rng(0))[0].any()
