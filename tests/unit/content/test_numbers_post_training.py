"""Numbers in content/post_training.md, checked against the engine or re-derived here.

Logistic losses use engine.softplus (−log σ(z) = softplus(−z)) and engine.sigmoid; the PPO clip,
GRPO group statistics and pass@k are recomputed from their defining formulas with numpy and
math.comb, independently of the note's arithmetic.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from tests.unit.content.claims import Claim, check, claim_ids


def nll_of_sigmoid(z: float) -> float:
    """−log σ(z), through the engine's softplus."""
    return float(engine.softplus(np.array([-z]))[0])


def sigmoid(z: float) -> float:
    return float(engine.sigmoid(np.array([z]))[0])


def ppo_clip(ratio: float, advantage: float, eps: float = 0.2) -> float:
    return min(ratio * advantage, float(np.clip(ratio, 1 - eps, 1 + eps)) * advantage)


def grpo(rewards: list[float], ddof: int = 0) -> np.ndarray:
    r = np.asarray(rewards, dtype=float)
    return np.asarray((r - r.mean()) / r.std(ddof=ddof))


def pass_at_k(n: int, c: int, k: int) -> float:
    return 1 - math.comb(n - c, k) / math.comb(n, k)


def token_and_sample_means() -> tuple[float, float]:
    per_token = np.concatenate([np.full(10, 2.0), np.full(90, 1.0)])
    return float(per_token.mean()), float(np.mean([2.0, 1.0]))


CLAIMS = [
    # 133 SFT loss averaging
    Claim("133", r"按 token 平均：$(10\times2.0+90\times1.0)/100=1.1$",
          lambda: token_and_sample_means()[0]),
    Claim("133", r"按样本平均：$(2.0+1.0)/2=1.5$", lambda: token_and_sample_means()[1]),
    Claim("133", "第一条样本只占梯度权重的 10%，按样本平均时占 50%",
          lambda: (100 * 10 / 100, 100 * 0.5)),
    # 134 Bradley–Terry reward model
    Claim("134", r"$\sigma(0.8)\approx0.6900$", lambda: sigmoid(0.8)),
    Claim("134", r"$-\log\sigma(0.8)=\log(1+e^{-0.8})\approx0.3711$", lambda: nll_of_sigmoid(0.8)),
    Claim("134", r"对 $r_w$ 的梯度为 $-(1-0.6900)\approx-0.3100$",
          lambda: (sigmoid(0.8), -(1 - sigmoid(0.8))), at=(-2, -1)),
    Claim("134", r"分差为 0 时损失为 $\ln2\approx0.6931$", lambda: nll_of_sigmoid(0.0)),
    # 135 PPO clip and KL-penalised reward
    Claim("135", r"比值 $r=1.5$：$\min(1.5,\ 1.2)=1.2$", lambda: ppo_clip(1.5, 1.0)),
    Claim("135", r"比值 $r=0.5$：$\min(-0.5,\ -0.8)=-0.8$", lambda: ppo_clip(0.5, -1.0)),
    Claim("135", "比值 $r=0.9$、$\\hat A=1$ 时两项都是 0.9", lambda: ppo_clip(0.9, 1.0)),
    Claim("135", r"总奖励 $2.0-0.05\times5=1.75$", lambda: 2.0 - 0.05 * 5),
    # 136 DPO
    Claim("136", r"损失 $\ln2\approx0.6931$", lambda: nll_of_sigmoid(0.0)),
    Claim("136", r"隐式奖励分别为 $0.1\times2=0.2$ 和 $0.1\times(-3)=-0.3$",
          lambda: (0.1 * 2, 0.1 * -3), at=(2, -1)),
    Claim("136", r"括号内 $0.1\times(2+3)=0.5$，损失 $\log(1+e^{-0.5})\approx0.4741$",
          lambda: (0.1 * 5, nll_of_sigmoid(0.1 * 5)), at=(3, -1)),
    Claim("136", r"梯度权重 $\sigma(-0.5)\approx0.3775$，比开始时的 0.5 小",
          lambda: (sigmoid(-0.5), sigmoid(0.0)), at=(1, 2)),
    # 137 GRPO advantages
    Claim("137", r"奖励 $[1,0,0,1]$：均值 0.5，总体标准差 0.5，优势 $[1,-1,-1,1]$",
          lambda: (0.5, np.std([1, 0, 0, 1]), *grpo([1, 0, 0, 1])), at=(4, 5, 6, 7, 8, 9)),
    Claim("137", r"均值 0.25，总体标准差 $\approx0.4330$，答对的优势 $\approx1.7321$，"
          r"答错的 $\approx-0.5774$",
          lambda: (np.mean([1, 0, 0, 0]), np.std([1, 0, 0, 0]), *grpo([1, 0, 0, 0])[:2])),
    Claim("137", r"同一组会得到 1.5 和 $-0.5$", lambda: grpo([1, 0, 0, 0], ddof=1)[:2]),
    # 138 pass@k
    Claim("138", r"pass@1 $=1-\binom71/\binom{10}1=0.3$", lambda: pass_at_k(10, 3, 1), at=(-1,)),
    Claim("138", r"pass@5 $=1-\binom75/\binom{10}5=1-21/252\approx0.9167$",
          lambda: (math.comb(7, 5), math.comb(10, 5), pass_at_k(10, 3, 5)), at=(-3, -2, -1)),
    Claim("138", r"若 $c=1$，pass@5 $=0.5$", lambda: pass_at_k(10, 1, 5)),
    Claim("138", r"若 $c=0$，任何 $k$ 下都是 0", lambda: pass_at_k(10, 0, 5)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
