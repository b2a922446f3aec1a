"""Numbers in content/segmentation.md and content/training.md, checked against the engine.

Floating-point format facts (fp16 range, bf16 rounding) are checked with NumPy's float16 and a
bit-level float32 → bfloat16 rounding written here; plain memory/communication arithmetic for
which the engine has no function is re-derived from its definition.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from engine import shapes
from tests.unit.content.claims import Claim, ceil_div, check, claim_ids

p = shapes.conv2d_params
GIB, MIB = 2**30, 2**20
IMAGENET = 1281167


def unet_sizes() -> tuple[list[int], list[int]]:
    """Feature-map sides along U-Net's contracting and expanding paths (valid 3×3 convs)."""
    enc, s = [572], 572
    for level in range(5):
        for _ in range(2):
            s = shapes.conv_output_size(s, 3)
            enc.append(s)
        if level < 4:
            s = shapes.pool_output_size(s, 2)
            enc.append(s)
    dec = [s]
    for _ in range(4):
        s = shapes.conv_transpose_output_size(s, 2, 2)
        dec.append(s)
        for _ in range(2):
            s = shapes.conv_output_size(s, 3)
            dec.append(s)
    return enc, dec


def unet_params(in_ch: int = 1, classes: int = 2) -> int:
    total, c = 0, in_ch
    widths = (64, 128, 256, 512, 1024)
    for w in widths:
        total += p(c, w, 3) + p(w, w, 3)
        c = w
    for w in reversed(widths[:-1]):
        total += p(2 * w, w, 2)          # 2×2 up-conv: same count as a conv 2w → w
        total += p(2 * w, w, 3) + p(w, w, 3)
    return total + p(64, classes, 1)


def deeplab_side(size: int, output_stride: int) -> int:
    size = shapes.pool_output_size(shapes.conv_output_size(size, 7, 2, 3), 3, 2, 1)
    for _ in range({8: 1, 16: 2}[output_stride]):
        size = shapes.conv_output_size(size, 3, 2, 1)
    return size


def to_bf16(x: float) -> float:
    """Round-to-nearest-even float32 → bfloat16 (keep the top 16 bits)."""
    bits = int(np.array([x], dtype=np.float32).view(np.uint32)[0])
    bits = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return float(np.array([bits], dtype=np.uint32).view(np.float32)[0])


def fp16(x: float) -> float:
    with np.errstate(over="ignore"):
        return float(np.float16(x))


def adam_step(opt: engine.Adam, theta: float = 1.0, grad: float = 0.1) -> float:
    return float(opt.step([theta], [grad])[0])


def clip_by_norm(g: list[float], max_norm: float) -> np.ndarray:
    a = np.array(g, float)
    clipped: np.ndarray = a * min(1.0, max_norm / np.linalg.norm(a))
    return clipped


def warmup_cosine(t: int, peak: float = 3e-4, low: float = 3e-5, warm: int = 2000,
                  total: int = 100000) -> float:
    if t < warm:
        return peak * t / warm
    return low + 0.5 * (peak - low) * (1 + math.cos(math.pi * (t - warm) / (total - warm)))


def bn_batch2(x: list[float]) -> np.ndarray:
    return engine.batch_norm(np.array(x, float)[:, None], [0.0], [1.0], training=True)[0][:, 0]


def smoothed_ce(logits: list[float], eps: float) -> float:
    k = len(logits)
    target = np.full(k, eps / k)
    target[0] += 1 - eps
    return float(-(target * engine.log_softmax(np.array(logits, float))).sum())


CLAIMS = [
    # 024 FCN
    Claim("024", r"$(7-1)\cdot 32 - 2\cdot 16 + 64 = 224$",
          lambda: shapes.conv_transpose_output_size(7, 64, 32, 16)),
    Claim("024", r"$6\cdot 32 + 64 = 256$", lambda: shapes.conv_transpose_output_size(7, 64, 32)),
    Claim("024", r"$(7-1)\cdot 2 - 2 + 4 = 14$",
          lambda: shapes.conv_transpose_output_size(7, 4, 2, 1)),
    Claim("024", r"$4096\cdot 512\cdot 7\cdot 7 + 4096 = 102{,}764{,}544$",
          lambda: (p(512, 4096, 7), shapes.linear_params(512 * 7 * 7, 4096)), at=(-1, -1)),
    # 025 U-Net
    Claim("025", "572 → 570 → 568 →（pool）284 → 282 → 280 → 140 → 138 → 136 → 68 → 66 → 64 → 32 "
          "→ 30 → 28", lambda: unet_sizes()[0]),
    Claim("025", "28 →（up）56 → 54 → 52 → 104 → 102 → 100 → 200 → 198 → 196 → 392 → 390 → 388",
          lambda: unet_sizes()[1]),
    Claim("025", "$(568-392)/2 = 88$", lambda: (unet_sizes()[0][2] - unet_sizes()[1][-3]) // 2),
    Claim("025", "31,030,658，约 31.0M", lambda: (unet_params(), unet_params() / 1e6)),
    # 026 DeepLab
    Claim("026", "rate 2 → 5；rate 6 → 13；rate 12 → 25；rate 18 → 37；rate 24 → 49",
          lambda: [shapes.effective_kernel_size(3, r) for r in (2, 6, 12, 18, 24)],
          at=(1, 3, 5, 7, 9)),
    Claim("026", "$(513-1)/16 + 1 = 33$", lambda: deeplab_side(513, 16)),
    Claim("026", "output stride 8 → 65×65（像素数约 4 倍）",
          lambda: (deeplab_side(513, 8), round(deeplab_side(513, 8) ** 2 / 33**2)), at=(1, 3)),
    Claim("026", "所以 $i = 9..23$ 这 15 个位置",
          lambda: (lambda r: (min(r), len(r)))(
              [i for i in range(33) if i - 24 < 0 and i + 24 > 32])),
    # 110 mixed precision
    Claim("110", "最大 65504", lambda: float(np.finfo(np.float16).max)),
    Claim("110", r"最小正规数约 $6.10\times10^{-5}$",
          lambda: float(np.finfo(np.float16).tiny) / 1e-5, at=(0,)),
    Claim("110", r"最小次正规数约 $5.96\times10^{-8}$",
          lambda: float(np.finfo(np.float16).smallest_subnormal) / 1e-8, at=(0,)),
    Claim("110", r"$2^{-10}\approx9.77\times10^{-4}$",
          lambda: float(np.finfo(np.float16).eps) / 1e-4, at=(2,)),
    Claim("110", r"最大约 $3.39\times10^{38}$", lambda: (2 - 2**-7) * 2.0**127 / 1e38, at=(0,)),
    Claim("110", r"epsilon $2^{-7}=0.0078125$", lambda: to_bf16(1 + 2**-7) - 1),
    Claim("110", r"梯度 $10^{-8}$ 在 fp16 中下溢为 0", lambda: float(np.float16(1e-8))),
    Claim("110", r"乘以 $S=65536$ 后约为 $6.55\times10^{-4}$",
          lambda: float(np.float16(1e-8 * 65536)) / 1e-4, at=(1,)),
    Claim("110", r"fp16 中 $1+10^{-4}$ 的结果仍是 1",
          lambda: float(np.float16(1) + np.float16(1e-4)), at=(-1,)),
    Claim("110", "70000 转成 fp16 变成 inf，转成 bf16 是 70144",
          lambda: "fp16 变成 inf" if np.isinf(fp16(70000.0)) else "fp16 有限"),
    Claim("110", "70000 转成 fp16 变成 inf，转成 bf16 是 70144", lambda: to_bf16(70000.0)),
    # 111 memory for mixed-precision Adam
    Claim("111", r"$7\times10^9\times16=1.12\times10^{11}$ bytes $=112$ GB（约 104.3 GiB）",
          lambda: (7e9 * (2 + 2 + 4 + 4 + 4) / 1e11, 7e9 * 16 / 1e9, 7e9 * 16 / GIB), at=(4, 7, 8)),
    Claim("111", r"推理只需 $7\times10^9\times2=14$ GB", lambda: 7e9 * 2 / 1e9),
    # 112 gradient checkpointing
    Claim("112", r"峰值约 $2\sqrt{100}=20$ 份", lambda: 100 / 10 + 10),
    # 113 LoRA
    Claim("113", r"每个矩阵 $8\times(4096+4096)=65{,}536$ 个参数",
          lambda: (shapes.linear_params(4096, 8, bias=False)
                   + shapes.linear_params(8, 4096, bias=False))),
    Claim("113", r"原矩阵 $4096^2=16{,}777{,}216$，只占约 0.39%",
          lambda: (shapes.linear_params(4096, 4096, bias=False),
                   100 * 2 * 8 * 4096 / shapes.linear_params(4096, 4096, bias=False))),
    Claim("113", r"$32\times2\times65{,}536=4{,}194{,}304$",
          lambda: 32 * 2 * (2 * shapes.linear_params(4096, 8, bias=False))),
    Claim("113", r"$\alpha=16,\ r=8$ 时缩放系数为 2", lambda: 16 / 8),
    # 114 absmax quantisation, QLoRA overheads
    Claim("114", "$q=[50,-127,30]$",
          lambda: np.round(np.array([0.5, -1.27, 0.3]) / (1.27 / 127))),
    Claim("114", "$32/64=0.5$ bit/参数", lambda: 32 / 64),
    Claim("114", r"$8/64+32/(64\cdot256)\approx0.127$", lambda: 8 / 64 + 32 / (64 * 256)),
    Claim("114", r"$7\times10^9\times0.5=3.5$ GB，65B 约 32.5 GB",
          lambda: (7e9 * 4 / 8 / 1e9, 65e9 * 4 / 8 / 1e9), at=(-3, -1)),
    # 115 / 116 / 117 data parallel
    Claim("115", r"$25\times2^{20}/4\approx6.55$M", lambda: 25 * MIB / 4 / 1e6),
    Claim("116", r"每卡发送 $2\times\frac{7}{8}\times14=24.5$ GB", lambda: 2 * 7 / 8 * 14),
    Claim("117", r"DDP 每卡 $16\times7.5=120$ GB", lambda: 16 * 7.5),
    Claim("117", r"$7.5\times(4+12/64)\approx31.4$ GB", lambda: 7.5 * (4 + 12 / 64)),
    Claim("117", r"$7.5\times(2+14/64)\approx16.6$ GB", lambda: 7.5 * (2 + 14 / 64)),
    Claim("117", r"$7.5\times16/64\approx1.9$ GB", lambda: 7.5 * 16 / 64),
    # 118 tensor parallel
    Claim("118", r"$4096\times16384/8=8{,}388{,}608$",
          lambda: shapes.linear_params(4096, 16384 // 8, bias=False)),
    # 119 pipeline bubble
    Claim("119", r"$3/11\approx27.3\%$", lambda: 100 * (4 - 1) / (8 + 4 - 1)),
    Claim("119", r"$3/35\approx8.6\%$", lambda: 100 * (4 - 1) / (32 + 4 - 1)),
    # 120 warmup + cosine
    Claim("120", r"$t=1000$ 时 $1.5\times10^{-4}$", lambda: warmup_cosine(1000) / 1e-4, at=(1,)),
    Claim("120", r"$t=51000$（余弦段中点）时 $1.65\times10^{-4}$",
          lambda: warmup_cosine(51000) / 1e-4, at=(1,)),
    Claim("120", r"$t=100000$ 时 $3\times10^{-5}$", lambda: warmup_cosine(100000) / 1e-5, at=(1,)),
    # 121 gradient clipping
    Claim("121", "裁剪后 $g=[0.6,0.8]$", lambda: clip_by_norm([3, 4], 1.0)),
    Claim("121", "返回裁剪前的总范数 5", lambda: float(np.linalg.norm([3, 4]))),
    # 122 gradient accumulation
    Claim("122", r"有效 batch $8\times4\times8=256$", lambda: 8 * 4 * 8),
    Claim("122", r"$\lceil1281167/256\rceil=5005$（`drop_last=True` 时为 5004）",
          lambda: (ceil_div(IMAGENET, 256), IMAGENET // 256)),
    Claim("122", r"$5005\times90=450{,}450$", lambda: ceil_div(IMAGENET, 256) * 90),
    # 123 AdamW vs Adam + L2: θ = 1, g = 0.1, lr = 0.1, λ = 0.1
    Claim("123", r"$\theta=0.9$，衰减项完全被归一化", lambda: adam_step(engine.Adam(lr=0.1,
                                                                           weight_decay=0.1))),
    Claim("123", r"再减 $0.1$，$\theta=0.89$", lambda: adam_step(engine.AdamW(lr=0.1,
                                                                         weight_decay=0.1))),
    Claim("123", r"$\theta=1\times(1-0.1\times0.1)=0.99$", lambda: 1 - 0.1 * 0.1),
    # 124 overflow thresholds
    Claim("124", r"$x>\ln65504\approx11.09$", lambda: math.log(float(np.finfo(np.float16).max))),
    Claim("124", r"fp32 中在 $x>88.72$ 时溢出", lambda: math.log(float(np.finfo(np.float32).max))),
    Claim("124", r"得到 $[1,\approx0]$", lambda: engine.softmax([1000.0, 0.0]), at=(0, 1)),
    # 125 initial loss ln C
    Claim("125", r"$\ln10\approx2.303$",
          lambda: engine.cross_entropy(np.zeros((1, 10)), np.array([3]))),
    Claim("125", r"$\ln100\approx4.605$",
          lambda: engine.cross_entropy(np.zeros((1, 100)), np.array([3]))),
    Claim("125", r"$\ln1000\approx6.908$",
          lambda: engine.cross_entropy(np.zeros((1, 1000)), np.array([3]))),
    # 126 / 128 / 127 / 129
    Claim("126", r"$1/(1-p)=2$",
          lambda: engine.dropout(np.ones(32), 0.5, np.random.default_rng(1))[0].max()),
    Claim("128", r"LeakyReLU（$\alpha=0.01$）输出 $-0.02$、导数 0.01",
          lambda: (engine.leaky_relu([-2.0])[0], engine.activation_grad("leaky_relu", [-2.0])[0]),
          at=(-2, -1)),
    Claim("128", "ReLU 输出 0、导数 0",
          lambda: (engine.relu([-2.0])[0], engine.activation_grad("relu", [-2.0])[0])),
    Claim("127", r"$0.25^{10}\approx9.54\times10^{-7}$",
          lambda: float(engine.activation_grad("sigmoid", [0.0])[0]) ** 10 / 1e-7, at=(2,)),
    Claim("127", r"连乘 100 层约 $13{,}781$ 倍", lambda: round(1.1**100)),
    Claim("127", r"$2.66\times10^{-5}$", lambda: 0.9**100 / 1e-5, at=(0,)),
    Claim("129", r"输出 $\approx[-1,1]$（精确为 $\mp0.999995$）",
          lambda: (bn_batch2([1, 3])[1],), at=(-1,)),
    Claim("129", r"输入换成 $[10,-50]$，输出仍 $\approx[1,-1]$",
          lambda: np.round(bn_batch2([10, -50]), 4)),
    # 131 / 132 label noise and smoothing
    Claim("131", r"$0.2/9\approx0.0222$", lambda: 0.2 / 9),
    Claim("132", "正确类目标 $0.9+0.01=0.91$，其余每类 0.01",
          lambda: ((1 - 0.1) + 0.1 / 10, 0.1 / 10), at=(2, 3)),
    Claim("132", r"普通 CE $\approx0.2395$",
          lambda: engine.cross_entropy(np.array([[2.0, 0.0, 0.0]]), np.array([0]))),
    Claim("132", r"目标为 $[0.9333,0.0333,0.0333]$，CE $\approx0.3729$",
          lambda: (1 - 0.1 + 0.1 / 3, 0.1 / 3, 0.1 / 3, smoothed_ce([2, 0, 0], 0.1))),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
