"""Numbers in content/generative.md (notes 171–173), re-derived from their definitions.

The flow examples integrate the exact marginal velocity of a tiny 1-D problem (posterior-weighted
conditional velocities) with Euler steps; the logit-normal probability uses the normal CDF from
math.erf; the parameterisation conversions are the algebra of z_t = (1 − t)·x + t·ε.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.unit.content.claims import Claim, check, claim_ids


def marginal_velocity(x: float, t: float, modes: tuple[float, ...]) -> float:
    """u_t(x) = E[x1 − x0 | x_t = x] for x_t = (1 − t)·x0 + t·x1, x0 ~ N(0, 1), x1 uniform on modes.

    Given x1, x_t ~ N(t·x1, (1 − t)²) and x1 − x0 = (x1 − x_t)/(1 − t).
    """
    s = 1 - t
    weights = np.array([math.exp(-((x - t * m) ** 2) / (2 * s * s)) for m in modes])
    weights /= weights.sum()
    return float(sum(w * (m - x) for w, m in zip(weights, modes, strict=True)) / s)


def euler(x: float, steps: int, modes: tuple[float, ...]) -> float:
    for i in range(steps):
        x += marginal_velocity(x, i / steps, modes) / steps
    return x


def euler_path(x: float, steps: int, modes: tuple[float, ...]) -> list[float]:
    """(velocity, position) after each step, flattened."""
    out = []
    for i in range(steps):
        v = marginal_velocity(x, i / steps, modes)
        x += v / steps
        out += [v, x]
    return out


def normal_cdf(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def logit_normal_mass(lo: float, hi: float) -> float:
    """P(lo ≤ sigmoid(u) ≤ hi) for u ~ N(0, 1)."""
    return normal_cdf(logit(hi)) - normal_cdf(logit(lo))


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def crossing(pair_a: tuple[float, float], pair_b: tuple[float, float]) -> tuple[float, float]:
    """(t, x) where the straight lines x0 → x1 of two pairs meet."""
    (a0, a1), (b0, b1) = pair_a, pair_b
    t = (b0 - a0) / ((a1 - a0) - (b1 - b0))
    return t, a0 + t * (a1 - a0)


X, EPS, T = 2.0, -1.0, 0.3
Z_T = (1 - T) * X + T * EPS
V = EPS - X
SNR = ((1 - T) / T) ** 2

CLAIMS = [
    # 171 flow matching
    Claim("171", r"$x_t=0.75\times(-1)+0.25\times3=0$，回归目标 4",
          lambda: (0.75, 0.25, (1 - 0.25) * -1 + 0.25 * 3, 3 - (-1)), at=(0, 2, -2, -1)),
    Claim("171", r"$t=0$ 时速度 4，走到 1；$t=0.5$ 时速度 $(3-1)/0.5=4$，正好到 3",
          lambda: euler_path(-1.0, 2, (3.0,)), at=(1, 2, -2, -1)),
    Claim("171", r"1 步 Euler 得到 0（两峰平均）", lambda: euler(0.5, 1, (1.0, -1.0)), at=(1,)),
    Claim("171", r"2 步得到 $\approx0.4621$", lambda: euler(0.5, 2, (1.0, -1.0))),
    Claim("171", r"4 步已到 $\approx0.9999$", lambda: euler(0.5, 4, (1.0, -1.0))),
    # 172 rectified flow / reflow
    Claim("172", r"在 $t=0.25$ 时都经过 $x=0$，速度分别是 $+4$ 和 $-4$，此处学到的速度是二者平均 0",
          lambda: (*crossing((-1, 3), (1, -3)), 3 - (-1), -3 - 1, ((3 + 1) + (-3 - 1)) / 2)),
    Claim("172", r"速度 $\mp2$ 处处恒定", lambda: abs(-3 - (-1)), at=(0,)),
    Claim("172", r"$t$ 落在 $[0.25,0.75]$ 的概率约为 $0.7281$，均匀采样只有 0.5",
          lambda: (logit_normal_mass(0.25, 0.75), 0.75 - 0.25), at=(-2, -1)),
    # 173 parameterisations
    Claim("173", r"$z_t=0.7\times2+0.3\times(-1)=1.1$，$v=-1-2=-3$",
          lambda: (Z_T, V), at=(4, -1)),
    Claim("173", r"$x=1.1-0.3\times(-3)=2$", lambda: Z_T - T * V),
    Claim("173", r"$\epsilon=1.1+0.7\times(-3)=-1$", lambda: Z_T + (1 - T) * V),
    Claim("173", r"$\mathrm{SNR}=(0.7/0.3)^2\approx5.444$", lambda: SNR),
    Claim("173", r"$\bar\alpha/(1-\bar\alpha)=5.444$，即 $\bar\alpha\approx0.8448$",
          lambda: SNR / (1 + SNR)),
    Claim("173", r"$\hat v=1+3\times(2-1)=4$", lambda: 1 + 3 * (2 - 1)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)


def test_conditional_velocities_average_to_the_marginal_one() -> None:
    # A Monte-Carlo check of the posterior formula used above: E[x1 − x0 | x_t ≈ x].
    rng = np.random.default_rng(0)
    x0 = rng.standard_normal(2_000_000)
    x1 = rng.choice([1.0, -1.0], size=x0.size)
    t = 0.5
    xt = (1 - t) * x0 + t * x1
    near = np.abs(xt - 0.25) < 0.01
    assert abs(float(np.mean((x1 - x0)[near])) - marginal_velocity(0.25, t, (1.0, -1.0))) < 0.05
