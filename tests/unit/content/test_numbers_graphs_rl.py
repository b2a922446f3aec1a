"""Numbers in content/graphs.md and content/rl_basics.md (notes 222–229), re-derived.

The GCN propagation is run with numpy on the 3-node path; the GAT weights use the engine's
softmax; the policy-gradient example enumerates both arms; TD(0), Monte-Carlo, GAE (by
summing (γλ)^l δ forwards rather than the backward recursion the note describes), the PPO
objective (its gradient by finite differences) and the Q-learning step are evaluated directly,
and the expected maximum of 10 normals by numeric integration.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from tests.unit.content.claims import Claim, check, claim_ids

PATH = np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 1.0], [0.0, 1.0, 1.0]])  # A + I
DEG = PATH.sum(axis=1)
A_HAT = PATH / np.sqrt(np.outer(DEG, DEG))
X = np.array([1.0, 0.0, 0.0])


def gcn(steps: int) -> np.ndarray:
    return np.asarray(np.linalg.matrix_power(A_HAT, steps) @ X)


def leaky(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 0.2 * x)


GAT_RAW = np.array([1.0, 0.5, -0.5])


def pg_estimates(baseline: float) -> dict[int, np.ndarray]:
    """Single-sample REINFORCE estimate for each arm of the 2-armed bandit at θ = 0."""
    pi = np.asarray(engine.softmax(np.zeros(2)))
    reward = [1.0, 0.0]
    return {a: (reward[a] - baseline) * (np.eye(2)[a] - pi) for a in range(2)}


def true_gradient() -> np.ndarray:
    """∇θ Σ π(a) r(a) by central differences."""
    def j(theta: np.ndarray) -> float:
        return float(engine.softmax(theta) @ np.array([1.0, 0.0]))
    h = 1e-6
    return np.array([(j(h * e) - j(-h * e)) / (2 * h) for e in np.eye(2)])


def td_episodes(n: int, alpha: float = 0.5, gamma: float = 0.9) -> tuple[float, float]:
    v = {"s1": 0.0, "s2": 0.0}
    for _ in range(n):
        v["s1"] += alpha * (1 + gamma * v["s2"] - v["s1"])
        v["s2"] += alpha * (2 - v["s2"])
    return v["s1"], v["s2"]


REWARDS, VALUES = [0.0, 0.0, 1.0], [0.5, 0.6, 0.8, 0.0]


def deltas(gamma: float = 0.99) -> list[float]:
    return [REWARDS[t] + gamma * VALUES[t + 1] - VALUES[t] for t in range(3)]


def gae(t: int, lam: float, gamma: float = 0.99) -> float:
    d = deltas(gamma)
    return sum((gamma * lam) ** k * d[t + k] for k in range(3 - t))


def ppo(r: float, adv: float, eps: float = 0.2) -> tuple[float, float]:
    """(L_clip, dL/dr by central differences)."""
    def obj(x: float) -> float:
        return min(x * adv, float(np.clip(x, 1 - eps, 1 + eps)) * adv)
    h = 1e-6
    return obj(r), (obj(r + h) - obj(r - h)) / (2 * h)


def expected_max_normals(k: int) -> float:
    x = np.linspace(-10.0, 10.0, 200_001)
    pdf = np.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    cdf = 0.5 * (1 + np.array([math.erf(v / math.sqrt(2)) for v in x]))
    return float(np.trapezoid(x * k * cdf ** (k - 1) * pdf, x))


def wl_histograms(edges: list[tuple[int, int]], n: int, rounds: int = 3) -> list[list[int]]:
    """1-WL colour refinement; the sorted colour counts after each round."""
    nbrs: dict[int, list[int]] = {v: [] for v in range(n)}
    for a, b in edges:
        nbrs[a].append(b)
        nbrs[b].append(a)
    colour = {v: 0 for v in range(n)}
    out = []
    for _ in range(rounds):
        sig = {v: (colour[v], tuple(sorted(colour[u] for u in nbrs[v]))) for v in range(n)}
        names = {s: i for i, s in enumerate(sorted(set(sig.values())))}
        colour = {v: names[sig[v]] for v in range(n)}
        out.append(sorted(np.bincount(list(colour.values())).tolist()))
    return out


def policy_entropy(p: list[float]) -> float:
    probs = np.array(p)
    return float(-(probs * np.log(probs)).sum())


TRIANGLES = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]
HEXAGON = [(i, (i + 1) % 6) for i in range(6)]

CLAIMS = [
    # 222 GCN
    Claim("222", r"$\hat A_{11}=1/2$，$\hat A_{12}=1/\sqrt6\approx0.4082$，$\hat A_{22}=1/3$",
          lambda: (1 / A_HAT[0, 0], A_HAT[0, 1], 1 / A_HAT[1, 1]), at=(2, 6, -1)),
    Claim("222", "加自环后度为 $(2,3,2)$", lambda: DEG),
    Claim("222", "一层后为 $(0.5,0.4082,0)$，两层后为 $(0.4167,0.3402,0.1667)$",
          lambda: (*gcn(1), *gcn(2))),
    Claim("222", r"比值约为 $\sqrt{3/2}\approx1.2247$", lambda: gcn(50)[1] / gcn(50)[0],
          at=(-1,)),
    # 223 GraphSAGE
    Claim("223", r"最多涉及 $25\times10=250$ 个两跳邻居", lambda: 25 * 10, at=(-1,)),
    Claim("223", r"$512\times(1+25+250)=141{,}312$ 行特征", lambda: 512 * (1 + 25 + 250),
          at=(-1,)),
    Claim("223", "两跳就是约 2500 个节点，10 倍之多", lambda: (50**2, 50**2 / 250)),
    # 224 GAT
    Claim("224", r"LeakyReLU（斜率 0.2）后为 $1.0,0.5,-0.1$", lambda: leaky(GAT_RAW)),
    Claim("224", r"softmax 得 $\alpha=[0.5156,0.3127,0.1716]$",
          lambda: engine.softmax(leaky(GAT_RAW))),
    Claim("224", "仍分到约 17% 的权重", lambda: round(100 * engine.softmax(leaky(GAT_RAW))[2])),
    # 225 policy gradient
    Claim("225", r"真实梯度 $=0.5\times1\times(0.5,-0.5)=(0.25,-0.25)$", true_gradient),
    Claim("225", r"抽到臂 1 为 $(0.5,-0.5)$，抽到臂 2 为 $(0,0)$",
          lambda: (*pg_estimates(0.0)[0], *pg_estimates(0.0)[1]), at=(1, 2, 4, 5)),
    Claim("225", r"抽到臂 1 为 $0.5\times(0.5,-0.5)=(0.25,-0.25)$",
          lambda: pg_estimates(0.5)[0], at=(-2, -1)),
    Claim("225", r"抽到臂 2 为 $(-0.5)\times(-0.5,0.5)=(0.25,-0.25)$",
          lambda: pg_estimates(0.5)[1], at=(-2, -1)),
    # 226 TD / MC
    Claim("226", r"$V(s_2)=2$，$V(s_1)=1+0.9\times2=2.8$", lambda: (2, 1 + 0.9 * 2), at=(0, -1)),
    Claim("226", r"第一回合后 $V(s_1)=0.5$", lambda: td_episodes(1)[0], at=(-1,)),
    Claim("226", r"$V(s_2)=1$；第二回合后", lambda: td_episodes(1)[1], at=(0,)),
    Claim("226", r"$V(s_1)=0.5+0.5\times(1+0.9\times1-0.5)=1.2$、$V(s_2)=1.5$",
          lambda: td_episodes(2), at=(6, -1)),
    Claim("226", r"$V(s_1)=1.4$", lambda: 0.5 * (1 + 0.9 * 2), at=(-1,)),
    # 227 GAE
    Claim("227", r"TD 误差 $\delta=(0.094,0.192,0.2)$，$\gamma\lambda=0.9405$",
          lambda: (*deltas(), 0.99 * 0.95)),
    Claim("227", r"$\hat A_2=0.2$，$\hat A_1=0.192+0.9405\times0.2=0.3801$，"
          r"$\hat A_0\approx0.4515$",
          lambda: (gae(2, 0.95), gae(1, 0.95), gae(0, 0.95)), at=(0, 4, 5)),
    Claim("227", r"$\lambda=0$ 时 $\hat A_0=\delta_0=0.094$", lambda: gae(0, 0.0), at=(-1,)),
    Claim("227", r"$\lambda=1$ 时 $\hat A_0=0.99^2\times1-0.5=0.4801$", lambda: gae(0, 1.0),
          at=(-1,)),
    # 228 PPO
    Claim("228", r"$A=1$、$r=1.5$：$\min(1.5,1.2)=1.2$，取的是裁剪项，对 $\theta$ 的梯度为 0",
          lambda: (*ppo(1.5, 1.0),), at=(-2, -1)),
    Claim("228", r"$A=-1$、$r=0.5$：$\min(-0.5,-0.8)=-0.8$，同样是裁剪项，梯度为 0",
          lambda: (*ppo(0.5, -1.0),), at=(-2, -1)),
    Claim("228", r"$A=-1$、$r=1.5$：$\min(-1.5,-1.2)=-1.5$",
          lambda: ppo(1.5, -1.0)[0], at=(-1,)),
    Claim("228", r"$r=e^{0.3}\approx1.3499$", lambda: math.exp(0.3), at=(-1,)),
    # 229 Q-learning
    Claim("229", r"目标 $1+0.9\times2=2.8$，更新后 $Q=0.5+0.1\times(2.8-0.5)=0.73$",
          lambda: (1 + 0.9 * 2, 0.5 + 0.1 * (1 + 0.9 * 2 - 0.5)), at=(3, -1)),
    Claim("229", r"$\max$ 的期望约为 1.5388", lambda: expected_max_normals(10)),
    # 264 actor-critic
    Claim("264", r"$G_0^{(3)}=1+0.9\times0+0.81\times1+0.729\times2=3.268$",
          lambda: sum(0.9**k * r for k, r in enumerate([1.0, 0.0, 1.0])) + 0.9**3 * 2, at=(-1,)),
    Claim("264", "若 $V(s_0)=2.5$，优势为 0.768",
          lambda: sum(0.9**k * r for k, r in enumerate([1.0, 0.0, 1.0])) + 0.9**3 * 2 - 2.5,
          at=(-1,)),
    Claim("264", r"熵约为 0.8018 nats，均匀策略的熵是 $\ln3\approx1.0986$",
          lambda: (policy_entropy([0.7, 0.2, 0.1]), policy_entropy([1 / 3] * 3)), at=(0, -1)),
    # 259 aggregators
    Claim("259", r"邻居多重集 $\{1,1\}$ 与 $\{1\}$：mean 都是 1、max 都是 1，sum 为 2 和 1",
          lambda: (np.mean([1, 1]), max([1, 1]), sum([1, 1]), sum([1])), at=(3, 4, 5, 6)),
    Claim("259", r"$\{1,1,2,2\}$ 与 $\{1,2\}$：mean 都是 1.5、max 都是 2，sum 为 6 和 3",
          lambda: (np.mean([1, 1, 2, 2]), max([1, 1, 2, 2]), sum([1, 1, 2, 2]), sum([1, 2])),
          at=(6, 7, 8, 9)),
]


def test_wl_cannot_tell_two_triangles_from_a_hexagon() -> None:
    assert wl_histograms(TRIANGLES, 6) == wl_histograms(HEXAGON, 6) == [[6]] * 3


def test_unclipped_negative_case_keeps_its_gradient() -> None:
    """Note 228: A < 0 and r > 1 + ε is not clipped, so dL/dr = A."""
    assert ppo(1.5, -1.0)[1] == pytest.approx(-1.0)


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
