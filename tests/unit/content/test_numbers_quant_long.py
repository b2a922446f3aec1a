"""Numbers in content/quantization.md and content/long_context.md, re-derived here.

FP8 facts come from enumerating every bit pattern of E4M3 (fn variant: no inf, one NaN code per
sign) and E5M2 (IEEE-style) and rounding to the nearest value; GPTQ is replayed on its 2×2
example with numpy and its compensation cross-checked against the least-squares optimum; AWQ
and the RoPE-scaling numbers follow their defining formulas. The ring-attention block uses the
engine's kv_cache_bytes and attention_macs (QKᵀ and PV of one query block against one key block).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from engine.questions.kinds.attention_flops import attention_macs
from engine.questions.kinds.kv_cache_size import kv_cache_bytes
from tests.unit.content.claims import Claim, check, claim_ids


def fp8_values(exp_bits: int, man_bits: int, fn: bool) -> np.ndarray:
    """All finite non-negative values of a 1-sign float format with the given field widths."""
    bias = 2 ** (exp_bits - 1) - 1
    top = 2**exp_bits - 1
    values = []
    for e, m in itertools.product(range(2**exp_bits), range(2**man_bits)):
        if e == top and (not fn or m == 2**man_bits - 1):
            continue  # inf/NaN codes (E5M2: whole top exponent; E4M3fn: only S.1111.111)
        frac = m / 2**man_bits
        values.append(2.0 ** (1 - bias) * frac if e == 0 else 2.0 ** (e - bias) * (1 + frac))
    return np.array(sorted(values))


E4M3 = fp8_values(4, 3, fn=True)
E5M2 = fp8_values(5, 2, fn=False)


def nearest(grid: np.ndarray, x: float) -> float:
    return float(grid[np.argmin(np.abs(grid - x))])


def gap_at_one(grid: np.ndarray) -> float:
    return float(grid[grid > 1.0].min() - 1.0)


H = np.array([[1.0, 0.8], [0.8, 1.0]])
W = np.array([0.6, 0.7])


def out_err(q: np.ndarray) -> float:
    e = W - q
    return float(e @ H @ e)


def gptq() -> tuple[float, np.ndarray]:
    """GPTQ on one row: quantise column 0, push its error onto column 1 through H⁻¹."""
    h_inv = np.linalg.inv(H)
    w = W.copy()
    q0 = np.round(w[0])
    w[1] -= (w[0] - q0) / h_inv[0, 0] * h_inv[0, 1]
    return float(w[1]), np.array([q0, np.round(w[1])])


def least_squares_w1() -> float:
    """Best real w1 once w0 is fixed to 1: minimise (w − [1, w1])ᵀ H (w − [1, w1])."""
    return float(W[1] + H[0, 1] / H[1, 1] * (W[0] - 1.0))


def awq(weight: float, scale: float, group_max: float = 1.0) -> float:
    step = group_max / 7
    return float(np.round(weight * scale / step) * step / scale)


def causal_pairs(lengths: list[int]) -> int:
    return sum(n * (n + 1) // 2 for n in lengths)


def chunk_work(ranks: int) -> tuple[list[int], list[int]]:
    """Causal chunk-pairs per rank: contiguous split vs pairing chunk i with 2N−1−i."""
    work = [j + 1 for j in range(2 * ranks)]
    contiguous = [work[2 * k] + work[2 * k + 1] for k in range(ranks)]
    zigzag = [work[k] + work[2 * ranks - 1 - k] for k in range(ranks)]
    return contiguous, zigzag


def wavelengths() -> np.ndarray:
    return np.array([2 * math.pi * 10000 ** (2 * i / 128) for i in range(64)])


CLAIMS = [
    # 154 FP8 formats
    Claim("154", r"最大值因此是 $1.75\times2^8=448$", lambda: (1.75, E4M3.max()), at=(0, -1)),
    Claim("154", r"最大值 $1.75\times2^{15}=57344$", lambda: (1.75, E5M2.max()), at=(0, -1)),
    Claim("154", r"E4M3 最大 448，最小正规数 $2^{-6}=0.015625$，最小次正规数 $2^{-9}=0.001953125$，"
          "最大值与最小次正规数之比 229,376",
          lambda: (E4M3.max(), 2.0**-6, E4M3[1], E4M3.max() / E4M3[1]), at=(0, 3, 6, 7)),
    Claim("154", r"E5M2 最大 57344，最小正规数 $2^{-14}\approx6.1035\times10^{-5}$，最小次正规数 "
          r"$2^{-16}\approx1.5259\times10^{-5}$，比值 3,758,096,384",
          lambda: (E5M2.max(), 2.0**-14 / 1e-5, E5M2[1] / 1e-5, E5M2.max() / E5M2[1]),
          at=(0, 3, 8, 11)),
    Claim("154", "1 附近 E4M3 的相邻间隔是 0.125，E5M2 是 0.25",
          lambda: (gap_at_one(E4M3), gap_at_one(E5M2)), at=(1, -1)),
    Claim("154", "把 0.3952 转换过去：E4M3 得 0.40625，E5M2 得 0.375",
          lambda: (nearest(E4M3, 0.3952), nearest(E5M2, 0.3952)), at=(1, -1)),
    # 155 per-tensor vs block scaling
    Claim("155", r"per-tensor 缩放 $s=448/1000=0.448$：$0.001\times0.448=0.000448$",
          lambda: (448 / 1000, 0.001 * 448 / 1000), at=(2, -1)),
    Claim("155", "舍入为 0，信息丢失", lambda: nearest(E4M3, 0.001 * 448 / 1000)),
    Claim("155", r"块级缩放 $s=448/0.5=896$：$0.001\times896=0.896$",
          lambda: (448 / 0.5, 0.001 * 896), at=(2, -1)),
    Claim("155", r"E4M3 在 $[0.5,1)$ 的间隔是 0.0625，舍入到 0.875，"
          r"反量化得 $0.875/896=0.0009765625$，相对误差约 2.34%",
          lambda: (float(np.diff(E4M3[(E4M3 >= 0.5) & (E4M3 < 1)]).max()), nearest(E4M3, 0.896),
                   nearest(E4M3, 0.896) / 896,
                   100 * abs(nearest(E4M3, 0.896) / 896 - 0.001) / 0.001),
          at=(2, 3, -2, -1)),
    Claim("155", r"MXFP8 为 $8+8/32=8.25$，MXFP4 为 $4+8/32=4.25$，NVFP4 为 $4+8/16=4.5$",
          lambda: (8 + 8 / 32, 4 + 8 / 32, 4 + 8 / 16), at=(3, 7, 11)),
    # 156 GPTQ on a 2×2 Hessian
    Claim("156", r"$H^{-1}\approx\begin{pmatrix}2.7778&-2.2222\\-2.2222&2.7778\end{pmatrix}$",
          lambda: np.linalg.inv(H).ravel()),
    Claim("156", r"误差 $e=[-0.4,-0.3]$，$e^\top He=0.442$",
          lambda: (*(W - np.round(W)), out_err(np.round(W))), at=(0, 1, -1)),
    Claim("156", r"第二列更新为 $0.7-(-0.4/2.7778)\times(-2.2222)=0.38$",
          lambda: (gptq()[0], least_squares_w1()), at=(-1, -1)),
    Claim("156", r"得 $[1,0]$，$e^\top He=0.202$", lambda: (*gptq()[1], out_err(gptq()[1])),
          at=(0, 1, -1)),
    Claim("156", "最优是 $[0,1]$（0.162）",
          lambda: (lambda best: (*best, out_err(np.array(best))))(
              min(itertools.product(range(-1, 3), repeat=2),
                  key=lambda q: out_err(np.array(q, dtype=float))))),
    Claim("156", r"平均 $4+32/128=4.25$ 位/权重，7B 模型约 3.72 GB",
          lambda: (4 + 32 / 128, 7e9 * 4.25 / 8 / 1e9), at=(-3, -1)),
    # 157 AWQ scaling of one salient weight
    Claim("157", r"步长 $\Delta=1/7\approx0.142857$", lambda: 1 / 7),
    Claim("157", r"$0.33/\Delta=2.31$，取整为 2，反量化 $0.285714$，误差 $0.044286$，"
          r"乘以激活后输出误差约 $0.44286$",
          lambda: (0.33 * 7, round(0.33 * 7), awq(0.33, 1), 0.33 - awq(0.33, 1),
                   10 * (0.33 - awq(0.33, 1))), at=(1, 2, 3, 4, 5)),
    Claim("157", r"$0.66/\Delta=4.62$，取整为 5，反量化 $0.714286$ 再除以 2 得 $0.357143$，"
          r"误差 $0.027143$，输出误差约 $0.27143$",
          lambda: (0.66 * 7, round(0.66 * 7), 2 * awq(0.33, 2), awq(0.33, 2),
                   awq(0.33, 2) - 0.33, 10 * (awq(0.33, 2) - 0.33)), at=(1, 2, 3, 5, 6, 7)),
    # 158 context parallelism
    Claim("158", r"$16384\times8\times128\times2\times2=67{,}108{,}864$ 字节（64 MiB），"
          "按 100 GB/s 约 0.67 ms",
          lambda: (kv_cache_bytes(1, 8, 128, 2, 131072 // 8),
                   kv_cache_bytes(1, 8, 128, 2, 131072 // 8) / 2**20,
                   1000 * kv_cache_bytes(1, 8, 128, 2, 131072 // 8) / 100e9), at=(5, 6, -1)),
    Claim("158", r"$2\times16384^2\times4096=2{,}199{,}023{,}255{,}552$ 次乘加，"
          "按 400 TFLOPS 约 11.0 ms",
          lambda: (attention_macs(16384, 32 * 128, projections=0),
                   2 * attention_macs(16384, 32 * 128, projections=0) / 400e12 * 1000),
          at=(4, -1)),
    Claim("158", "各卡工作量为 3、7、11、15；按 $i$ 与 $7-i$ 配对后每张卡都是 9",
          lambda: (*chunk_work(4)[0], 2 * 4 - 1, *set(chunk_work(4)[1]))),
    # 159 packing with document masks
    Claim("159", r"普通因果 mask 要算 $10\times11/2=55$ 个位置对", lambda: causal_pairs([10])),
    Claim("159", r"文档级 mask 只有 $6+15+3=24$ 个，约为 43.6%",
          lambda: (causal_pairs([3]), causal_pairs([5]), causal_pairs([2]),
                   causal_pairs([3, 5, 2]), 100 * causal_pairs([3, 5, 2]) / causal_pairs([10]))),
    Claim("159", "`cu_seqlens=[0,3,8,10]`", lambda: np.cumsum([0, 3, 5, 2])),
    Claim("159", r"位置编号为 $[0,1,2,0,1,2,3,4,0,1]$",
          lambda: np.concatenate([np.arange(n) for n in (3, 5, 2)])),
    Claim("159", r"需要 $3\times5=15$ 个位置，其中只有 10 个是真实 token，利用率约 66.7%",
          lambda: (3 * 5, 3 + 5 + 2, 100 * 10 / 15), at=(2, 3, 4)),
    # 160 RoPE scaling
    Claim("160", r"新 base $b'=10000\times4^{128/126}\approx40{,}890$",
          lambda: round(10000 * 4 ** (128 / 126)), at=(-1,)),
    Claim("160", r"$i=45$ 时约 4080、$i=46$ 时约 4712", lambda: np.round(wavelengths()[45:47]),
          at=(1, 3)),
    Claim("160", "所以 $i=46$ 到 63 这 18 对在训练长度内不到一圈",
          lambda: (int(np.argmax(wavelengths() > 4096)), 63, int(np.sum(wavelengths() > 4096)))),
    Claim("160", r"$\lambda<4096/32=128$ 的 $i=0$ 到 20 这 21 对（$i=20$ 时约 111.7）保持不变；"
          "其余 25 对线性过渡",
          lambda: (4096 / 32, int(np.sum(wavelengths() < 128)) - 1,
                   int(np.sum(wavelengths() < 128)), wavelengths()[20],
                   64 - int(np.sum(wavelengths() < 128)) - int(np.sum(wavelengths() > 4096))),
          at=(2, 4, 5, 7, 8)),
    Claim("160", "Code Llama 把 base 从 10000 调到 1,000,000，即 100 倍",
          lambda: (10000, 10000 * 100, 1_000_000 / 10000)),
    Claim("160", r"温度项 $0.1\ln4+1\approx1.1386$，logits 乘以其平方约 1.2965",
          lambda: (0.1 * math.log(4) + 1, (0.1 * math.log(4) + 1) ** 2), at=(-2, -1)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
