"""MobileNetV1 (paper) and MobileNetV2 (torchvision) as layer-spec data.

MobileNetV1 is not in torchvision, so it follows Table 1 of Howard et al. (2017) at width
1.0 and resolution 224: a 3×3/2 stem conv to 32 channels, then thirteen depthwise-separable
blocks (3×3 depthwise conv + BN + ReLU, 1×1 pointwise conv + BN + ReLU), a global average
pool and a 1024→classes fully connected layer. Convs have no bias (BN follows); the fc has
one. Table 1 lists the 13th depthwise conv with stride 2, but its output stays 7×7, so like
common implementations we use stride 1 there. This gives 4,231,976 parameters and
568,740,352 MACs, the paper's "4.2 million" and "569 million mult-adds".
"""

from __future__ import annotations

from engine.arch.layers import (
    Act,
    AdaptiveAvgPool,
    BatchNorm,
    Conv,
    Dropout,
    Flatten,
    Layer,
    Linear,
    Residual,
)

# (pointwise output channels, depthwise stride) of the 13 separable blocks.
_V1_BLOCKS: tuple[tuple[int, int], ...] = (
    (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
    (512, 1), (512, 1), (512, 1), (512, 1), (512, 1),
    (1024, 2), (1024, 1),
)

# torchvision's inverted-residual settings: expansion t, channels c, repeats n, stride s.
_V2_SETTINGS: tuple[tuple[int, int, int, int], ...] = (
    (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
    (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1),
)


def _conv_bn_act(name: str, out_ch: int, kernel: int, stride: int = 1, groups: int = 1,
                 act: str = "relu") -> list[Layer]:
    """Conv (no bias, "same" padding) + BN + activation, torchvision's Conv2dNormActivation."""
    return [Conv(f"{name}.0", out_ch, kernel, stride, (kernel - 1) // 2, groups, bias=False),
            BatchNorm(f"{name}.1"), Act(f"{name}.2", act)]


def mobilenet_v1(num_classes: int = 1000) -> tuple[Layer, ...]:
    """MobileNetV1 1.0/224; the layers are named ``model.<i>`` (no torchvision reference)."""
    layers: list[Layer] = _conv_bn_act("model.0", 32, 3, 2)
    channels = 32
    for i, (out_ch, stride) in enumerate(_V1_BLOCKS, start=1):
        layers += _conv_bn_act(f"model.{i}.dw", channels, 3, stride, groups=channels)
        layers += _conv_bn_act(f"model.{i}.pw", out_ch, 1)
        channels = out_ch
    layers += [AdaptiveAvgPool("avgpool", 1), Flatten("flatten"), Linear("fc", num_classes)]
    return tuple(layers)


def _inverted_residual(name: str, in_ch: int, out_ch: int, stride: int,
                       expand: int) -> Layer | tuple[Layer, ...]:
    """1×1 expand (if t ≠ 1), 3×3 depthwise, 1×1 linear projection; residual when shapes match."""
    hidden = in_ch * expand
    body: list[Layer] = []
    if expand != 1:
        body += _conv_bn_act(f"{name}.conv.{len(body) // 3}", hidden, 1, act="relu6")
    k = len(body) // 3
    body += _conv_bn_act(f"{name}.conv.{k}", hidden, 3, stride, groups=hidden, act="relu6")
    body += [Conv(f"{name}.conv.{k + 1}", out_ch, 1, bias=False), BatchNorm(f"{name}.conv.{k + 2}")]
    if stride == 1 and in_ch == out_ch:
        return Residual(name, tuple(body))
    return tuple(body)


def mobilenet_v2(num_classes: int = 1000) -> tuple[Layer, ...]:
    """torchvision MobileNetV2 at width 1.0 (all channel counts already multiples of 8)."""
    layers: list[Layer] = _conv_bn_act("features.0", 32, 3, 2, act="relu6")
    in_ch, index = 32, 1
    for expand, out_ch, repeats, first_stride in _V2_SETTINGS:
        for r in range(repeats):
            block = _inverted_residual(f"features.{index}", in_ch, out_ch,
                                       first_stride if r == 0 else 1, expand)
            layers += block if isinstance(block, tuple) else [block]
            in_ch, index = out_ch, index + 1
    layers += _conv_bn_act(f"features.{index}", 1280, 1, act="relu6")
    layers += [AdaptiveAvgPool("pool", 1), Flatten("flatten"), Dropout("classifier.0", 0.2),
               Linear("classifier.1", num_classes)]
    return tuple(layers)
