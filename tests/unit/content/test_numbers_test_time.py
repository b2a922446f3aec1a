"""Numbers in content/test_time.md (notes 174–176), re-derived from their definitions.

Majority-vote accuracy is the binomial tail; coverage is 1 − (1 − p)^N; the best-of-N KL bound
is checked against a numerical integral of the continuous best-of-N density (where it is exact)
and against an exact discrete case (where it is only an upper bound); KV-cache bytes and decode
FLOPs are the formulas the note states.
"""

from __future__ import annotations

import math
from collections import Counter
from math import comb

import numpy as np
import pytest

from tests.unit.content.claims import Claim, check, claim_ids

GIB = 2**30
ANSWERS = ["A", "A", "B", "B", "B"]
SCORES = [0.9, 0.8, 0.3, 0.4, 0.2]


def majority_accuracy(p: float, n: int) -> float:
    return sum(comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n // 2 + 1, n + 1))


def weighted_votes() -> dict[str, float]:
    totals: dict[str, float] = {}
    for answer, score in zip(ANSWERS, SCORES, strict=True):
        totals[answer] = totals.get(answer, 0.0) + score
    return totals


def bon_kl_bound(n: int) -> float:
    return math.log(n) - (n - 1) / n


def continuous_bon_kl(n: int) -> float:
    """KL of the max-of-n density n·u^(n−1) against Uniform(0, 1), by the trapezoid rule."""
    u = np.linspace(0.0, 1.0, 400_001)[1:]
    density = n * u ** (n - 1)
    integrand = density * np.log(density)
    return float(np.sum((integrand[1:] + integrand[:-1]) / 2) * (u[1] - u[0]))


def kv_bytes_per_token(layers: int = 64, kv_heads: int = 8, d_head: int = 128) -> int:
    return 2 * layers * kv_heads * d_head * 2


CLAIMS = [
    # 174 majority vote and coverage
    Claim("174", r"多数投票 1 票 0.6，5 票 $\approx0.6826$，15 票 $\approx0.7869$",
          lambda: [majority_accuracy(0.6, n) for n in (1, 5, 15)],
          at=(1, 3, 5)),
    Claim("174", r"有完美验证器的 8 次采样覆盖率是 $1-0.7^8\approx0.9424$",
          lambda: (8, 1 - (1 - 0.3) ** 8), at=(0, -1)),
    Claim("174", "错误答案 B 出现概率 0.5 高于正确答案 A 的 0.3",
          lambda: (0.5, 1 - 0.7), at=(0, 1)),
    # 175 verifiers
    Claim("175", "多数投票选 B（3 票）",
          lambda: Counter(ANSWERS).most_common(1)[0][1]),
    Claim("175", "best-of-N 选 A（0.9）", lambda: max(SCORES)),
    Claim("175", "加权投票 A 得 1.7、B 得 0.9",
          lambda: (weighted_votes()["A"], weighted_votes()["B"])),
    Claim("175", "取最小值为 0.8，取乘积为 0.684",
          lambda: (min(0.9, 0.8, 0.95), 0.9 * 0.8 * 0.95)),
    Claim("175", r"$N=16$ 时 best-of-N 的 KL 上界为 $\log16-15/16\approx1.8351$ nats",
          lambda: continuous_bon_kl(16)),
    Claim("175", r"胜率上界 $16/17\approx0.9412$", lambda: 16 / 17),
    # 176 long chains of thought
    Claim("176", r"每个 token 的 KV 为 $2\cdot64\cdot8\cdot128\cdot2=262{,}144$ bytes（256 KiB）",
          lambda: (kv_bytes_per_token(), kv_bytes_per_token() / 1024), at=(-2, -1)),
    Claim("176", "一条 32,768 token 的思维链单条就占 8 GiB KV cache",
          lambda: (32768, 32768 * kv_bytes_per_token() / GIB)),
    Claim("176", r"$2\times32\times10^9\times16384\approx1.05\times10^{15}$ FLOPs，"
          "是生成 256 token 短回答的 64 倍",
          lambda: (2 * 32e9 * 16384 / 1e15, 256, 16384 / 256), at=(5, -2, -1)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)


def test_the_closed_form_is_exact_for_continuous_rewards_and_an_upper_bound_for_discrete() -> None:
    assert continuous_bon_kl(16) == pytest.approx(bon_kl_bound(16), abs=1e-6)
    # Four equally likely outcomes with distinct rewards: best-of-16 puts mass
    # (k/4)^16 − ((k−1)/4)^16 on the k-th best; its KL to the uniform base policy is strictly
    # below the closed form.
    k = np.arange(1, 5)
    bon = (k / 4) ** 16 - ((k - 1) / 4) ** 16
    kl = float(np.sum(bon[bon > 0] * np.log(bon[bon > 0] / 0.25)))
    assert 0 < kl < bon_kl_bound(16)
