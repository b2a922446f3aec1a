"""Numbers in content/distributed.md and content/gpu_perf.md (notes 230–238), re-derived.

Ring traffic uses the engine's allreduce-traffic formula, model-state memory the zero-memory
kind's formula, bubbles the pipeline-bubble kind's (and Narayanan's ratio from its definition);
layer parameters come from engine.shapes.linear_params; the rest is the stated arithmetic
(roofline ratios from the datasheet figures, Young's interval by minimising the waste over a
grid, the online softmax by running it block by block against a direct softmax).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from engine import shapes
from engine.questions.kinds.allreduce_traffic import ring_bytes
from engine.questions.kinds.pipeline_bubble import bubble
from engine.questions.kinds.zero_memory import zero_gb
from tests.unit.content.claims import Claim, check, claim_ids

GB = 1e9
A100_FLOPS, A100_BW = 312e12, 2039e9
H100_FLOPS, H100_BW = 989e12, 3.35e12


def llama7b_block() -> int:
    attention = 4 * shapes.linear_params(4096, 4096, bias=False)
    mlp = 3 * shapes.linear_params(4096, 11008, bias=False)
    return attention + mlp


def ring_gather_bytes(size: float, n: int) -> float:
    """One all-gather or reduce-scatter is half a ring all-reduce."""
    return ring_bytes(size, n) / 2


def activation_coefficients(t: int = 8, a: int = 96, s: int = 2048,
                            h: int = 12288) -> tuple[float, float, float]:
    attn = 5 * a * s / h
    return 34 + attn, 10 + 24 / t + attn / t, (34 + attn) / t


def waste(interval: float, cost: float = 60, mtbf: float = 21600) -> float:
    return cost / interval + interval / (2 * mtbf)


def waste_grid(grid: np.ndarray, cost: float = 60, mtbf: float = 21600) -> np.ndarray:
    return np.asarray(cost / grid + grid / (2 * mtbf))


def best_interval() -> float:
    grid = np.arange(100.0, 10_000.0, 0.01)
    return float(grid[np.argmin(waste_grid(grid))])


def online_softmax(scores: list[float], values: list[float],
                   block: int = 2) -> tuple[list[tuple[float, float]], float]:
    m, ell, acc, trace = -math.inf, 0.0, 0.0, []
    for i in range(0, len(scores), block):
        s, v = np.array(scores[i:i + block]), np.array(values[i:i + block])
        m_new = max(m, float(s.max()))
        scale = math.exp(m - m_new) if m > -math.inf else 0.0
        ell = ell * scale + float(np.exp(s - m_new).sum())
        acc = acc * scale + float(np.exp(s - m_new) @ v)
        m = m_new
        trace.append((ell, acc))
    return trace, acc / ell


def tiles(m: int, n: int, tile_m: int = 256, tile_n: int = 128) -> int:
    return math.ceil(m / tile_m) * math.ceil(n / tile_n)


def tile_utilisation(m: int, n: int) -> float:
    return m * n / (tiles(m, n) * 256 * 128)


def wave_utilisation(n_tiles: int, sms: int = 108) -> float:
    return n_tiles / (math.ceil(n_tiles / sms) * sms)


SCORES, VALUES = [1.0, 2.0, 3.0, 0.0], [1.0, 2.0, 3.0, 4.0]
FUSE_N = 8 * 2048 * 16384

CLAIMS = [
    # 230 FSDP
    Claim("230", "每参数 16 字节共 112 GB；8 卡完全分片后每卡 14 GB",
          lambda: (16, zero_gb(7, 1, 3, k=12), 8, zero_gb(7, 8, 3, k=12))),
    Claim("230", r"每次每卡收发 $14\times7/8=12.25$ GB，"
          r"FSDP 每步三次共 36.75 GB，DDP 两次共 24.5 GB",
          lambda: (ring_gather_bytes(14 * GB, 8) / GB, 3 * ring_gather_bytes(14 * GB, 8) / GB,
                   ring_bytes(14 * GB, 8) / GB), at=(3, 4, 5)),
    Claim("230", r"$4\times4096^2+3\times4096\times11008=202{,}375{,}168$ 个参数，"
          r"bf16 完整参数约 404.75 MB",
          lambda: (llama7b_block(), llama7b_block() * 2 / 1e6), at=(-2, -1)),
    # 231 3D parallel
    Claim("231", r"$sbh=25{,}165{,}824$，"
          r"$5as/h=80$",
          lambda: (2048 * 12288, 5 * 96 * 2048 / 12288), at=(0, 2)),
    Claim("231", r"无并行每层激活 $114\,sbh\approx2.87$ GB",
          lambda: (activation_coefficients()[0], activation_coefficients()[0] * 2048 * 12288 / GB)),
    Claim("231", r"系数是 $10+3+10=23$，约 578.8 MB",
          lambda: (10, 24 / 8, 80 / 8, activation_coefficients()[1],
                   activation_coefficients()[1] * 2048 * 12288 / 1e6)),
    Claim("231", r"系数 $114/8=14.25$，约 358.6 MB",
          lambda: (114, 8, activation_coefficients()[2],
                   activation_coefficients()[2] * 2048 * 12288 / 1e6)),
    Claim("231", "TP 8 × PP 8 × DP 16", lambda: (8, 8, 1024 // 64)),
    Claim("231", r"比 $7/64\approx0.109$（占总时间 $7/71\approx0.099$），"
          r"交错调度（$v=2$）降到约 0.055",
          lambda: (7, 64, (8 - 1) / 64, 7, 71, bubble(8, 64), 2, (8 - 1) / (2 * 64))),
    # 232 overlap
    Claim("232", "按 25 MiB 分桶约 199 个桶", lambda: (25, math.ceil(5.2 * GB / (25 * 2**20)))),
    Claim("232", r"每卡收发 $2\times7/8\times5.2=9.1$ GB，按 100 GB/s 的有效带宽约需 91 ms",
          lambda: (ring_bytes(5.2 * GB, 8) / GB, 100, ring_bytes(5.2 * GB, 8) / (100 * GB) * 1e3),
          at=(-3, -2, -1)),
    Claim("232", "通信无论怎么重叠都会露出至少约 41 ms",
          lambda: ring_bytes(5.2 * GB, 8) / (100 * GB) * 1e3 - 50),
    # 233 checkpoints
    Claim("233", "共 12 字节，约 84 GB；"
          "若另存一份 bf16 权重（便于直接拿去推理）则为 98 GB",
          lambda: (4 + 4 + 4, 7 * 12, 7 * 14)),
    Claim("233", "以 2 GB/s 同步写需要 49 s；64 个 rank 分片并行写时每个 rank 只写 1.53 GB",
          lambda: (2, 98 / 2, 64, 98 / 64)),
    Claim("233", r"最优间隔 $\sqrt{2\times60\times21600}\approx1610$ s（约 26.8 分钟）",
          lambda: (round(best_interval()), best_interval() / 60), at=(-2, -1)),
    Claim("233", r"浪费比例约 $60/1610+1610/43200\approx0.0745$", lambda: waste(best_interval()),
          at=(-1,)),
    Claim("233", "平均约 3.09 小时一次意外中断", lambda: 54 * 24 / 419),
    # 234 roofline
    Claim("234", "拐点约 153 FLOP/字节", lambda: round(A100_FLOPS / A100_BW)),
    Claim("234", "拐点约 295", lambda: round(H100_FLOPS / H100_BW)),
    Claim("234", r"FLOPs $2\times4096^3=137{,}438{,}953{,}472$", lambda: 2 * 4096**3, at=(-1,)),
    Claim("234", r"$3\times4096^2\times2=100{,}663{,}296$ 字节，强度约 1365",
          lambda: (3 * 4096**2 * 2, 2 * 4096**3 // (3 * 4096**2 * 2)), at=(-2, -1)),
    Claim("234", "在 312 TFLOPS 下约 0.4405 ms", lambda: (312, 2 * 4096**3 / A100_FLOPS * 1e3)),
    Claim("234", r"共 $6\times10^9$ 字节，强度约 0.1667，"
          r"按带宽需要约 2.9426 ms，而按算力只要约 0.0032 ms",
          lambda: (1e9 / 6e9, 6e9 / A100_BW * 1e3, 1e9 / A100_FLOPS * 1e3)),
    # an elementwise add runs on the CUDA cores: A100's FP32 (non-Tensor) peak, datasheet
    Claim("234", "按 A100 的 FP32 峰值 19.5 TFLOPS 算也只要约 0.0513 ms",
          lambda: (19.5, 1e9 / 19.5e12 * 1e3)),
    # 235 GEMM intensity and MFU
    Claim("235", "$b=1$ 时强度约 0.9995", lambda: 4096**2 / (4096**2 + 2 * 4096), at=(-1,)),
    Claim("235", "$b=256$ 时强度约 227.56", lambda: 256 * 4096**2 / (4096**2 + 2 * 256 * 4096),
          at=(-1,)),
    Claim("235", r"$6\times7\times10^9\times3000=1.26\times10^{14}$ FLOP/s",
          lambda: 6 * 7e9 * 3000 / 1e14, at=(-3,)),
    Claim("235", "MFU 约 0.4038", lambda: 6 * 7e9 * 3000 / A100_FLOPS),
    # 236 fusion
    Claim("236", r"$N=8\times2048\times16384=268{,}435{,}456$ 个元素", lambda: FUSE_N, at=(-1,)),
    Claim("236", r"共 $12N$ 字节约 3.22 GB，按 A100 的 2,039 GB/s 约 1.58 ms",
          lambda: (12, 12 * FUSE_N / GB, 2039, 12 * FUSE_N / A100_BW * 1e3)),
    Claim("236", r"$4N$ 字节约 1.07 GB，约 0.53 ms，快 3 倍",
          lambda: (4, 4 * FUSE_N / GB, 4 * FUSE_N / A100_BW * 1e3, 12 / 4)),
    # 237 online softmax
    Claim("237", r"$\ell=e^{-1}+1\approx1.3679$，$o=e^{-1}\times1+2\approx2.3679$",
          lambda: online_softmax(SCORES, VALUES)[0][0],
          at=(2, -1)),
    Claim("237", r"$\ell\approx1.5530$，$o\approx4.0702$，输出 $o/\ell\approx2.6209$",
          lambda: (*online_softmax(SCORES, VALUES)[0][1],
                   float(engine.softmax(np.array(SCORES)) @ np.array(VALUES)))),
    Claim("237", r"$8192\times32\times4=1{,}048{,}576$ 字节（1 MiB），而 bf16 的 $P$ 矩阵要 4 GiB",
          lambda: (8192 * 32 * 4, 8192 * 32 * 4 / 2**20, 8192**2 * 32 * 2 / 2**30), at=(3, 4, -1)),
    # 238 CUDA graphs
    Claim("238", "每步 480 次发射", lambda: 32 * 15),
    Claim("238", r"$32\times15\times5=2400$ μs", lambda: 32 * 15 * 5, at=(-1,)),
    # 261 tile and wave quantisation
    Claim("261", r"256×128 的 tile 需要 $16\times32=512$ 个", lambda: tiles(4096, 4096),
          at=(-1,)),
    Claim("261", r"需要 $16\times33=528$ 个 tile，工作量只多约 0.02%，tile 数多了约 3.1%，"
          "tile 的平均利用率降到约 0.9699",
          lambda: (tiles(4096, 4097), 100 * (4097 / 4096 - 1),
                   100 * (tiles(4096, 4097) / tiles(4096, 4096) - 1), tile_utilisation(4096, 4097)),
          at=(2, 3, 4, 5)),
    Claim("261", r"SM 利用率约 $109/216\approx0.5046$", lambda: wave_utilisation(109), at=(-1,)),
    Claim("261", r"补到 $64\times786=50304$，同时也是 128 的倍数",
          lambda: (math.ceil(50257 / 64), math.ceil(50257 / 64) * 64, 128), at=(1, 2, 3)),
    Claim("261", r"$43\times256=11008$",
          lambda: (math.ceil(int(8 * 4096 / 3) / 256), math.ceil(int(8 * 4096 / 3) / 256) * 256),
          at=(0, 2)),
]


def test_padded_vocab_is_aligned() -> None:
    assert 50304 % 128 == 0 and wave_utilisation(108) == 1.0


def test_online_softmax_is_exact() -> None:
    assert online_softmax(SCORES, VALUES)[1] == pytest.approx(
        float(engine.softmax(np.array(SCORES)) @ np.array(VALUES)), rel=1e-12)


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
