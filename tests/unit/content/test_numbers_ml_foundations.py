"""Numbers in content/ml_foundations.md (notes 190–195), re-derived independently.

Expectations are taken by Gauss–Hermite quadrature or numeric integration rather than by the
closed forms the notes quote; the penalised 1-D solutions by a fine grid search; softmax with a
temperature from the engine; AUC by counting pairs and AP by walking the ranked list.
"""

from __future__ import annotations

import math
from functools import cache
from itertools import pairwise

import numpy as np
import pytest

import engine
from tests.unit.content.claims import Claim, check, claim_ids


def shrinkage_mse(c: float, mu: float = 1.0, var: float = 4.0, n: int = 4) -> float:
    """E[(c·x̄ − μ)²] with x̄ ~ N(μ, var/n), by 60-point Gauss–Hermite quadrature."""
    nodes, weights = np.polynomial.hermite_e.hermegauss(60)
    xbar = mu + math.sqrt(var / n) * nodes
    return float(weights @ (c * xbar - mu) ** 2 / weights.sum())


def penalised_argmin(z: float, lam: float, l1: bool) -> float:
    """argmin_w ½(z − w)² + λ|w| (or + λ/2·w²), on a grid of step 1e-5."""
    w = np.linspace(-3.0, 3.0, 600_001)
    penalty = lam * np.abs(w) if l1 else lam / 2 * w * w
    return float(w[np.argmin(0.5 * (z - w) ** 2 + penalty)])


def effective_number(n: int, beta: float = 0.999) -> float:
    return float(sum(beta**k for k in range(n)))  # 1 + β + … + β^(n−1)


@cache
def expected_max_of_normals(k: int) -> float:
    """E[max of k iid N(0,1)] = ∫ x·k·Φ(x)^(k−1)·φ(x) dx, by the trapezoid rule."""
    x = np.linspace(-10.0, 10.0, 400_001)
    pdf = np.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    cdf = 0.5 * (1 + np.array([math.erf(v / math.sqrt(2)) for v in x]))
    return float(np.trapezoid(x * k * cdf ** (k - 1) * pdf, x))


def ece(conf: np.ndarray, correct: np.ndarray, bins: int = 15) -> float:
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in pairwise(edges):
        inside = (conf > lo) & (conf <= hi)
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - conf[inside].mean())
    return total


ECE_CONF = np.array([0.9] * 10 + [0.6] * 10)
ECE_CORRECT = np.array([1] * 7 + [0] * 3 + [1] * 6 + [0] * 4, float)

POS, NEG = [0.9, 0.8, 0.4], [0.7, 0.3, 0.2, 0.1]


def auc(pos: list[float], neg: list[float]) -> float:
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def average_precision(pos: list[float], neg: list[float]) -> float:
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg], reverse=True)
    hits, precisions = 0, []
    for rank, (_, label) in enumerate(ranked, start=1):
        if label:
            hits += 1
            precisions.append(hits / rank)
    return sum(precisions) / len(pos)


def kl(p: list[float], q: list[float]) -> float:
    a, b = np.array(p), np.array(q)
    return float((a * np.log(a / b)).sum())


def k3(p_ref: float, pi: float) -> float:
    r = p_ref / pi
    return r - 1 - math.log(r)


def xgb_leaf(g: float, h: float, lam: float = 1.0) -> float:
    return -g / (h + lam)


def xgb_score(g: float, h: float, lam: float = 1.0) -> float:
    return g * g / (h + lam)


PCA_X = np.array([[2.0, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]])
CONFUSION = np.array([[80, 5, 5], [4, 4, 2], [3, 2, 5]])  # rows: true class


def per_class_f1(m: np.ndarray) -> np.ndarray:
    tp = np.diag(m).astype(float)
    precision, recall = tp / m.sum(axis=0), tp / m.sum(axis=1)
    return np.asarray(2 * precision * recall / (precision + recall))


def softmax_t(t: float) -> np.ndarray:
    return np.asarray(engine.softmax(np.array([2.0, 1.0, 0.0]) / t))


CLAIMS = [
    # 190 bias–variance
    Claim("190", r"无偏估计 $\hat\mu=\bar x$：偏差 0，均方误差 1", lambda: shrinkage_mse(1.0)),
    Claim("190", r"收缩估计 $\hat\mu=0.5\,\bar x$：偏差 $-0.5$、偏差平方 0.25，"
          r"方差 $0.25\times1=0.25$，均方误差 0.5",
          lambda: (0.5 - 1, (0.5 - 1) ** 2, 0.5**2, 4 / 4, 0.5**2 * 4 / 4, shrinkage_mse(0.5)),
          at=(1, 2, 3, 4, 5, 6)),
    Claim("190", r"最优收缩系数 $c=\mu^2/(\mu^2+\sigma^2/n)=0.5$",
          lambda: float(np.linspace(0, 1, 1001)[np.argmin([shrinkage_mse(c)
                                                          for c in np.linspace(0, 1, 1001)])]),
          at=(-1,)),
    # 191 L1/L2
    Claim("191", r"$z=2$：L1 软阈值得 1.5，L2 得 $2/1.5\approx1.3333$",
          lambda: (penalised_argmin(2, 0.5, True), penalised_argmin(2, 0.5, False)), at=(1, 4)),
    Claim("191", r"$z=0.3$：L1 直接得 0（$|z|<\lambda$），L2 得 $0.3/1.5=0.2$",
          lambda: (penalised_argmin(0.3, 0.5, True), penalised_argmin(0.3, 0.5, False)),
          at=(1, -1)),
    Claim("191", r"噪声 $\sigma^2=1$、先验 $\tau^2=4$ 时 ridge 的 $\lambda=1/4=0.25$",
          lambda: 1 / 4),
    # 192 imbalance
    Claim("192", r"$E_{1000}\approx632.3$，$E_{10}\approx9.955$，少数类的权重约为多数类的 63.5 倍",
          lambda: (effective_number(1000), effective_number(10),
                   effective_number(1000) / effective_number(10)), at=(1, 3, 4)),
    Claim("192", r"$(1-0.9)^2=0.01$", lambda: (1 - 0.9) ** 2, at=(-1,)),
    Claim("192", "$p_t=0.5$ 的样本因子是 0.25", lambda: (1 - 0.5) ** 2, at=(-1,)),
    # 193 selection bias
    Claim("193", "100 个独立标准正态的最大值期望约为 2.5076",
          lambda: expected_max_of_normals(100)),
    Claim("193", r"$0.5+0.05\times2.5076\approx0.625$",
          lambda: 0.5 + 0.05 * expected_max_of_normals(100), at=(-1,)),
    # 194 calibration
    Claim("194", r"ECE $=0.5\times|0.7-0.9|+0.5\times|0.6-0.6|=0.1$",
          lambda: ece(ECE_CONF, ECE_CORRECT), at=(-1,)),
    Claim("194", r"$T=1$ 时 softmax 为 $[0.6652,0.2447,0.0900]$", lambda: softmax_t(1.0)),
    Claim("194", r"$T=2$ 变为 $[0.5065,0.3072,0.1863]$", lambda: softmax_t(2.0)),
    # 195 AUC / AP
    Claim("195", r"AUC $=11/12\approx0.9167$", lambda: (11, 12, auc(POS, NEG))),
    Claim("195", r"AP $=(1+1+0.75)/3\approx0.9167$", lambda: average_precision(POS, NEG),
          at=(-1,)),
    Claim("195", r"AUC 升到 $(100+100+99)/300\approx0.9967$",
          lambda: auc(POS, NEG + [0.05] * 96), at=(-1,)),
    Claim("195", "AP 仍是 0.9167", lambda: average_precision(POS, NEG + [0.05] * 96)),
    Claim("195", "随机分类器的 AP 基线已从约 0.43 降到约 0.029",
          lambda: (3 / 7, 3 / 103)),
    # 249 entropy and KL
    Claim("249", r"$H(p)=\ln2\approx0.6931$，$H(p,q)\approx1.2040$，"
          r"$\mathrm{KL}(p\|q)\approx0.5108$",
          lambda: (-math.log(0.5), -0.5 * math.log(0.9) - 0.5 * math.log(0.1),
                   kl([0.5, 0.5], [0.9, 0.1])), at=(1, 2, 3)),
    Claim("249", r"反过来 $\mathrm{KL}(q\|p)\approx0.3681$", lambda: kl([0.9, 0.1], [0.5, 0.5])),
    Claim("249", r"$r=0.5/0.9$，$k_3\approx0.1433$", lambda: k3(0.5, 0.9), at=(-1,)),
    Claim("249", r"$r=5$，$k_3\approx2.3906$", lambda: (0.5 / 0.1, k3(0.5, 0.1)), at=(0, -1)),
    Claim("249", r"期望 $0.9\times0.1433+0.1\times2.3906\approx0.3681$",
          lambda: 0.9 * k3(0.5, 0.9) + 0.1 * k3(0.5, 0.1), at=(-1,)),
    # 250 logistic regression
    Claim("250", r"$p=\sigma(-4)\approx0.0180$", lambda: float(engine.sigmoid(-4.0)), at=(-1,)),
    Claim("250", r"梯度为 $p-1\approx-0.9820$",
          # sigmoid(z) is softmax over the logits (0, z); the gradient for class 1 is σ(z) − 1
          lambda: float(engine.cross_entropy_grad(np.array([[0.0, -4.0]]), [1])[0, 1]), at=(-1,)),
    Claim("250", r"均方误差的梯度为 $(p-1)p(1-p)\approx-0.0173$，小了约 57 倍",
          lambda: ((float(engine.sigmoid(-4.0)) - 1) * float(engine.sigmoid(-4.0))
                   * (1 - float(engine.sigmoid(-4.0))), round(1 / (float(engine.sigmoid(-4.0))
                                                             * (1 - float(engine.sigmoid(-4.0)))))),
          at=(-2, -1)),
    # 251 XGBoost
    Claim("251", r"最优输出 $w^*=4/3\approx1.3333$", lambda: xgb_leaf(-4, 2), at=(-1,)),
    Claim("251", r"增益 $=\frac12[16/2+4/2-4/3]\approx4.3333$",
          lambda: 0.5 * (xgb_score(-4, 1) + xgb_score(2, 1) - xgb_score(-2, 2)), at=(-1,)),
    # 252 confusion matrices
    Claim("252", r"准确率 0.97 看起来很好，但精确率 0.8、召回 $40/60\approx0.6667$，F1 约 0.7273",
          lambda: ((40 + 930) / 1000, 40 / 50, 40 / 60, 2 * 0.8 * (40 / 60) / (0.8 + 40 / 60)),
          at=(0, 1, 4, 5)),
    Claim("252", "三类的 F1 约为 $0.9040$、$0.3810$、$0.4545$，macro-F1 约 0.5798",
          lambda: (*per_class_f1(CONFUSION), per_class_f1(CONFUSION).mean())),
    Claim("252", r"micro-F1 等于准确率 $89/110\approx0.8091$",
          lambda: (int(np.trace(CONFUSION)), int(CONFUSION.sum()),
                   np.trace(CONFUSION) / CONFUSION.sum())),
    Claim("252", "调和平均只有约 0.02", lambda: 2 * 1 * 0.01 / (1 + 0.01)),
    # 262 PCA
    Claim("262", r"协方差的特征值为 $8/3\approx2.6667$ 和 $2/3\approx0.6667$",
          lambda: np.linalg.eigvalsh(PCA_X.T @ PCA_X / 3)[::-1], at=(2, 5)),
    Claim("262", r"解释了 $2.6667/(2.6667+0.6667)=0.8$ 的方差",
          lambda: float(np.linalg.eigvalsh(PCA_X.T @ PCA_X)[-1] / np.trace(PCA_X.T @ PCA_X)),
          at=(-1,)),
    Claim("262", r"奇异值为 $\sqrt8\approx2.8284$ 和 $\sqrt2\approx1.4142$",
          lambda: np.linalg.svd(PCA_X, compute_uv=False), at=(1, 3)),
    Claim("262", r"平方误差为 $\sigma_2^2=2$", lambda: rank1_error(), at=(-1,)),
]


def rank1_error() -> float:
    u, s, vt = np.linalg.svd(PCA_X, full_matrices=False)
    approx = s[0] * np.outer(u[:, 0], vt[0])
    return float(((PCA_X - approx) ** 2).sum())


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
