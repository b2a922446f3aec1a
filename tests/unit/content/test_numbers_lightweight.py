"""Numbers in content/lightweight.md, checked against the engine (conv costs, MobileNets)."""

from __future__ import annotations

import numpy as np
import pytest

import engine
from engine import shapes
from engine.arch import count_macs, count_params, layer_breakdown, layers
from engine.arch.layers import (
    AdaptiveAvgPool,
    Conv,
    Flatten,
    Layer,
    LayerCost,
    Linear,
    Residual,
    walk,
)
from engine.questions.kinds.channel_shuffle import shuffle
from tests.unit.content.claims import Claim, check, claim_ids

p = shapes.conv2d_params
macs = shapes.conv2d_macs
lin = shapes.linear_params


def v1_rows(alpha: float = 1.0, size: int = 224) -> list[LayerCost]:
    """MobileNetV1 conv/fc rows (no BN) at width ``alpha``, via engine.arch's layer specs."""
    if alpha == 1.0:
        return [r for r in layer_breakdown("mobilenet_v1", image_size=size)
                if r.kind in ("conv", "linear")]
    ch = int(32 * alpha)
    specs: list[Layer] = [Conv("stem", ch, 3, 2, 1, bias=False)]
    for i, (out, stride) in enumerate(((64, 1), (128, 2), (128, 1), (256, 2), (256, 1),
                                       (512, 2), *[(512, 1)] * 5, (1024, 2), (1024, 1))):
        specs += [Conv(f"{i}.dw", ch, 3, stride, 1, groups=ch, bias=False),
                  Conv(f"{i}.pw", int(out * alpha), 1, bias=False)]
        ch = int(out * alpha)
    specs += [AdaptiveAvgPool("pool", 1), Flatten("flat"), Linear("fc", 1000)]
    return [r for r in walk(tuple(specs), (3, size, size))[1] if r.kind in ("conv", "linear")]


V1_NO_BN = sum(r.params for r in v1_rows())
V1_PW = [r for r in v1_rows() if r.kind == "conv" and r.name.endswith("pw.0")]


def v2_block() -> tuple[int, int, int, int]:
    parts = (p(24, 144, 1, bias=False), p(144, 144, 3, groups=144, bias=False),
             p(144, 24, 1, bias=False))
    return (*parts, sum(parts))


def make_divisible(v: float, divisor: int = 8) -> int:
    new = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new + divisor if new < 0.9 * v else new


def hswish(x: float) -> float:
    return x * min(float(engine.relu([x + 3.0])[0]), 6.0) / 6


def memory_access(hw: int, c1: int, c2: int, groups: int = 1) -> int:
    """ShuffleNetV2's MAC of a 1×1 conv: read input, write output, read the weights."""
    return hw * (c1 + c2) + p(c1, c2, 1, groups=groups, bias=False)


def shuffled(c: int, g: int) -> list[int]:
    return list(shuffle(np.arange(c), g))


def quant(r: float, lo: float = -0.5, hi: float = 1.5) -> tuple[float, int, int, float]:
    scale = (hi - lo) / 255
    zero = round(-lo / scale)
    q = round(r / scale) + zero
    return scale, zero, q, (q - zero) * scale


EFF = 1.2 * 1.1**2 * 1.15**2

CLAIMS = [
    # 041 depthwise speed-up
    Claim("041", "14·14·512·512·9 = 462,422,016", lambda: macs(512, 512, 3, 14, 14)),
    Claim("041", "depthwise：14·14·512·9 = 903,168",
          lambda: macs(512, 512, 3, 14, 14, groups=512)),
    Claim("041", "pointwise：14·14·512·512 = 51,380,224；合计 52,283,392",
          lambda: (macs(512, 512, 1, 14, 14),
                   macs(512, 512, 3, 14, 14, groups=512) + macs(512, 512, 1, 14, 14))),
    Claim("041", "52,283,392 / 462,422,016 ≈ 0.11306 = 1/512 + 1/9，约 8.84 倍加速",
          lambda: (lambda r: (r, 1 / r))(
              (macs(512, 512, 3, 14, 14, groups=512) + macs(512, 512, 1, 14, 14))
              / macs(512, 512, 3, 14, 14)), at=(2, -1)),
    Claim("041", "标准 512·512·9 = 2,359,296", lambda: p(512, 512, 3, bias=False)),
    Claim("041", "可分离 512·9 + 512·512 = 4,608 + 262,144 = 266,752",
          lambda: (p(512, 512, 3, groups=512, bias=False), p(512, 512, 1, bias=False),
                   p(512, 512, 3, groups=512, bias=False) + p(512, 512, 1, bias=False))),
    Claim("041", "51,380,224 / 52,283,392 ≈ 98%",
          lambda: round(100 * macs(512, 512, 1, 14, 14)
                        / (macs(512, 512, 3, 14, 14, groups=512) + macs(512, 512, 1, 14, 14)))),
    # 049 / 080 / 081 channel shuffle
    Claim("049", "展平得 [0,3,1,4,2,5]", lambda: shuffled(6, 2)),
    Claim("049", "C=6、g=3 得 [0,2,4,1,3,5]", lambda: shuffled(6, 3)),
    Claim("049", "C=12、g=3 得 [0,4,8,1,5,9,2,6,10,3,7,11]", lambda: shuffled(12, 3)),
    Claim("080", "通道顺序变为 [0,4,8,1,5,9,2,6,10,3,7,11]", lambda: shuffled(12, 3)),
    Claim("081", "C=6 → [0,3,1,4,2,5]", lambda: shuffled(6, 2)),
    # 056 / 072 MobileNetV1
    Claim("056", "参数 4,210,088（≈4.2M；若把每个 BN 的 γ、β 也算上则为 4,231,976）",
          lambda: (V1_NO_BN, V1_NO_BN / 1e6, count_params("mobilenet_v1"))),
    Claim("056", "MACs 568,740,352（≈569M）",
          lambda: (count_macs("mobilenet_v1"), round(count_macs("mobilenet_v1") / 1e6))),
    Claim("056", "1×1 卷积 539,492,352 MACs（94.86%）、3,139,584 参数（约 74.6%）",
          lambda: (sum(r.macs for r in V1_PW),
                   100 * sum(r.macs for r in V1_PW) / count_macs("mobilenet_v1"),
                   sum(r.params for r in V1_PW), 100 * sum(r.params for r in V1_PW) / V1_NO_BN),
          at=(2, 3, 4, 5)),
    Claim("056", "全连接 1,025,000 参数", lambda: lin(1024, 1000)),
    Claim("056", "α=0.75 → 2,569,144 参数、325,400,448 MACs",
          lambda: (sum(r.params for r in v1_rows(0.75)), sum(r.macs for r in v1_rows(0.75)))),
    Claim("056", "α=0.5 → 1,320,648 参数、149,497,088 MACs",
          lambda: (sum(r.params for r in v1_rows(0.5)), sum(r.macs for r in v1_rows(0.5)))),
    Claim("056", "α=0.25 → 464,600 参数、41,030,272 MACs",
          lambda: (sum(r.params for r in v1_rows(0.25)), sum(r.macs for r in v1_rows(0.25)))),
    Claim("056", "粗估 569M×0.5² = 142M，真实 149M",
          lambda: (round(count_macs("mobilenet_v1") * 0.25 / 1e6),
                   round(sum(r.macs for r in v1_rows(0.5)) / 1e6)), at=(-2, -1)),
    Claim("056", "192 → 418,121,728 MACs（≈569M×(192/224)² = 418M）",
          lambda: (count_macs("mobilenet_v1", image_size=192),
                   round(count_macs("mobilenet_v1") * (192 / 224) ** 2 / 1e6)), at=(1, -1)),
    Claim("056", "160 → 290,675,200；128 → 186,400,768",
          lambda: [count_macs("mobilenet_v1", image_size=s) for s in (160, 128)], at=(1, 3)),
    Claim("072", "V1 为 28 层", lambda: len(v1_rows())),
    Claim("072", "V2 为 53 层（52 个卷积 + 1 个 FC",
          lambda: (lambda k: (len(k), k.count("conv"), k.count("linear")))(
              [r.kind for r in layer_breakdown("mobilenet_v2") if r.kind in ("conv", "linear")])),
    Claim("072", "参数 4,210,088（不含 BN；含 BN 的 γ、β 为 4,231,976），MACs 568,740,352",
          lambda: (V1_NO_BN, count_params("mobilenet_v1"), count_macs("mobilenet_v1"))),
    Claim("072", "其中 1×1 卷积 539,492,352 MACs（94.86%），"
          "全连接 1,025,000 参数（1024·1000 + 1000）",
          lambda: (sum(r.macs for r in V1_PW),
                   100 * sum(r.macs for r in V1_PW) / count_macs("mobilenet_v1"),
                   lin(1024, 1000)), at=(2, 3, 4)),
    Claim("072", "V2（torchvision 结构）参数 3,504,872、MACs 300,774,272",
          lambda: (count_params("mobilenet_v2"), count_macs("mobilenet_v2"))),
    Claim("072", "V1 取 α=0.75 则参数 2,569,144（不含 BN）、MACs 325,400,448",
          lambda: (sum(r.params for r in v1_rows(0.75)), sum(r.macs for r in v1_rows(0.75))),
          at=(1, 2)),
    Claim("072", "torchvision 实现 3,504,872", lambda: count_params("mobilenet_v2")),
    Claim("072", "V1 的参数里约 24% 在最后的全连接层",
          lambda: round(100 * lin(1024, 1000) / V1_NO_BN)),
    # 057 / 060 MobileNetV2
    Claim("057", "`mobilenet_v2` 为 3,504,872 个参数、约 0.30 GMACs",
          lambda: (count_params("mobilenet_v2"), count_macs("mobilenet_v2") / 1e9)),
    Claim("057", "扩张 1×1：24·144 = 3,456 参数；3×3 depthwise：144·9 = 1,296；"
          "投影 1×1：144·24 = 3,456；合计 8,208 参数", lambda: v2_block(), at=(4, 9, 14, 15)),
    Claim("057", "MACs = 56·56·8,208 = 25,740,288",
          lambda: (macs(24, 144, 1, 56, 56) + macs(144, 144, 3, 56, 56, groups=144)
                   + macs(144, 24, 1, 56, 56))),
    Claim("057", "3,504,872 参数、300,774,272 MACs；17 个块中有 10 个带 shortcut",
          lambda: (count_params("mobilenet_v2"), count_macs("mobilenet_v2"),
                   sum(isinstance(x, Residual) for x in layers("mobilenet_v2"))), at=(0, 1, 3)),
    Claim("060", "带 shortcut 的块数为 0+1+2+3+2+2+0 = 10 个",
          lambda: sum(isinstance(x, Residual) for x in layers("mobilenet_v2"))),
    Claim("060", "块内参数 8,208 个（3,456 + 1,296 + 3,456）",
          lambda: (v2_block()[3], *v2_block()[:3])),
    Claim("060", "只多 56·56·24 = 75,264 次加法", lambda: 56 * 56 * 24),
    # 058 MobileNetV3
    Claim("058", "x=−1 → −1·2/6 ≈ −0.3333（swish 为 −0.2689）",
          lambda: (hswish(-1.0), float(engine.silu([-1.0])[0])), at=(-2, -1)),
    Claim("058", "x=1 → 1·4/6 ≈ 0.6667（swish 为 0.7311）",
          lambda: (hswish(1.0), float(engine.silu([1.0])[0])), at=(-2, -1)),
    Claim("058", "x=−3 → 0", lambda: hswish(-3.0)),
    Claim("058", "压缩通道 72/4 = 18，再取 8 的倍数得 24",
          lambda: (72 // 4, make_divisible(72 / 4)), at=(-3, -1)),
    Claim("058", "72·24 + 24 + 24·72 + 72 = 3,552", lambda: p(72, 24, 1) + p(24, 72, 1)),
    # 059 V1 vs V2 vs V3
    Claim("059", "1/256 + 1/9 ≈ 0.1150，约 8.7 倍节省",
          lambda: (lambda r: (r, 1 / r))(
              (p(256, 256, 3, groups=256, bias=False) + p(256, 256, 1, bias=False))
              / p(256, 256, 3, bias=False))),
    Claim("059", "MACs 由 568,740,352 降到 149,497,088（约 0.26 倍",
          lambda: (count_macs("mobilenet_v1"), sum(r.macs for r in v1_rows(0.5)),
                   sum(r.macs for r in v1_rows(0.5)) / count_macs("mobilenet_v1"))),
    # 062 depthwise separable
    Claim("062", "标准卷积参数 64·128·9 = 73,728", lambda: p(64, 128, 3, bias=False)),
    Claim("062", "depthwise 64·9 = 576，pointwise 64·128 = 8,192，合计 8,768；比值 ≈ 0.1189",
          lambda: (lambda d, q: (d, q, d + q, (d + q) / p(64, 128, 3, bias=False)))(
              p(64, 64, 3, groups=64, bias=False), p(64, 128, 1, bias=False)), at=(2, 5, 6, 7)),
    Claim("062", "MACs 从 56·56·73,728 = 231,211,008 降到 56·56·8,768 = 27,496,448",
          lambda: (macs(64, 128, 3, 56, 56),
                   macs(64, 64, 3, 56, 56, groups=64) + macs(64, 128, 1, 56, 56)), at=(3, -1)),
    # 073 quantisation and distillation
    Claim("073", "S = 2/255 ≈ 0.0078431，Z = round(0.5/S) = round(63.75) = 64",
          lambda: (quant(0.3)[0], 0.5 / quant(0.3)[0], quant(0.3)[1]), at=(2, 4, 5)),
    Claim("073", "0.3/S = 38.25 → q = 38 + 64 = 102", lambda: (0.3 / quant(0.3)[0], quant(0.3)[2]),
          at=(1, -1)),
    Claim("073", "反量化 (102 − 64)·S ≈ 0.29804，误差 0.00196",
          lambda: (quant(0.3)[3], 0.3 - quant(0.3)[3]), at=(-2, -1)),
    Claim("073", "ResNet-50 有 25,557,032 个参数，FP32 占 102,228,128 字节（≈97.5 MiB），"
          "INT8 约 25,557,032 字节（≈24.4 MiB）",
          lambda: (lambda n: (n, 4 * n, 4 * n / 2**20, n, n / 2**20))(count_params("resnet50")),
          at=(1, 2, 3, 4, 5)),
    Claim("073", "T=1 时概率 ≈ [0.665, 0.245, 0.090]", lambda: engine.softmax([2.0, 1.0, 0.0])),
    Claim("073", "T=4 时 ≈ [0.419, 0.326, 0.254]",
          lambda: engine.softmax(np.array([2.0, 1.0, 0.0]) / 4)),
    # 080 ShuffleNetV1, c=240, m=60, g=3, 28×28
    Claim("080", "784·(2·240·60 + 9·60²) = 784·61,200 = 47,980,800",
          lambda: (p(240, 60, 1, bias=False) + p(60, 60, 3, bias=False)
                   + p(60, 240, 1, bias=False),
                   macs(240, 60, 1, 28, 28) + macs(60, 60, 3, 28, 28) + macs(60, 240, 1, 28, 28))),
    Claim("080", "784·(2·240·60/3 + 9·60) = 784·10,140 = 7,949,760",
          lambda: (p(240, 60, 1, groups=3, bias=False) + p(60, 60, 3, groups=60, bias=False)
                   + p(60, 240, 1, groups=3, bias=False),
                   macs(240, 60, 1, 28, 28, groups=3) + macs(60, 60, 3, 28, 28, groups=60)
                   + macs(60, 240, 1, 28, 28, groups=3))),
    Claim("080", "g=3）为 3,763,200，DW 为 423,360；约为 ResNet 瓶颈的 1/6",
          lambda: (macs(240, 60, 1, 28, 28, groups=3), macs(60, 60, 3, 28, 28, groups=60),
                   round((macs(240, 60, 1, 28, 28) + macs(60, 60, 3, 28, 28)
                          + macs(60, 240, 1, 28, 28))
                         / (2 * macs(240, 60, 1, 28, 28, groups=3)
                            + macs(60, 60, 3, 28, 28, groups=60)))), at=(1, 2, 4)),
    # 081 ShuffleNetV2 guidelines, hw = 3136
    Claim("081", "FLOPs 固定为 3136·128·128 = 51,380,224", lambda: macs(128, 128, 1, 56, 56)),
    Claim("081", "MAC = 3136·256 + 16,384 = 819,200", lambda: memory_access(3136, 128, 128)),
    Claim("081", r"$c_1=64,c_2=256$ → 1,019,904", lambda: memory_access(3136, 64, 256)),
    Claim("081", r"$c_1=32,c_2=512$ → 1,722,368", lambda: memory_access(3136, 32, 512)),
    Claim("081", "FLOPs 仍为 3136·256·256/4 = 51,380,224",
          lambda: macs(256, 256, 1, 56, 56, groups=4)),
    Claim("081", "MAC = 3136·512 + 256·256/4 = 1,622,016，约为不分组时的 2 倍",
          lambda: (memory_access(3136, 256, 256, groups=4),
                   round(memory_access(3136, 256, 256, groups=4)
                         / memory_access(3136, 128, 128))), at=(-2, -1)),
    # 082 EfficientNet compound scaling
    Claim("082", "= 1.2 × 1.21 × 1.3225 = 1.92027", lambda: (1.1**2, 1.15**2, EFF), at=(1, 2, 3)),
    Claim("082", "分辨率 ×1.15（224 → 257.6）", lambda: 224 * 1.15),
    Claim("082", "深度 ×1.44，宽度 ×1.21，分辨率 ×1.3225", lambda: (1.2**2, 1.1**2, 1.15**2)),
    Claim("082", "FLOPs ×1.92027² ≈ 3.687", lambda: EFF**2),
    Claim("082", "φ=3：FLOPs ×≈7.081", lambda: EFF**3),]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
