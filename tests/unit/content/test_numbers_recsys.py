"""Numbers in content/recsys.md (notes 196–200), re-derived independently.

Byte counts and expected sampling counts are arithmetic on the stated sizes; the FM pairwise
term is summed pair by pair and through the O(kn) identity; the DIN weights use the engine's
softmax; the downsampling correction is derived by Bayes' rule on counts rather than the odds
formula the note states.
"""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pytest

import engine
from tests.unit.content.claims import Claim, check, claim_ids

FM_V = np.array([[1.0, 2.0], [0.0, 1.0], [-1.0, 1.0]])
DIN_T = np.array([1.0, 0.0])
DIN_H = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])


def corrected_ctr(q: float, keep: float) -> float:
    """Out of clicks c and non-clicks n, the sample keeps c and keep·n, and the model learns
    q = c / (c + keep·n); the true rate is c / (c + n)."""
    c = q  # any scale: c + keep·n = 1
    n = (1 - q) / keep
    return c / (c + n)


def bernoulli_entropy(p: float) -> float:
    return -(p * math.log(p) + (1 - p) * math.log(1 - p))


def sampled_hit_probability(rank: int = 1000, catalogue: int = 1_000_000, negatives: int = 100,
                            k: int = 10) -> float:
    """P(at most k − 1 of the sampled negatives outrank the true item), binomial."""
    p = (rank - 1) / (catalogue - 1)
    return sum(math.comb(negatives, j) * p**j * (1 - p) ** (negatives - j) for j in range(k))


CLAIMS = [
    Claim("196", r"$10^7\times64\times4$ 字节 $=2.56$ GB，fp16 为 1.28 GB",
          lambda: (10**7 * 64 * 4 / 1e9, 10**7 * 64 * 2 / 1e9)),
    Claim("196", r"$\log q$ 分别为 $-4.6052$ 和 $-9.2103$，修正后热门物品作为负样本时的 logit "
          "相对冷门物品低 4.6052 nats，它在分母中的权重被压低到 1/100",
          lambda: (math.log(0.01), math.log(1e-4), math.log(0.01) - math.log(1e-4),
                   round(math.exp(math.log(1e-4) - math.log(0.01)) ** -1)),
          at=(0, 1, 2, -1)),
    Claim("197", r"期望出现 $4096\times0.01=40.96$ 次", lambda: 4096 * 0.01, at=(-1,)),
    Claim("197", r"占比 $10^{-4}$ 的冷门物品每个 batch 期望只出现 0.4096 次",
          lambda: 4096 * 1e-4, at=(-1,)),
    Claim("198", r"$\langle v_1,v_2\rangle=2$，$\langle v_1,v_3\rangle=1$，"
          r"$\langle v_2,v_3\rangle=1$，合计 4",
          lambda: (*(float(FM_V[i] @ FM_V[j]) for i, j in combinations(range(3), 2)),
                   sum(float(FM_V[i] @ FM_V[j]) for i, j in combinations(range(3), 2)))),
    Claim("198", r"$\sum v=(0,4)$，平方和 16；$\sum v^2$ 逐维为 $(2,6)$，合计 8；"
          r"$\frac12(16-8)=4$",
          lambda: (*FM_V.sum(0), float((FM_V.sum(0) ** 2).sum()), *(FM_V**2).sum(0),
                   float((FM_V**2).sum()),
                   0.5 * float((FM_V.sum(0) ** 2).sum() - (FM_V**2).sum())),
          at=(0, 1, 2, 4, 5, 6, -1)),
    Claim("199", "得分 $1,0,0.5$", lambda: DIN_H @ DIN_T),
    Claim("199", r"不归一化时兴趣向量 $=1\times(1,0)+0\times(0,1)+0.5\times(0.5,0.5)=(1.25,0.25)$",
          lambda: (DIN_H @ DIN_T) @ DIN_H),
    Claim("199", "权重为 $[0.5065,0.1863,0.3072]$", lambda: engine.softmax(DIN_H @ DIN_T)),
    Claim("199", "也分到 0.1863", lambda: float(engine.softmax(DIN_H @ DIN_T)[1])),
    Claim("200", r"真实概率是 $0.5/(0.5+0.5/0.1)\approx0.0909$",
          lambda: corrected_ctr(0.5, 0.1), at=(-1,)),
    Claim("200", r"加上 $\log0.1\approx-2.3026$",
          lambda: math.log(corrected_ctr(0.5, 0.1) / (1 - corrected_ctr(0.5, 0.1)))
          - math.log(0.5 / 0.5), at=(-1,)),
    Claim("200", "背景点击率 $p=0.02$ 时熵约为 0.0980 nats，"
          "一个对数损失为 0.0882 的模型 NE 约为 0.9",
          lambda: (bernoulli_entropy(0.02), 0.0882 / bernoulli_entropy(0.02)), at=(1, 3)),
    Claim("263", r"概率约为 $999/999999\approx0.000999$，期望只有约 0.0999 个负样本排在前面",
          lambda: (999 / 999_999, 100 * 999 / 999_999), at=(2, 3)),
]


def test_sampled_hit_rate_is_almost_certain() -> None:
    """Note 263: the item ranked 1000th of 10^6 lands in the sampled top 10 almost surely."""
    assert 1 - sampled_hit_probability() < 1e-10


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
