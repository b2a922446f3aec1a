"""Numbers in content/architectures.md, checked against the engine.

Networks that engine.arch does not name (ResNeXt-50, ResNet-152, DenseNet) are rebuilt here
from engine.arch's layer specs or from engine.shapes' per-layer formulas, following the
torchvision module trees, so their totals are derived rather than copied.
"""

from __future__ import annotations

import numpy as np
import pytest

import engine
from engine import shapes
from engine.arch import count_macs, count_params
from engine.arch.layers import (
    Act,
    AdaptiveAvgPool,
    BatchNorm,
    Conv,
    Flatten,
    Layer,
    Linear,
    MaxPool,
    Residual,
    walk,
)
from tests.unit.content.claims import Claim, check, claim_ids

p = shapes.conv2d_params
lin = shapes.linear_params


def bottleneck_net(depths: tuple[int, ...], groups: int = 1, width_per_group: int = 64) -> int:
    """Parameters of a torchvision bottleneck ResNet/ResNeXt (v1.5), 1000 classes."""
    layers: list[Layer] = [Conv("conv1", 64, 7, 2, 3, bias=False), BatchNorm("bn1"), Act("r"),
                           MaxPool("maxpool", 3, 2, 1)]
    in_ch = 64
    for stage, (planes, depth) in enumerate(zip((64, 128, 256, 512), depths, strict=True)):
        width = planes * width_per_group // 64 * groups
        for block in range(depth):
            stride = 2 if stage and not block else 1
            name = f"layer{stage + 1}.{block}"
            body = (Conv(f"{name}.c1", width, 1, bias=False), BatchNorm(f"{name}.b1"),
                    Conv(f"{name}.c2", width, 3, stride, 1, groups=groups, bias=False),
                    BatchNorm(f"{name}.b2"),
                    Conv(f"{name}.c3", 4 * planes, 1, bias=False), BatchNorm(f"{name}.b3"))
            short: tuple[Layer, ...] = ()
            if block == 0:
                short = (Conv(f"{name}.d", 4 * planes, 1, stride, bias=False),
                         BatchNorm(f"{name}.db"))
            layers.append(Residual(name, body, short))
            in_ch = 4 * planes
    layers += [AdaptiveAvgPool("avgpool", 1), Flatten("flatten"), Linear("fc", 1000)]
    _, rows = walk(tuple(layers), (3, 224, 224))
    assert in_ch == 2048
    return sum(r.params for r in rows)


def densenet(blocks: tuple[int, ...], growth: int = 32, init: int = 64) -> int:
    """Parameters of torchvision DenseNet-BC (bn_size 4, compression 0.5), 1000 classes."""
    bn = 2  # γ and β per channel
    total = p(3, init, 7, bias=False) + bn * init
    ch = init
    for i, n in enumerate(blocks):
        for _ in range(n):
            total += bn * ch + p(ch, 4 * growth, 1, bias=False)
            total += bn * 4 * growth + p(4 * growth, growth, 3, bias=False)
            ch += growth
        if i < len(blocks) - 1:
            total += bn * ch + p(ch, ch // 2, 1, bias=False)
            ch //= 2
    return total + bn * ch + lin(ch, 1000)


def se_params(c: int, r: int = 16, bias: bool = True) -> int:
    return lin(c, c // r, bias) + lin(c // r, c, bias)


def se_resnet50_extra(bias: bool) -> int:
    return sum(n * se_params(c, bias=bias) for c, n in zip((256, 512, 1024, 2048), (3, 4, 6, 3),
                                                            strict=True))


def octave_ratio(alpha: float, c: int = 64, size: int = 32) -> float:
    """MACs of an octave 3×3 conv over a plain one: four paths, low-frequency at half size."""
    lo, hi = int(alpha * c), c - int(alpha * c)
    half = size // 2
    macs = shapes.conv2d_macs(hi, hi, 3, size, size)          # H→H
    macs += shapes.conv2d_macs(lo, lo, 3, half, half)          # L→L
    macs += shapes.conv2d_macs(hi, lo, 3, half, half)          # H→L after 2×2 pooling
    macs += shapes.conv2d_macs(lo, hi, 3, half, half)          # L→H, then upsampled
    return macs / shapes.conv2d_macs(c, c, 3, size, size)


def bottleneck_weights(c: int = 256, mid: int = 64, groups: int = 1) -> int:
    return (p(c, mid, 1, bias=False) + p(mid, mid, 3, groups=groups, bias=False)
            + p(mid, c, 1, bias=False))


def dropout_train_variance(p_drop: float = 0.5) -> float:
    """Variance of inverted dropout applied to a constant 1, from the engine's kept value."""
    y, mask = engine.dropout(np.ones(64), p_drop, np.random.default_rng(0))
    kept = float(y[mask.astype(bool)][0])
    return (1 - p_drop) * kept**2 - 1.0


def stem_rf() -> list[shapes.RFInfo]:
    return shapes.receptive_field([(7, 2, 3, 1), (3, 2, 1, 1)])


FC_ALEX = (lin(256 * 6 * 6, 4096), lin(4096, 4096), lin(4096, 1000))
FC_VGG = (lin(512 * 7 * 7, 4096), lin(4096, 4096), lin(4096, 1000))

CLAIMS = [
    # 019 AlexNet
    Claim("019", "torchvision 版 AlexNet，总参数 61,100,840", lambda: count_params("alexnet")),
    Claim("019", r"$\lfloor (224+4-11)/4 \rfloor + 1 = 55$",
          lambda: shapes.conv_output_size(224, 11, 4, 2)),
    Claim("019", r"$64\cdot 3\cdot 11\cdot 11 + 64 = 23{,}296$", lambda: p(3, 64, 11)),
    Claim("019", "256×6×6 = 9,216", lambda: 256 * 6 * 6),
    Claim("019", r"$9216\cdot 4096 + 4096 = 37{,}752{,}832$，占全网约 61.8%",
          lambda: (FC_ALEX[0], 100 * FC_ALEX[0] / count_params("alexnet"))),
    Claim("019", "37,752,832 + 16,781,312 + 4,097,000 = 58,631,144，约占 96%",
          lambda: (*FC_ALEX, sum(FC_ALEX), round(100 * sum(FC_ALEX) / count_params("alexnet")))),
    Claim("019", r"$(224-11)/4+1 = 54.25$", lambda: (224 - 11) / 4 + 1),
    Claim("019", r"$(227-11)/4+1 = 55$", lambda: shapes.conv_output_size(227, 11, 4)),
    # 020 VGG
    Claim("020", "参数量大（VGG-16 为 138,357,544）", lambda: count_params("vgg16")),
    Claim("020", "torchvision 标注 15.47 GFLOPS，即约 15.5G MACs",
          lambda: (count_macs("vgg16") / 1e9, count_macs("vgg16") / 1e9)),
    Claim("020", r"r_{\text{3 层 3×3}} = 1 + 3\cdot(3-1) = 7",
          lambda: shapes.receptive_field([(3, 1, 1, 1)] * 3)[-1].size),
    Claim("020", r"\frac{27}{49} \approx 0.551",
          lambda: 3 * p(256, 256, 3, bias=False) / p(256, 256, 7, bias=False)),
    Claim("020", r"$3\cdot 9\cdot 256^2 = 1{,}769{,}472$", lambda: 3 * p(256, 256, 3, bias=False)),
    Claim("020", r"$49\cdot 256^2 = 3{,}211{,}264$ 个，省约 45%",
          lambda: (p(256, 256, 7, bias=False),
                   round(100 * (1 - 27 / 49)))),
    Claim("020", r"$512\cdot 7\cdot 7\cdot 4096 + 4096 = 102{,}764{,}544$，"
          "约占总参数 138,357,544 的 74.3%",
          lambda: (FC_VGG[0], count_params("vgg16"), 100 * FC_VGG[0] / count_params("vgg16"))),
    Claim("020", "13 个卷积层合计只有 14,714,688 个参数",
          lambda: count_params("vgg16") - sum(FC_VGG)),
    Claim("020", "VGG-11 132,863,336，VGG-16 138,357,544，VGG-19 143,667,240",
          lambda: [count_params(n) for n in ("vgg11", "vgg16", "vgg19")], at=(1, 3, 5)),
    Claim("020", "三个 FC 层合计都是 123,642,856", lambda: sum(FC_VGG)),
    # 021 ResNet
    Claim("021", r"$2\cdot(64\cdot 64\cdot 9) = 73{,}728$", lambda: 2 * p(64, 64, 3, bias=False)),
    Claim("021", r"$256\cdot 64 + 64\cdot 64\cdot 9 + 64\cdot 256 = "
          r"16{,}384 + 36{,}864 + 16{,}384 = 69{,}632$",
          lambda: (p(256, 64, 1, bias=False), p(64, 64, 3, bias=False),
                   p(64, 256, 1, bias=False), bottleneck_weights())),
    Claim("021", "ResNet-18 11,689,512；ResNet-34 21,797,672；ResNet-50 25,557,032；"
          "ResNet-101 44,549,160",
          lambda: [count_params(f"resnet{d}") for d in (18, 34, 50, 101)], at=(1, 3, 5, 7)),
    Claim("021", "ResNet-18 1.81、ResNet-50 4.09 GFLOPS",
          lambda: (count_macs("resnet18") / 1e9, count_macs("resnet50") / 1e9), at=(1, 3)),
    Claim("021", "参数只多约 17%",
          lambda: round(100 * (count_params("resnet50") / count_params("resnet34") - 1))),
    # 032 ResNeXt
    Claim("032", r"$256\cdot 64 + 64\cdot 64\cdot 9 + 64\cdot 256 = 69{,}632$",
          lambda: bottleneck_weights()),
    Claim("032", r"= 32{,}768 + 4{,}608 + 32{,}768 = 70{,}144$",
          lambda: (p(256, 128, 1, bias=False), p(128, 128, 3, groups=32, bias=False),
                   p(128, 256, 1, bias=False), bottleneck_weights(mid=128, groups=32))),
    Claim("032", r"$32\cdot(256\cdot 4 + 9\cdot 4\cdot 4 + 4\cdot 256) = 70{,}144$",
          lambda: 32 * bottleneck_weights(mid=4)),
    Claim("032", "整网 torchvision resnext50_32x4d 为 25,028,904 个参数，"
          "比 ResNet-50 的 25,557,032",
          lambda: (bottleneck_net((3, 4, 6, 3), groups=32, width_per_group=4),
                   count_params("resnet50")), at=(0, -1)),
    # 033 ResNet v1 vs v2
    Claim("033", r"$2\cdot(64+64+256) = 768$", lambda: 2 * (64 + 64 + 256)),
    Claim("033", "卷积权重同为 69,632", lambda: bottleneck_weights()),
    # 034 ReLU placement
    Claim("034", r"v1 输出 $\mathrm{ReLU}(2-3) = 0$", lambda: engine.relu([2.0 - 3.0])),
    Claim("034", "v2 输出 $2-3 = -1$", lambda: 2 - 3),
    # 035 scaled shortcuts
    Claim("035", r"$0.5^{50} \approx 8.9\times 10^{-16}$", lambda: 0.5**50 / 1e-16, at=(2,)),
    Claim("035", r"$1.1^{50} \approx 117.4$", lambda: 1.1**50),
    # 036 DenseNet
    Claim("036", "torchvision 参数 7,978,856，不到 ResNet-50（25,557,032）的 1/3",
          lambda: (densenet((6, 12, 24, 16)), count_params("resnet50")), at=(0, 2)),
    Claim("036", r"输出通道 $64 + 6\cdot 32 = 256$，transition 后压缩为 128",
          lambda: (64 + 6 * 32, (64 + 6 * 32) // 2)),
    Claim("036", r"$64 + 5\cdot 32 = 224$", lambda: 64 + 5 * 32),
    Claim("036", r"$224\cdot 128 + 128\cdot 32\cdot 9 = 28{,}672 + 36{,}864 = 65{,}536$",
          lambda: (p(224, 128, 1, bias=False), p(128, 32, 3, bias=False),
                   p(224, 128, 1, bias=False) + p(128, 32, 3, bias=False))),
    # 037 DenseNet vs ResNet
    Claim("037", "DenseNet-121 7,978,856、DenseNet-201 20,013,928",
          lambda: (densenet((6, 12, 24, 16)), densenet((6, 12, 48, 32))), at=(1, 3)),
    Claim("037", "ResNet-50 25,557,032、ResNet-101 44,549,160",
          lambda: (count_params("resnet50"), count_params("resnet101")), at=(1, 3)),
    # 051 Xception
    Claim("051", r"depthwise $728\cdot 9 = 6{,}552$",
          lambda: p(728, 728, 3, groups=728, bias=False)),
    Claim("051", r"pointwise $728\cdot 728 = 529{,}984$，合计 536,536",
          lambda: (p(728, 728, 1, bias=False),
                   p(728, 728, 3, groups=728, bias=False) + p(728, 728, 1, bias=False))),
    Claim("051", r"$728\cdot 728\cdot 9 = 4{,}769{,}856$", lambda: p(728, 728, 3, bias=False)),
    Claim("051", r"$1/728 + 1/9 \approx 0.1125$，约省 8.9 倍",
          lambda: ((p(728, 728, 3, groups=728, bias=False) + p(728, 728, 1, bias=False))
                   / p(728, 728, 3, bias=False),
                   p(728, 728, 3, bias=False)
                   / (p(728, 728, 3, groups=728, bias=False) + p(728, 728, 1, bias=False)))),
    # 052 SENet
    Claim("052", r"$2\cdot 256^2/16 = 8{,}192$", lambda: se_params(256, bias=False)),
    Claim("052", "加上 bias $16 + 256$ 共 8,464", lambda: se_params(256)),
    Claim("052", r"= 2{,}514{,}944$（含 bias 为 2,530,992），约为 ResNet-50 的 10%",
          lambda: (se_resnet50_extra(False), se_resnet50_extra(True),
                   round(100 * se_resnet50_extra(True) / count_params("resnet50"))),
          at=(0, 1, 3)),
    # 053 SKNet
    Claim("053", r"$d = \max(256/16, 32) = 32$", lambda: max(256 // 16, 32)),
    Claim("053", r"Fuse 的 FC 权重 $256\cdot 32 = 8{,}192$", lambda: lin(256, 32, bias=False)),
    Claim("053", r"$2\cdot 32\cdot 256 = 16{,}384$，合计 24,576",
          lambda: (2 * lin(32, 256, bias=False),
                   lin(256, 32, bias=False) + 2 * lin(32, 256, bias=False))),
    Claim("053", "等效核大小 $3 + (3-1)(2-1) = 5$", lambda: shapes.effective_kernel_size(3, 2)),
    # 054 GCNet
    Claim("054", r"瓶颈两层共 $2\cdot 256\cdot 16 = 8{,}192$，合计 8,448",
          lambda: (se_params(256, bias=False),
                   p(256, 1, 1, bias=False) + se_params(256, bias=False))),
    Claim("054", r"$196^2 = 38{,}416$", lambda: (14 * 14) ** 2),
    # 055 Octave convolution
    Claim("055", r"$0.25 + 0.75/4 = 0.4375$", lambda: octave_ratio(0.5)),
    Claim("055", r"$0.5625 + 0.4375/4 = 0.671875$", lambda: octave_ratio(0.25)),
    # 069 bottleneck
    Claim("069", r"$16{,}384 + 36{,}864 + 16{,}384 = 69{,}632$", lambda: bottleneck_weights()),
    Claim("069", r"MACs $= 69{,}632\cdot 56\cdot 56 = 218{,}365{,}952$",
          lambda: (shapes.conv2d_macs(256, 64, 1, 56, 56) + shapes.conv2d_macs(64, 64, 3, 56, 56)
                   + shapes.conv2d_macs(64, 256, 1, 56, 56))),
    Claim("069", r"$2\cdot 256\cdot 256\cdot 9 = 1{,}179{,}648$，约为 bottleneck 的 16.9 倍",
          lambda: (2 * p(256, 256, 3, bias=False),
                   2 * p(256, 256, 3, bias=False) / bottleneck_weights())),
    Claim("069", r"$2\cdot 64\cdot 64\cdot 9 = 73{,}728$，56×56 上 MACs 为 231,211,008",
          lambda: (2 * p(64, 64, 3, bias=False), 2 * shapes.conv2d_macs(64, 64, 3, 56, 56)),
          at=(4, -1)),
    # 070 gradient factors
    Claim("070", r"$0.1^{10} = 10^{-10}$", lambda: round(np.log10(0.1**10)), at=(-1,)),
    Claim("070", r"$1.1^{10} \approx 2.594$", lambda: 1.1**10),
    # 071 depth vs accuracy
    Claim("071", "ResNet-18 11,689,512 → ResNet-50 25,557,032（约 2.2 倍）",
          lambda: (count_params("resnet18"), count_params("resnet50"),
                   count_params("resnet50") / count_params("resnet18")), at=(1, 3, 4)),
    Claim("071", "ResNet-152（约 60.2M，参数约 2.4 倍）",
          lambda: (bottleneck_net((3, 8, 36, 3)) / 1e6,
                   bottleneck_net((3, 8, 36, 3)) / count_params("resnet50")), at=(1, 2)),
    # 079 dropout variance
    Claim("079", r"训练期输出为 0 或 2，方差 $= 1$",
          lambda: (0.0, 1 / (1 - 0.5), dropout_train_variance())),
    # 083 ResNet stem
    Claim("083", r"\left\lfloor \frac{224 + 2\cdot 3 - 7}{2} \right\rfloor + 1 = 112",
          lambda: shapes.conv_output_size(224, 7, 2, 3)),
    Claim("083", r"\left\lfloor \frac{112 + 2\cdot 1 - 3}{2} \right\rfloor + 1 = 56",
          lambda: shapes.pool_output_size(112, 3, 2, 1)),
    Claim("083", r"$64\cdot 3\cdot 7\cdot 7 = 9{,}408$", lambda: p(3, 64, 7, bias=False)),
    Claim("083", r"$= 9{,}408\cdot 112\cdot 112 = 118{,}013{,}952$（约 0.118G）",
          lambda: (shapes.conv2d_macs(3, 64, 7, 112, 112),
                   shapes.conv2d_macs(3, 64, 7, 112, 112) / 1e9)),
    Claim("083", r"$= 64\cdot 64\cdot 9\cdot 224\cdot 224 = 1{,}849{,}688{,}064$",
          lambda: shapes.conv2d_macs(64, 64, 3, 224, 224)),
    Claim("083", "整个 ResNet-18 的 1.81 GMACs", lambda: count_macs("resnet18") / 1e9),
    Claim("083", r"7×7 s2 后 $r = 7, j = 2$",
          lambda: (stem_rf()[0].size, stem_rf()[0].jump)),
    Claim("083", r"$r = 7 + (3-1)\cdot 2 = 11$，$j = 4$",
          lambda: (stem_rf()[1].size, stem_rf()[1].jump)),
    Claim("083", "每个 56×56 特征点已看到 11×11 的输入区域",
          lambda: (shapes.pool_output_size(shapes.conv_output_size(224, 7, 2, 3), 3, 2, 1),
                   stem_rf()[1].size), at=(0, 2)),
    Claim("083", "参数更多（28,512）",
          lambda: p(3, 32, 3, bias=False) + p(32, 32, 3, bias=False) + p(32, 64, 3, bias=False)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
