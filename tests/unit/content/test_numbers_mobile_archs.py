"""Architecture totals quoted in content/ for networks engine.arch does not describe.

ShuffleNetV2 1.0× and MobileNetV3 Large/Small are counted here layer by layer with
engine.shapes (conv parameters and MACs, output sizes), following torchvision's module
structure: convs without bias are followed by BatchNorm (2 parameters per channel), SE blocks
use two biased 1×1 convs whose width is ``make_divisible(expanded // 4, 8)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from engine import shapes
from tests.unit.content.claims import Claim, check, claim_ids

# MobileNetV3 inverted-residual settings: (in, kernel, expanded, out, squeeze-excite, stride).
V3_LARGE = (
    (16, 3, 16, 16, False, 1), (16, 3, 64, 24, False, 2), (24, 3, 72, 24, False, 1),
    (24, 5, 72, 40, True, 2), (40, 5, 120, 40, True, 1), (40, 5, 120, 40, True, 1),
    (40, 3, 240, 80, False, 2), (80, 3, 200, 80, False, 1), (80, 3, 184, 80, False, 1),
    (80, 3, 184, 80, False, 1), (80, 3, 480, 112, True, 1), (112, 3, 672, 112, True, 1),
    (112, 5, 672, 160, True, 2), (160, 5, 960, 160, True, 1), (160, 5, 960, 160, True, 1),
)
V3_SMALL = (
    (16, 3, 16, 16, True, 2), (16, 3, 72, 24, False, 2), (24, 3, 88, 24, False, 1),
    (24, 5, 96, 40, True, 2), (40, 5, 240, 40, True, 1), (40, 5, 240, 40, True, 1),
    (40, 5, 120, 48, True, 1), (48, 5, 144, 48, True, 1), (48, 5, 288, 96, True, 2),
    (96, 5, 576, 96, True, 1), (96, 5, 576, 96, True, 1),
)


@dataclass
class Tally:
    """Running parameter, MAC and layer totals while walking a network by hand."""

    params: int = 0
    macs: int = 0
    layers: int = 0
    se_layers: int = 0

    def conv_bn(self, cin: int, cout: int, k: int, size: int, stride: int = 1,
                groups: int = 1) -> int:
        """Bias-free k×k conv with "same" padding, then BatchNorm; returns the output side."""
        out = shapes.conv_output_size(size, k, stride, (k - 1) // 2)
        self.params += shapes.conv2d_params(cin, cout, k, groups=groups, bias=False) + 2 * cout
        self.macs += shapes.conv2d_macs(cin, cout, k, out, out, groups=groups)
        self.layers += 1
        return out

    def linear(self, fin: int, fout: int) -> None:
        self.params += shapes.linear_params(fin, fout)
        self.macs += shapes.linear_macs(fin, fout)
        self.layers += 1


def shufflenet_v2_x1_0() -> Tally:
    t = Tally()
    size = t.conv_bn(3, 24, 3, 224, 2)
    size = shapes.pool_output_size(size, 3, 2, 1)
    ch = 24
    for repeats, out in zip((4, 8, 4), (116, 232, 464), strict=True):
        half = out // 2
        # Down-sampling unit: both branches see all `ch` channels, stride 2.
        small = t.conv_bn(ch, ch, 3, size, 2, groups=ch)
        t.conv_bn(ch, half, 1, small)
        t.conv_bn(ch, half, 1, size)
        t.conv_bn(half, half, 3, size, 2, groups=half)
        t.conv_bn(half, half, 1, small)
        size, ch = small, out
        # Basic units: channel split, the convolved half is 1×1 → 3×3 depthwise → 1×1.
        for _ in range(repeats - 1):
            t.conv_bn(half, half, 1, size)
            t.conv_bn(half, half, 3, size, groups=half)
            t.conv_bn(half, half, 1, size)
    t.conv_bn(ch, 1024, 1, size)
    t.linear(1024, 1000)
    return t


def make_divisible(v: float, divisor: int = 8) -> int:
    new = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new + divisor if new < 0.9 * v else new


def mobilenet_v3(config: tuple[tuple[int, int, int, int, bool, int], ...], hidden: int) -> Tally:
    t = Tally()
    size = t.conv_bn(3, 16, 3, 224, 2)
    for cin, k, expanded, out, se, stride in config:
        if expanded != cin:
            t.conv_bn(cin, expanded, 1, size)
        size = t.conv_bn(expanded, expanded, k, size, stride, groups=expanded)
        if se:
            squeeze = make_divisible(expanded // 4)
            t.params += (shapes.conv2d_params(expanded, squeeze, 1)
                         + shapes.conv2d_params(squeeze, expanded, 1))
            t.macs += 2 * shapes.conv2d_macs(expanded, squeeze, 1, 1, 1)
            t.se_layers += 2
        t.conv_bn(expanded, out, 1, size)
    last = 6 * config[-1][3]
    t.conv_bn(config[-1][3], last, 1, size)
    t.linear(last, hidden)
    t.linear(hidden, 1000)
    return t


CLAIMS = [
    Claim("081", "`shufflenet_v2_x1_0` 参数 2,278,604、MACs 约 144,907,992",
          lambda: (shufflenet_v2_x1_0().params, shufflenet_v2_x1_0().macs), at=(-2, -1)),
    Claim("058", "`mobilenet_v3_large` 5,483,032 个参数，`mobilenet_v3_small` 2,542,856 个",
          lambda: (mobilenet_v3(V3_LARGE, 1280).params, mobilenet_v3(V3_SMALL, 1024).params),
          at=(-2, -1)),
    Claim("058", "Large 约 216,589,760（论文 219M），Small 约 56,510,400",
          lambda: (mobilenet_v3(V3_LARGE, 1280).macs, mobilenet_v3(V3_SMALL, 1024).macs),
          at=(0, -1)),
    Claim("072", "V3-Large 论文 5.4M（219M），torchvision 5,483,032",
          lambda: mobilenet_v3(V3_LARGE, 1280).params, at=(-1,)),
    Claim("072", "V3-Small 论文 2.5M（56M），torchvision 2,542,856",
          lambda: mobilenet_v3(V3_SMALL, 1024).params, at=(-1,)),
    Claim("072", "V3-Large 含 15 个 bneck 块，不计 SE 内部的 1×1 共 48 层（计入则 64）",
          lambda: (lambda t: (len(V3_LARGE), t.layers, t.layers + t.se_layers))(
              mobilenet_v3(V3_LARGE, 1280)), at=(0, 3, 4)),
    Claim("072", "V3-Small 含 11 个块，不计 SE 共 36 层",
          lambda: (len(V3_SMALL), mobilenet_v3(V3_SMALL, 1024).layers)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
