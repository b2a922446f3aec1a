"""First and second optimizer steps worked out by hand from the update rules."""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine


def test_sgd_plain_momentum_and_nesterov() -> None:
    p, g = np.array([1.0]), np.array([0.5])
    assert engine.SGD(lr=0.1).step(p, g)[0] == pytest.approx(0.95)
    opt = engine.SGD(lr=0.1, momentum=0.9)
    p1 = opt.step(p, g)  # buffer = 0.5
    p2 = opt.step(p1, g)  # buffer = 0.9·0.5 + 0.5 = 0.95
    assert (p1[0], p2[0]) == pytest.approx((0.95, 0.95 - 0.095))
    nest = engine.SGD(lr=0.1, momentum=0.9, nesterov=True)
    assert nest.step(p, g)[0] == pytest.approx(1 - 0.1 * (0.5 + 0.9 * 0.5))
    wd = engine.SGD(lr=0.1, weight_decay=0.1)
    assert wd.step(p, g)[0] == pytest.approx(1 - 0.1 * (0.5 + 0.1))
    with pytest.raises(ValueError):
        engine.SGD(lr=0.1, nesterov=True)


def test_adam_first_step_is_lr_times_sign() -> None:
    p, g = np.array([1.0, 1.0]), np.array([0.3, -2.0])
    # m̂ = g and v̂ = g² after bias correction, so the step is lr·g/(|g| + eps).
    new = engine.Adam(lr=0.01).step(p, g)
    np.testing.assert_allclose(new, [0.99, 1.01], rtol=1e-7)
    assert engine.AdamW(lr=0.01).step(p, g)[0] == pytest.approx(1 * (1 - 0.01 * 0.01) - 0.01)


def test_adam_second_step_by_hand() -> None:
    opt = engine.Adam(lr=0.1, betas=(0.5, 0.5), eps=0.0)
    p = opt.step(np.array([0.0]), np.array([1.0]))  # -0.1
    p = opt.step(p, np.array([3.0]))
    m = (0.5 * 0.5 * 1 + 0.5 * 3) / (1 - 0.25)  # 0.25 + 1.5 = 1.75, /0.75
    v = (0.25 * 1 + 0.5 * 9) / (1 - 0.25)  # 0.25 + 4.5 = 4.75, /0.75
    assert p[0] == pytest.approx(-0.1 - 0.1 * m / math.sqrt(v))


def test_amsgrad_uses_the_running_maximum() -> None:
    opt = engine.Adam(lr=0.1, betas=(0.0, 0.5), eps=0.0, amsgrad=True)
    opt.step(np.array([0.0]), np.array([4.0]))  # v = 8
    p = opt.step(np.array([0.0]), np.array([1.0]))  # v = 4.5 < max 8
    assert p[0] == pytest.approx(-0.1 * 1 / (math.sqrt(8) / math.sqrt(0.75)))


def test_adagrad_and_rmsprop_first_steps() -> None:
    p, g = np.array([1.0]), np.array([2.0])
    assert engine.Adagrad(lr=0.1).step(p, g)[0] == pytest.approx(0.9)
    assert engine.Adagrad(lr=0.1, initial_accumulator_value=5.0).step(p, g)[0] == \
        pytest.approx(1 - 0.1 * 2 / 3)
    # v = 0.01·4 = 0.04, √v = 0.2, step = 0.01·2/0.2 = 0.1
    assert engine.RMSprop().step(p, g)[0] == pytest.approx(0.9)
    # centred: ḡ = 0.02, √(0.04 - 0.0004)
    centred = engine.RMSprop(centered=True).step(p, g)[0]
    assert centred == pytest.approx(1 - 0.01 * 2 / math.sqrt(0.04 - 0.0004))


def test_step_does_not_mutate_inputs() -> None:
    p, g = np.array([1.0, 2.0]), np.array([0.1, 0.2])
    for opt in (engine.SGD(0.1, momentum=0.9), engine.Adam(), engine.RMSprop(momentum=0.5),
                engine.Adagrad(), engine.AdamW()):
        opt.step(p, g)
        assert p.tolist() == [1.0, 2.0] and g.tolist() == [0.1, 0.2]
