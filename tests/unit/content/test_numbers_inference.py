"""Numbers in content/inference.md, checked against the engine or re-derived here.

KV-cache bytes come from the engine's kv-cache-size kind (kv_cache_bytes) and parameter counts
from engine.shapes; speculative decoding is re-derived from its acceptance rule (the output
distribution is rebuilt from q, min(1, p/q) and the residual, not copied from the note), and
the serving arithmetic (blocks, budgets, roofline) from its definitions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import shapes
from engine.questions.kinds.kv_cache_size import kv_cache_bytes
from tests.unit.content.claims import Claim, check, claim_ids

MIB, GIB = 2**20, 2**30
P = np.array([0.6, 0.3, 0.1])
Q = np.array([0.3, 0.5, 0.2])


def expected_tokens(alpha: float, gamma: int) -> float:
    """Expected tokens per target forward: Σ_{i=0..γ} α^i (the accepted prefix plus one)."""
    return float(sum(alpha**i for i in range(gamma + 1)))


def speculative_output() -> np.ndarray:
    accept = np.minimum(1.0, P / Q)
    residual = np.maximum(0.0, P - Q)
    return np.asarray(Q * accept + (1 - np.minimum(P, Q).sum()) * residual / residual.sum())


def medusa_head(d: int = 4096, vocab: int = 32000) -> int:
    return shapes.linear_params(d, d) + shapes.linear_params(d, vocab, bias=False)


def llama7b_token() -> int:
    return kv_cache_bytes(32, 32, 128, 2, 1)


def llama3_8b_token() -> int:
    return kv_cache_bytes(32, 8, 128, 2, 1)


CLAIMS = [
    # 139 speculative decoding
    Claim("139", r"期望产出 $(1-0.8^5)/0.2=3.3616$ 个 token", lambda: expected_tokens(0.8, 4)),
    Claim("139", r"加速比约 $3.3616/1.2\approx2.801$",
          lambda: (4 * 0.05 + 1, expected_tokens(0.8, 4) / (4 * 0.05 + 1)), at=(-2, -1)),
    Claim("139", r"三个 token 的接受概率为 $[1,0.6,0.5]$", lambda: np.minimum(1.0, P / Q)),
    Claim("139", r"总接受率 $\alpha=0.3+0.3+0.1=0.7$",
          lambda: (*np.minimum(P, Q), np.minimum(P, Q).sum())),
    Claim("139", r"残差 $\max(0,p-q)=[0.3,0,0]$ 归一化为 $[1,0,0]$",
          lambda: (*np.maximum(0, P - Q), *np.maximum(0, P - Q) / np.maximum(0, P - Q).sum()),
          at=(1, 2, 3, 4, 5, 6)),
    Claim("139", r"=[0.3,0.3,0.1]+0.3\times[1,0,0]=[0.6,0.3,0.1]$，正好等于 $p$",
          lambda: (*(Q * np.minimum(1.0, P / Q)), *speculative_output()), at=(0, 1, 2, 7, 8, 9)),
    # 140 Medusa heads and the candidate tree
    Claim("140", r"合计 $147{,}853{,}312$ 个参数；4 个头共 $591{,}413{,}248$ 个",
          lambda: (medusa_head(), 4 * medusa_head()), at=(0, 2)),
    Claim("140", r"树中共 $3+3\times2=9$ 个候选 token（6 条完整路径）",
          lambda: (3 + 3 * 2, 3 * 2), at=(-2, -1)),
    # 141 static batching utilisation
    Claim("141", r"占用 $4\times100=400$ 个“槽位·步”，真正有用的只有 $10+20+50+100=180$ 个，"
          "利用率 45%",
          lambda: (4 * 100, sum((10, 20, 50, 100)), 100 * 180 / 400), at=(2, -2, -1)),
    # 142 PagedAttention
    Claim("142", r"$2\cdot32\cdot32\cdot128\cdot2=524{,}288$ 字节，块大小 16 时每块 8 MiB",
          lambda: (llama7b_token(), 16 * llama7b_token() / MIB), at=(5, -1)),
    Claim("142", r"需要 $\lceil1000/16\rceil=63$ 块，最后一块只用了 $1000-62\times16=8$ 个位置，"
          "浪费 8 个 token 即 4 MiB",
          lambda: (math.ceil(1000 / 16), 1000 - 62 * 16, 16 - (1000 - 62 * 16),
                   (16 - 8) * llama7b_token() / MIB), at=(2, 6, 7, 8)),
    Claim("142", "则浪费 $2048-1000=1048$ 个 token，即 524 MiB",
          lambda: (2048 - 1000, (2048 - 1000) * llama7b_token() / MIB), at=(-2, -1)),
    # 143 prefix caching
    Claim("143", r"$2\cdot32\cdot8\cdot128\cdot2=131{,}072$ 字节（128 KiB）",
          lambda: (llama3_8b_token(), llama3_8b_token() / 1024), at=(-2, -1)),
    Claim("143", r"KV 为 $262{,}144{,}000$ 字节（250 MiB），正好是 $2000/16=125$ 个满块",
          lambda: (2000 * llama3_8b_token(), 2000 * llama3_8b_token() / MIB, 2000 / 16),
          at=(0, 1, -1)),
    Claim("143", "省下 99 份，约 24.17 GiB",
          lambda: (100 - 1, 99 * 2000 * llama3_8b_token() / GIB)),
    Claim("143", r"$2\times8\times10^9\times2000=3.2\times10^{13}$ FLOPs",
          lambda: 2 * 8e9 * 2000 / 1e13, at=(-3,)),
    # 144 chunked prefill
    Claim("144", r"$512-32=480$ 个 prefill token", lambda: 512 - 32),
    Claim("144", r"$\lceil4000/480\rceil=9$ 次迭代", lambda: math.ceil(4000 / (512 - 32))),
    # 145 disaggregation
    Claim("145", r"$2\cdot32\cdot8\cdot128\cdot2\cdot4096=536{,}870{,}912$ 字节（512 MiB）",
          lambda: (kv_cache_bytes(32, 8, 128, 2, 4096), kv_cache_bytes(32, 8, 128, 2, 4096) / MIB),
          at=(-2, -1)),
    Claim("145", "经 400 Gb/s（50 GB/s）RDMA 传输约 10.74 ms",
          lambda: (400 / 8, 1000 * kv_cache_bytes(32, 8, 128, 2, 4096) / 50e9)),
    Claim("145", r"$2\times8\times10^9\times4096\approx6.55\times10^{13}$ FLOPs，按 400 TFLOPS "
          "的有效算力约 0.164 s",
          lambda: (2 * 8e9 * 4096 / 1e13, 2 * 8e9 * 4096 / 400e12), at=(5, -1)),
    # 146 decode roofline on an A100 80GB
    Claim("146", r"拐点约 $312\times10^{12}/2039\times10^{9}\approx153$ FLOPs/字节",
          lambda: round(312e12 / 2039e9), at=(-1,)),
    Claim("146", "每步至少读 14 GB，耗时约 6.87 ms，单序列上限约 146 token/s",
          lambda: (7e9 * 2 / 1e9, 7e9 * 2 / 2039e9 * 1000, round(2039e9 / 14e9))),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
