"""Numbers in content/evaluation.md (notes 180–184), recomputed from their definitions.

n-gram overlap and Min-K% are computed on the note's toy inputs; perplexity and bits-per-byte
from their formulas; standard errors, the paired z and McNemar's test (its p-value from the
χ²₁ tail, erfc(√(x/2))) from the stated counts; pass@k / pass^k both as closed forms and by
enumerating every k-subset of the n samples; Elo win probabilities from the logistic formula.
"""

from __future__ import annotations

import math
from itertools import combinations
from math import comb

import numpy as np
import pytest

import engine
from tests.unit.content.claims import Claim, check, claim_ids

TEST = ["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"]
TRAIN = ["a", "quick", "brown", "fox", "jumps", "over", "a", "fence"]
LOGPROBS = [-0.1, -0.2, -3.0, -0.05, -2.0, -0.3, -0.1, -4.0, -0.2, -0.15]
N_Q, A_ONLY, B_ONLY = 500, 20, 30


def ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def overlap(n: int) -> tuple[int, int]:
    test, train = ngrams(TEST, n), set(ngrams(TRAIN, n))
    return len(test), sum(g in train for g in test)


def min_k(fraction: float) -> float:
    k = max(1, int(len(LOGPROBS) * fraction))
    return float(np.mean(sorted(LOGPROBS)[:k]))


def bpb(nats_per_token: float, tokens: int, n_bytes: int) -> float:
    return nats_per_token * tokens / (math.log(2) * n_bytes)


def paired() -> tuple[float, float, float, float]:
    d = np.array([-1] * A_ONLY + [1] * B_ONLY + [0] * (N_Q - A_ONLY - B_ONLY), float)
    var = float(np.mean(d**2) - np.mean(d) ** 2)
    se = math.sqrt(var / N_Q)
    return float(np.mean(d)), var, se, float(np.mean(d)) / se


def mcnemar() -> tuple[float, float]:
    stat = (B_ONLY - A_ONLY) ** 2 / (A_ONLY + B_ONLY)
    return stat, math.erfc(math.sqrt(stat / 2))


def enumerate_pass(n: int, c: int, k: int, all_correct: bool) -> float:
    """Fraction of k-subsets of n samples (the first c correct) with ≥1 (or all) correct."""
    hits = [(sum(i < c for i in s) == k) if all_correct else any(i < c for i in s)
            for s in combinations(range(n), k)]
    return sum(hits) / len(hits)


def elo_win(delta: float) -> float:
    return float(engine.sigmoid(math.log(10) / 400 * delta))


CLAIMS = [
    # 180 contamination
    Claim("180", r"有 7 个 3-gram", lambda: (overlap(3)[0], 3)),
    Claim("180", r"共享 3 个（quick brown fox、brown fox jumps、fox jumps over），"
          r"重叠率 $3/7\approx0.4286$",
          lambda: (overlap(3)[1], overlap(3)[1], overlap(3)[0], overlap(3)[1] / overlap(3)[0])),
    Claim("180", r"全体均值 $-1.01$", lambda: float(np.mean(LOGPROBS))),
    Claim("180", r"最低的两个是 $-4.0$ 和 $-3.0$，Min-K% 分数为 $-3.5$",
          lambda: (*sorted(LOGPROBS)[:2], min_k(0.2))),
    # 181 perplexity and bits per byte
    Claim("181", r"PPL $=e^{2}\approx7.389$", lambda: math.exp(2.0)),
    Claim("181", r"BPB $=2000/(\ln2\times4000)\approx0.7213$",
          lambda: (1000 * 2.0, 2, 4000, bpb(2.0, 1000, 4000))),
    Claim("181", r"PPL $=e^{1.8}\approx6.050$", lambda: math.exp(1.8)),
    Claim("181", r"BPB $=1.8\times1250/(\ln2\times4000)\approx0.8115$",
          lambda: bpb(1.8, 1250, 4000)),
    # 182 error bars
    Claim("182", r"$\mathrm{SE}=\sqrt{0.8\times0.2/500}\approx0.0179$",
          lambda: math.sqrt(0.8 * 0.2 / 500)),
    Claim("182", r"95% 区间约 $\pm3.51$ 个百分点", lambda: 100 * 1.96 * math.sqrt(0.8 * 0.2 / 500)),
    Claim("182", r"差值 $10/500=0.02$", lambda: (410 - 400, N_Q, paired()[0])),
    Claim("182", r"逐题差值的方差 $50/500-0.02^2=0.0996$，"
          r"配对标准误 $\approx0.0141$，$z\approx1.417$",
          lambda: (paired()[1], paired()[2], paired()[3])),
    Claim("182", r"不配对的标准误 $\approx0.0248$",
          lambda: math.sqrt(0.8 * 0.2 / N_Q + 0.82 * 0.18 / N_Q)),
    Claim("182", r"McNemar 统计量 $(30-20)^2/50=2$，$p\approx0.157$", lambda: mcnemar()),
    # 183 pass@k and pass^k
    Claim("183", r"pass@1 $=0.3$", lambda: enumerate_pass(10, 3, 1, False)),
    Claim("183", r"pass@5 $=1-\binom{7}{5}/\binom{10}{5}=1-21/252\approx0.9167$",
          lambda: (comb(7, 5), comb(10, 5), 1 - comb(7, 5) / comb(10, 5)), at=(-3, -2, -1)),
    Claim("183", r"pass@5 $=1-\binom{7}{5}/\binom{10}{5}=1-21/252\approx0.9167$",
          lambda: enumerate_pass(10, 3, 5, False)),
    Claim("183", r"代入式 $1-0.7^5\approx0.8319$ 偏低", lambda: 1 - 0.7**5),
    Claim("183", r"pass^2 $=\binom{3}{2}/\binom{10}{2}=3/45\approx0.0667$",
          lambda: (comb(3, 2), comb(10, 2), enumerate_pass(10, 3, 2, True)), at=(-3, -2, -1)),
    Claim("183", r"代入式 $0.3^2=0.09$ 偏高", lambda: 0.3**2),
    # 184 Elo / Bradley–Terry
    Claim("184", "分数相同时期望胜率 0.5；高 100 分时约 0.6401；高 200 分时约 0.7597",
          lambda: (elo_win(0), elo_win(100), elo_win(200)), at=(0, 2, 4)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)


def test_the_nine_word_test_sentence_has_no_13_grams() -> None:
    # Note 180: "换成 13-gram 时这句话太短，一个都没有".
    assert overlap(13) == (0, 0)


def test_closed_forms_match_enumeration_for_every_k() -> None:
    for k in range(1, 11):
        assert 1 - comb(7, k) / comb(10, k) == pytest.approx(enumerate_pass(10, 3, k, False))
        assert comb(3, k) / comb(10, k) == pytest.approx(enumerate_pass(10, 3, k, True))
