"""Numbers in content/moe.md and content/kv_compression.md, checked here.

Parameter counts use engine.shapes.linear_params layer by layer from the published configs
(Mixtral 8x7B, DeepSeek-V3); KV bytes use the engine's kv_cache_bytes where the cache is plain
K and V, and MLA's latent cache (d_c + d_R numbers per layer) is counted from its definition.
Load-balancing, capacity and combination counts are recomputed from their formulas.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import shapes
from engine.questions.kinds.kv_cache_size import kv_cache_bytes
from tests.unit.content.claims import Claim, check, claim_ids

lin = shapes.linear_params
KIB, MIB, GIB = 2**10, 2**20, 2**30


def mixtral() -> dict[str, int]:
    """Mixtral 8x7B: 32 layers, d 4096, SwiGLU experts of width 14336, 8 KV heads of 128."""
    d, layers, experts, vocab = 4096, 32, 8, 32000
    expert = 3 * lin(d, 14336, bias=False)
    attention = 2 * lin(d, d, bias=False) + 2 * lin(d, 8 * 128, bias=False)
    router = lin(d, experts, bias=False)
    shared = layers * (attention + router + 2 * d) + d + 2 * vocab * d  # norms, untied embeddings
    return {"expert": expert, "attention": attention, "router": router,
            "total": shared + layers * experts * expert, "active": shared + layers * 2 * expert}


def switch_aux(f: list[float], p: list[float]) -> float:
    return len(f) * float(np.dot(f, p))


def dsv3_expert() -> int:
    return 3 * lin(7168, 2048, bias=False)


def mla_bytes(layers: int = 61) -> int:
    return (512 + 64) * layers * 2


def mha_bytes(layers: int = 61) -> int:
    return kv_cache_bytes(layers, 128, 128, 2, 1)


CLAIMS = [
    # 147 Mixtral parameter counts
    Claim("147", r"一个专家 $3\times4096\times14336=176{,}160{,}768$ 个参数",
          lambda: mixtral()["expert"]),
    Claim("147", r"每层注意力 $2\times4096^2+2\times4096\times1024=41{,}943{,}040$",
          lambda: mixtral()["attention"]),
    Claim("147", r"总参数 $46{,}702{,}792{,}704$（约 46.7B），每 token 激活 $12{,}879{,}925{,}248$"
          "（约 12.9B）",
          lambda: (mixtral()["total"], mixtral()["total"] / 1e9, mixtral()["active"],
                   mixtral()["active"] / 1e9)),
    # 148 Switch auxiliary loss
    Claim("148", r"$N\sum f_iP_i=4\times(0.14+0.09+0.04+0.015)=1.14$，乘 $\alpha=0.01$ 得 0.0114",
          lambda: (*(np.array([0.4, 0.3, 0.2, 0.1]) * np.array([0.35, 0.3, 0.2, 0.15])),
                   switch_aux([0.4, 0.3, 0.2, 0.1], [0.35, 0.3, 0.2, 0.15]),
                   0.01 * switch_aux([0.4, 0.3, 0.2, 0.1], [0.35, 0.3, 0.2, 0.15])),
          at=(1, 2, 3, 4, 5, 7)),
    Claim("148", r"完全均匀时 $4\times4\times(1/4)^2=1$，损失等于 $\alpha=0.01$",
          lambda: (switch_aux([0.25] * 4, [0.25] * 4), 0.01 * switch_aux([0.25] * 4, [0.25] * 4)),
          at=(5, -1)),
    Claim("148", r"偏置从 0 变为 $-0.001$", lambda: 0.0 - 0.001, at=(-1,)),
    # 149 capacity
    Claim("149", r"平均每个专家 $4096\times2/64=128$ 个 token；容量因子 1.25 时每个专家容量 160",
          lambda: (4096 * 2 / 64, 1.25 * 4096 * 2 / 64), at=(3, 5)),
    Claim("149", "有 40 个被丢弃；另一个只分到 100 个的专家要补 60 个 padding",
          lambda: (200 - 160, 100, 160 - 100)),
    Claim("149", "容量因子 1.0 时容量 128，这个过载专家会丢 72 个",
          lambda: (1.0 * 4096 * 2 / 64, 200 - 128), at=(1, 2)),
    # 150 expert-parallel dispatch volume
    Claim("150", r"$8192\times8\times7168\times2=939{,}524{,}096$ 字节（896 MiB）",
          lambda: (8192 * 8 * 7168 * 2, 8192 * 8 * 7168 * 2 / MIB), at=(-2, -1)),
    Claim("150", "dispatch 改用 FP8 减半为 448 MiB", lambda: 8192 * 8 * 7168 * 1 / MIB),
    # 151 fine-grained experts and DeepSeek-V3 expert parameters
    Claim("151", r"组合数 $\binom{16}2=120$", lambda: math.comb(16, 2), at=(-1,)),
    Claim("151", r"组合数 $\binom{64}8=4{,}426{,}165{,}368$", lambda: math.comb(64, 8), at=(-1,)),
    Claim("151", r"$3\times7168\times2048=44{,}040{,}192$ 个参数", lambda: dsv3_expert()),
    Claim("151", r"58 个 MoE 层、每层 257 个专家，共 $656{,}463{,}101{,}952$ 个参数，"
          "约占 671B 的 97.8%",
          lambda: (61 - 3, 256 + 1, 58 * 257 * dsv3_expert(),
                   100 * 58 * 257 * dsv3_expert() / 671e9), at=(0, 1, 2, 4)),
    Claim("151", r"$58\times9\times44{,}040{,}192=22{,}988{,}980{,}224$，约 23B",
          lambda: (58 * (8 + 1) * dsv3_expert(), round(58 * 9 * dsv3_expert() / 1e9)), at=(-2, -1)),
    # 152 MLA
    Claim("152", r"$576\times61\times2=70{,}272$ 字节（68.625 KiB）",
          lambda: (512 + 64, mla_bytes(), mla_bytes() / KIB), at=(0, -2, -1)),
    Claim("152", r"$2\times128\times128=32768$ 个数，整个模型 $3{,}997{,}696$ 字节（3.8125 MiB），"
          "约为 MLA 的 56.9 倍",
          lambda: (2 * 128 * 128, mha_bytes(), mha_bytes() / MIB, mha_bytes() / mla_bytes()),
          at=(3, 4, 5, 6)),
    Claim("152", "MLA 约 8.58 GiB，MHA 要 488 GiB",
          lambda: (131072 * mla_bytes() / GIB, 131072 * mha_bytes() / GIB)),
    Claim("152", r"$2\cdot80\cdot8\cdot128\cdot2=327{,}680$ 字节",
          lambda: kv_cache_bytes(80, 8, 128, 2, 1)),
    # 153 Mistral 7B sliding window
    Claim("153", r"理论注意力跨度约 $32\times4096=131{,}072$ 个 token", lambda: 32 * 4096),
    Claim("153", r"$2\cdot32\cdot8\cdot128\cdot2=131{,}072$ 字节",
          lambda: kv_cache_bytes(32, 8, 128, 2, 1)),
    Claim("153", "窗口 4096 时每条序列的缓存封顶于 512 MiB",
          lambda: (4096, kv_cache_bytes(32, 8, 128, 2, 4096) / MIB)),
    Claim("153", "不用窗口时 32768 个 token 要 4 GiB",
          lambda: (32768, kv_cache_bytes(32, 8, 128, 2, 32768) / GIB)),
    Claim("153", "改用 FP8 存储只要 256 MiB；2-bit 量化（不计缩放因子）只要 64 MiB",
          lambda: (kv_cache_bytes(32, 8, 128, 1, 4096) / MIB, 2,
                   kv_cache_bytes(32, 8, 128, 1, 4096) / 4 / MIB)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
