"""Numbers in content/retrieval.md (notes 201–206), re-derived independently.

InfoNCE uses the engine's cross-entropy on the temperature-scaled cosines; chunk counts are
found by laying the windows out one by one; BM25 and RRF are evaluated from their definitions;
MaxSim and the HNSW level probability are computed directly (the latter from the level-drawing
rule by integration over U); sizes are products of the stated dimensions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from tests.unit.content.claims import Claim, check, claim_ids


def info_nce(cosines: list[float], tau: float) -> float:
    logits = np.array(cosines) / tau
    return float(-engine.log_softmax(logits)[0])


def chunk_count(n_tokens: int, size: int, overlap: int) -> int:
    start, count = 0, 0
    while True:
        count += 1
        if start + size >= n_tokens:
            return count
        start += size - overlap


def bm25_term(tf: int, n_docs: int, df: int, rel_len: float, k1: float = 1.2,
              b: float = 0.75) -> tuple[float, float, float]:
    idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
    saturation = tf * (k1 + 1) / (tf + k1 * (1 - b + b * rel_len))
    return idf, saturation, idf * saturation


def rrf(*ranks: int, k: int = 60) -> float:
    return sum(1 / (k + r) for r in ranks)


Q = np.array([[1.0, 0.0], [0.0, 1.0]])
D = np.array([[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]])


def level_at_least(level: int, m: int = 16) -> float:
    """P(⌊−ln U / ln M⌋ ≥ level) for U ~ Uniform(0, 1), by a midpoint sum over U."""
    u = (np.arange(2_000_000) + 0.5) / 2_000_000
    return float(np.mean(np.floor(-np.log(u) / math.log(m)) >= level))


CLAIMS = [
    Claim("201", "1 万个句子两两比较要约 5000 万次前向",
          lambda: round(10_000 * 9_999 / 2 / 1e4, -3), at=(-1,)),
    Claim("201", r"$\tau=0.05$ 时 logits 为 $16,10,4$，损失约 0.0025",
          lambda: (*(np.array([0.8, 0.5, 0.2]) / 0.05), info_nce([0.8, 0.5, 0.2], 0.05)),
          at=(1, 2, 3, 4)),
    Claim("201", r"$\tau=1$ 时 logits 就是 $0.8,0.5,0.2$，损失约 0.8284",
          lambda: info_nce([0.8, 0.5, 0.2], 1.0)),
    Claim("202", r"$\lceil(10000-512)/448\rceil+1=23$ 块", lambda: chunk_count(10000, 512, 64),
          at=(-1,)),
    Claim("202", r"占 $5\times512=2560$ token", lambda: 5 * 512, at=(-1,)),
    Claim("203", r"IDF $=\ln(1+990.5/10.5)\approx4.5574$",
          lambda: bm25_term(3, 1000, 10, 1.0)[0], at=(-1,)),
    Claim("203", r"词频项 $3\times2.2/4.2\approx1.5714$，得分约 7.1616",
          lambda: bm25_term(3, 1000, 10, 1.0)[1:]),
    Claim("203", r"分母变为 $3+1.2\times1.75=5.1$，词频项约 1.2941，得分降到约 5.8978",
          lambda: (3 + 1.2 * (1 - 0.75 + 0.75 * 2), *bm25_term(3, 1000, 10, 2.0)[1:])),
    Claim("203", r"得分 $1/61+1/63\approx0.032266$", lambda: rrf(1, 3), at=(-1,)),
    Claim("203", r"得分 $2/62\approx0.032258$", lambda: rrf(2, 2), at=(-1,)),
    Claim("204", r"点积为 $0.9,0.2,0.5$，取最大 0.9", lambda: (*(D @ Q[0]), (D @ Q[0]).max())),
    Claim("204", r"点积为 $0.1,0.8,0.5$，取最大 0.8", lambda: (*(D @ Q[1]), (D @ Q[1]).max())),
    Claim("204", r"MaxSim 得分 $0.9+0.8=1.7$", lambda: float((Q @ D.T).max(axis=1).sum()),
          at=(-1,)),
    Claim("204", r"平均成一个向量 $(0.5333,0.4667)$ 再与查询平均向量 $(0.5,0.5)$ 点积，只得 0.5",
          lambda: (*D.mean(0), *Q.mean(0), float(D.mean(0) @ Q.mean(0)))),
    Claim("205", r"概率是 $1/16=0.0625$", lambda: level_at_least(1), at=(-1,)),
    Claim("205", r"约有 $\log_{16}10^6\approx4.98$ 层", lambda: math.log(1e6, 16), at=(-1,)),
    Claim("205", r"$10^6\times768\times4$ 字节 $=3.072$ GB", lambda: 1e6 * 768 * 4 / 1e9,
          at=(-1,)),
    Claim("205", r"$2M=32$ 条边、每条 4 字节，共 128 字节，100 万个节点约 128 MB",
          lambda: (2 * 16, 4, 2 * 16 * 4, 2 * 16 * 4 * 1e6 / 1e6), at=(1, 2, 3, 5)),
    Claim("206", r"$768\times4=3072$ 字节；取 $m=96$ 段、每段 1 字节，只需 96 字节，压缩 32 倍，"
          "100 万条向量从 3.072 GB 降到 96 MB",
          lambda: (768 * 4, 96, 768 * 4 / 96, 1e6 * 768 * 4 / 1e9, 1e6 * 96 / 1e6),
          at=(2, 5, 6, 8, 9)),
    Claim("206", r"$96\times256$ 个 float32，共 98304 字节", lambda: 96 * 256 * 4, at=(-1,)),
    Claim("206", r"$10^6\times16/4096\approx3906$ 条编码", lambda: round(1e6 * 16 / 4096),
          at=(-1,)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
