"""Numbers in content/ssm.md (notes 167–170), re-derived from their definitions.

Attention MACs use engine.shapes' linear-layer count for each matrix product; the linear
attention example is also run both ways (parallel and recurrent) to show they agree. The SSM
recurrences, the associative scan and KV-cache bytes are computed here step by step.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import shapes
from tests.unit.content.claims import Claim, check, claim_ids

MIB, GIB = 2**20, 2**30


def softmax_attention_macs(n: int, d: int) -> int:
    """QKᵀ and PV for one head: each is n rows of an (n·d) product."""
    return n * shapes.linear_macs(d, n) + n * shapes.linear_macs(n, d)


def linear_attention_macs(n: int, d: int) -> int:
    """φ(K)ᵀV (n outer products of d×d) and φ(Q)S (n rows times a d×d matrix)."""
    return n * d * d + n * shapes.linear_macs(d, d)


def ssm_states(delta: float, xs: list[float], exact_zoh: bool = False) -> list[float]:
    """h_t = Ā h_{t−1} + B̄ x_t with A = −1, B = 1; B̄ = Δ (Mamba's code) or 1 − e^{−Δ} (ZOH)."""
    a_bar = math.exp(-delta)
    b_bar = 1 - math.exp(-delta) if exact_zoh else delta
    h, out = 0.0, []
    for x in xs:
        h = a_bar * h + b_bar * x
        out.append(h)
    return out


def sequential_scan(a: list[float], b: list[float]) -> list[float]:
    h, out = 0.0, []
    for ai, bi in zip(a, b, strict=True):
        h = ai * h + bi
        out.append(h)
    return out


def combine(left: tuple[float, float], right: tuple[float, float]) -> tuple[float, float]:
    """(a1, b1) ∘ (a2, b2) = (a1·a2, a2·b1 + b2): apply step 1, then step 2."""
    return left[0] * right[0], right[0] * left[1] + right[1]


def tree_scan_last(a: list[float], b: list[float]) -> tuple[float, ...]:
    """The pairwise merges of a 4-step scan: two leaves' merges, then the root."""
    pairs = list(zip(a, b, strict=True))
    left, right = combine(pairs[0], pairs[1]), combine(pairs[2], pairs[3])
    return (*left, *right, *combine(left, right))


def kv_bytes(layers: int, kv_heads: int, d_head: int, tokens: int, dtype_bytes: int = 2) -> int:
    return 2 * layers * kv_heads * d_head * dtype_bytes * tokens


MAMBA_INNER, MAMBA_LAYERS, MAMBA_N = 2 * 2560, 64, 16

CLAIMS = [
    # 167 linear attention
    Claim("167", r"共 $2n^2d=2{,}147{,}483{,}648$ 次乘加",
          lambda: softmax_attention_macs(4096, 64)),
    Claim("167", r"共 $2nd^2=33{,}554{,}432$ 次，少 $n/d=64$ 倍",
          lambda: (linear_attention_macs(4096, 64),
                   softmax_attention_macs(4096, 64) / linear_attention_macs(4096, 64))),
    Claim("167", r"状态 $d\times d=4096$ 个数，而同长度的 KV cache 是 "
          r"$2nd=524{,}288$ 个数，差 128 倍",
          lambda: (64 * 64, 2 * 4096 * 64, 2 * 4096 * 64 / (64 * 64)), at=(0, 2, 3)),
    # 168 selective SSM
    Claim("168", r"$\bar A=e^{-0.1}\approx0.9048$", lambda: math.exp(-0.1)),
    Claim("168", r"状态 $\approx[0.1,0.0905,0.0819]$", lambda: ssm_states(0.1, [1, 0, 0])),
    Claim("168", r"$\bar A=e^{-1}\approx0.3679$", lambda: math.exp(-1)),
    Claim("168", r"状态 $\approx[1,0.3679,0.1353]$", lambda: ssm_states(1.0, [1, 0, 0])),
    Claim("168", r"$\bar B=1-e^{-\Delta}$ 分别为 $\approx0.0952$ 和 $\approx0.6321$",
          lambda: (ssm_states(0.1, [1], True)[0], ssm_states(1.0, [1], True)[0])),
    Claim("168", r"SSM 状态每层 $5120\times16=81{,}920$ 个数，全模型 $5{,}242{,}880$ 个，"
          "按 2 字节是 10 MiB",
          lambda: (MAMBA_INNER * MAMBA_N, MAMBA_LAYERS * MAMBA_INNER * MAMBA_N,
                   2 * MAMBA_LAYERS * MAMBA_INNER * MAMBA_N / MIB), at=(2, 3, 5)),
    Claim("168", r"$2\cdot32\cdot2560\cdot2=327{,}680$ bytes，2048 个 token 就是 640 MiB",
          lambda: (kv_bytes(32, 32, 80, 1), 2048, kv_bytes(32, 32, 80, 2048) / MIB)),
    # 169 scans
    Claim("169", r"逐步计算 $h=[1,2.5,4.25,6.125]$",
          lambda: sequential_scan([0.5] * 4, [1, 2, 3, 4])),
    Claim("169", r"$(0.5,1)\circ(0.5,2)=(0.25,2.5)$，$(0.5,3)\circ(0.5,4)=(0.25,5.5)$，"
          r"再合并 $(0.25,2.5)\circ(0.25,5.5)=(0.0625,6.125)$",
          lambda: tree_scan_last([0.5] * 4, [1, 2, 3, 4]), at=(4, 5, 10, 11, 16, 17)),
    Claim("169", r"长度 4096、块长 64 时共 64 个块", lambda: 4096 // 64),
    # 170 hybrids: KV cache of Jamba's shape at 256K tokens
    Claim("170", r"每 token 的 KV 为 $2\cdot8\cdot128\cdot2=4096$ bytes",
          lambda: kv_bytes(1, 8, 128, 1)),
    Claim("170", r"256K（262,144）token 时，全部 32 层都是注意力需要 32 GiB",
          lambda: (256 * 1024, 32, kv_bytes(32, 8, 128, 256 * 1024) / GIB), at=(1, 2, 3)),
    Claim("170", r"$4\times4096\times262144=4{,}294{,}967{,}296$ bytes，即 4 GiB",
          lambda: (kv_bytes(4, 8, 128, 262144), kv_bytes(4, 8, 128, 262144) / GIB)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)


def test_causal_linear_attention_recurrent_form_equals_parallel_form() -> None:
    # Note 167's identity: the RNN state S_t = Σ φ(k_j) v_jᵀ gives the masked parallel result.
    rng = np.random.default_rng(0)
    q, k, v = (rng.standard_normal((6, 4)) for _ in range(3))
    phi_q, phi_k = (np.where(x > 0, x + 1, np.exp(x)) for x in (q, k))  # elu(x) + 1
    weights = np.tril(phi_q @ phi_k.T)
    parallel = (weights @ v) / weights.sum(axis=1, keepdims=True)
    state, norm, recurrent = np.zeros((4, 4)), np.zeros(4), []
    for t in range(6):
        state, norm = state + np.outer(phi_k[t], v[t]), norm + phi_k[t]
        recurrent.append(phi_q[t] @ state / (phi_q[t] @ norm))
    assert np.allclose(parallel, np.array(recurrent))


def test_scan_operator_is_associative_on_the_example() -> None:
    steps = list(zip([0.5, 0.9, 0.2], [1.0, -2.0, 3.0], strict=True))
    assert np.allclose(combine(combine(steps[0], steps[1]), steps[2]),
                       combine(steps[0], combine(steps[1], steps[2])))
