"""Numbers in content/agents.md, content/training_techniques.md and note 253, re-derived.

Token totals are summed call by call; pass^k / pass@k come from their definitions; softmax with
temperature, sigmoid-free cross-entropy and the Kaiming/Xavier scales use the engine (init_std)
or the variance of the uniform distribution; the DropPath expected depth is summed block by
block; the uncertainty weights are found by minimising the weighted loss over σ² on a grid;
PCGrad and the IoU/Dice figures are computed from sets and vectors.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from tests.unit.content.claims import Claim, check, claim_ids


def prefill_totals(prompt: int = 2000, step: int = 520, calls: int = 20) -> tuple[int, int]:
    no_cache = sum(prompt + step * (k - 1) for k in range(1, calls + 1))
    cached = prompt + step * (calls - 1)
    return no_cache, cached


def softmax_t(logits: list[float], t: float) -> np.ndarray:
    return np.asarray(engine.softmax(np.array(logits) / t))


def uniform_std(bound: float) -> float:
    return bound / math.sqrt(3)


def kaiming_std(fan_in: int, gain: float = math.sqrt(2)) -> float:
    return gain / math.sqrt(fan_in)


def xavier(fan_in: int, fan_out: int) -> tuple[float, float]:
    """(normal std, uniform bound) with gain 1."""
    return math.sqrt(2 / (fan_in + fan_out)), math.sqrt(6 / (fan_in + fan_out))


def torch_default_bound(fan_in: int) -> float:
    """kaiming_uniform_(a=√5): gain = √(2/(1 + a²)), bound = gain·√(3/fan_in)."""
    return math.sqrt(2 / (1 + 5)) * math.sqrt(3 / fan_in)


def soft_ce(probs: list[float], target: list[float]) -> float:
    logp = np.asarray(engine.log_softmax(np.log(np.array(probs))))
    return float(-(np.array(target) * logp).sum())


def best_sigma2(loss: float) -> float:
    """argmin over σ² of L/(2σ²) + log σ, on a fine grid."""
    s2 = np.linspace(0.01, 10.0, 999_001)
    return float(s2[np.argmin(loss / (2 * s2) + 0.5 * np.log(s2))])


def pcgrad(g1: np.ndarray, g2: np.ndarray) -> np.ndarray:
    dot = float(g1 @ g2)
    return g1 - dot / float(g2 @ g2) * g2 if dot < 0 else g1


PRED = set(range(100))
TRUTH = set(range(40, 120))

CLAIMS = [
    # 239 ReAct
    Claim("239", r"$\sum_{k=1}^{20}(2000+520(k-1))=138{,}800$ 个 token",
          lambda: prefill_totals()[0], at=(-1,)),
    Claim("239", r"合计约 $2000+19\times520=11{,}880$ 个", lambda: prefill_totals()[1], at=(-1,)),
    # 240 function calling
    Claim("240", r"$30\times150=4500$ token", lambda: 30 * 150, at=(-1,)),
    # 241 evaluation
    Claim("241", r"pass^8 只有约 0.17", lambda: 0.8**8),
    Claim("241", r"pass^8 $=0.8^8\approx0.1678$，pass@8 $=1-0.2^8\approx0.99999744$",
          lambda: (0.8**8, 1 - 0.2**8), at=(3, -1)),
    Claim("241", r"标准误约为 $\sqrt{0.25/500}\approx0.0224$，95% 置信区间约 ±4.38 个百分点",
          lambda: (math.sqrt(0.25 / 500), 100 * 1.96 * math.sqrt(0.25 / 500)), at=(2, -1)),
    # 242 distillation
    Claim("242", r"$T=1$ 时分布约为 $[0.8360,0.1131,0.0508]$", lambda: softmax_t([3, 1, 0.2], 1)),
    Claim("242", r"$T=4$ 时变为 $[0.4755,0.2884,0.2361]$", lambda: softmax_t([3, 1, 0.2], 4)),
    Claim("242", "梯度约缩小 16 倍", lambda: 4**2),
    # 243 initialisation
    Claim("243", r"Kaiming 正态的标准差 $\sqrt{2/512}=0.0625$",
          lambda: kaiming_std(512), at=(-1,)),
    Claim("243", r"Xavier 正态的标准差 $\sqrt{2/1024}\approx0.0442$",
          lambda: xavier(512, 512)[0], at=(-1,)),
    Claim("243", r"Xavier 均匀的边界 $\sqrt{6/1024}\approx0.0765$",
          lambda: xavier(512, 512)[1], at=(-1,)),
    Claim("243", r"默认的均匀边界 $1/\sqrt{512}\approx0.0442$，对应标准差约 0.0255",
          lambda: (torch_default_bound(512), uniform_std(torch_default_bound(512))),
          at=(-2, -1)),
    Claim("243", "（小了 6 倍）",
          lambda: kaiming_std(512) ** 2 / uniform_std(torch_default_bound(512)) ** 2),
    # 244 mixup / cutmix
    Claim("244", r"损失 $=-(0.7\ln0.6+0.3\ln0.4)\approx0.6325$",
          lambda: soft_ce([0.6, 0.4], [0.7, 0.3]), at=(-1,)),
    Claim("244", r"$\lambda=1-112^2/224^2=0.75$", lambda: 1 - 112**2 / 224**2, at=(-1,)),
    # 245 EMA
    Claim("245", r"$1/(1-0.999)=1000$ 步", lambda: round(1 / (1 - 0.999)), at=(-1,)),
    Claim("245", r"$0.999^{100}\approx0.9048$，新学到的参数只占约 9.5%",
          lambda: (0.999**100, 100 * (1 - 0.999**100)), at=(2, 3)),
    Claim("245", r"$101/110\approx0.9182$", lambda: (1 + 100) / (10 + 100), at=(-1,)),
    # 246 ArcFace
    Claim("246", r"$\theta_y=\arccos0.8\approx0.6435$ 弧度", lambda: math.acos(0.8), at=(-1,)),
    Claim("246", r"$\cos(\theta_y+m)\approx0.4144$", lambda: math.cos(math.acos(0.8) + 0.5),
          at=(-1,)),
    Claim("246", r"从 $64\times0.8=51.2$ 降到约 26.52",
          lambda: (64 * 0.8, 64 * math.cos(math.acos(0.8) + 0.5)), at=(-2, -1)),
    Claim("246", "（logit 32），原本真实类领先 19.2", lambda: (64 * 0.5, 64 * 0.8 - 64 * 0.5)),
    # 247 multi-task
    Claim("247", r"最优 $\sigma^2$ 分别为 4 和 0.25", lambda: (best_sigma2(4), best_sigma2(0.25)),
          at=(-2, -1)),
    Claim("247", r"有效权重 $1/(2\sigma^2)$ 为 0.125 和 2",
          lambda: (1 / (2 * best_sigma2(4)), 1 / (2 * best_sigma2(0.25))), at=(-2, -1)),
    Claim("247", r"点积为 $-1$，投影后 $g_1'=(0.5,0.5)$",
          lambda: (float(np.array([1, 0]) @ np.array([-1, 1])),
                   *pcgrad(np.array([1.0, 0.0]), np.array([-1.0, 1.0])))),
    # 248 FixMatch
    Claim("248", r"该样本的无监督损失为 $-\ln0.5\approx0.6931$",
          lambda: engine.cross_entropy(np.log([[0.5, 0.3, 0.2]]), [0]), at=(-1,)),
    Claim("248", r"无标签 batch 为 $7\times64=448$", lambda: 7 * 64, at=(-1,)),
    # 253 IoU / Dice
    Claim("253", r"并集 120，IoU $=60/120=0.5$，"
          r"Dice $=120/180\approx0.6667$，正好等于 $2\times0.5/1.5$",
          lambda: (len(PRED | TRUTH), len(PRED & TRUTH) / len(PRED | TRUTH),
                   2 * len(PRED & TRUTH) / (len(PRED) + len(TRUTH))), at=(0, 3, 6)),
    Claim("253", "mIoU 约 0.5333", lambda: float(np.mean([0.9, 0.5, 0.2]))),
    Claim("253", r"软 Dice $=3.4/4=0.85$，损失 0.15",
          lambda: (2 * 0.9 + 2 * 0.8, 0.9 + 0.8 + 0.1 + 0.2 + 2, 2 * 1.7 / 4, 1 - 2 * 1.7 / 4)),
    # 254 stochastic depth
    Claim("254", r"$\sum_{l=1}^{54}\big(1-\frac{l}{54}\times0.5\big)=54-0.5\times55/2=40.25$",
          lambda: sum(1 - block / 54 * 0.5 for block in range(1, 55)), at=(-1,)),
    Claim("254", "每次前向平均少算约 14 个块",
          lambda: round(54 - sum(1 - block / 54 * 0.5 for block in range(1, 55)))),
    Claim("254", r"乘 $1/0.5=2$", lambda: 1 / (1 - 54 / 54 * 0.5), at=(-1,)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
