"""AlexNet, VGG and ResNet as layer-spec data, mirroring the torchvision module trees.

Layer names are torchvision's module paths (``features.0``, ``layer3.1.conv2``,
``layer2.0.downsample.0``, ``fc``), so a breakdown row can be matched to a state-dict key.
Functional steps that torchvision does without a module (ResNet's flatten) get a plain name.
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
    MaxPool,
    Residual,
)

_VGG_CONFIGS: dict[str, tuple[int | str, ...]] = {
    "vgg11": (64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"),
    "vgg16": (64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M",
              512, 512, 512, "M"),
    "vgg19": (64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M",
              512, 512, 512, 512, "M"),
}


def alexnet(num_classes: int = 1000) -> tuple[Layer, ...]:
    """torchvision AlexNet (the single-GPU "one weird trick" variant: 64-192-384-256-256)."""
    f = "features"
    features: tuple[Layer, ...] = (
        Conv(f"{f}.0", 64, 11, stride=4, padding=2), Act(f"{f}.1"),
        MaxPool(f"{f}.2", 3, 2),
        Conv(f"{f}.3", 192, 5, padding=2), Act(f"{f}.4"),
        MaxPool(f"{f}.5", 3, 2),
        Conv(f"{f}.6", 384, 3, padding=1), Act(f"{f}.7"),
        Conv(f"{f}.8", 256, 3, padding=1), Act(f"{f}.9"),
        Conv(f"{f}.10", 256, 3, padding=1), Act(f"{f}.11"),
        MaxPool(f"{f}.12", 3, 2),
    )
    head: tuple[Layer, ...] = (
        AdaptiveAvgPool("avgpool", 6), Flatten("flatten"),
        Dropout("classifier.0"), Linear("classifier.1", 4096), Act("classifier.2"),
        Dropout("classifier.3"), Linear("classifier.4", 4096), Act("classifier.5"),
        Linear("classifier.6", num_classes),
    )
    return features + head


def vgg(name: str, num_classes: int = 1000) -> tuple[Layer, ...]:
    """torchvision VGG without batch norm: 3×3 convs (padding 1) and 2×2 max pools."""
    layers: list[Layer] = []
    for item in _VGG_CONFIGS[name]:
        index = len(layers)
        if item == "M":
            layers.append(MaxPool(f"features.{index}", 2, 2))
        else:
            assert isinstance(item, int)
            layers += [Conv(f"features.{index}", item, 3, padding=1),
                       Act(f"features.{index + 1}")]
    head: tuple[Layer, ...] = (
        AdaptiveAvgPool("avgpool", 7), Flatten("flatten"),
        Linear("classifier.0", 4096), Act("classifier.1"), Dropout("classifier.2"),
        Linear("classifier.3", 4096), Act("classifier.4"), Dropout("classifier.5"),
        Linear("classifier.6", num_classes),
    )
    return (*layers, *head)


def _basic_block(name: str, in_ch: int, planes: int, stride: int) -> list[Layer]:
    """Two 3×3 conv-BN pairs; 1×1 conv-BN projection when the shape changes."""
    body = (Conv(f"{name}.conv1", planes, 3, stride, 1, bias=False), BatchNorm(f"{name}.bn1"),
            Act(f"{name}.relu"),
            Conv(f"{name}.conv2", planes, 3, 1, 1, bias=False), BatchNorm(f"{name}.bn2"))
    return [Residual(name, body, _projection(name, in_ch, planes, stride)),
            Act(f"{name}.relu_out")]


def _bottleneck(name: str, in_ch: int, planes: int, stride: int) -> list[Layer]:
    """1×1 reduce, 3×3 (carrying the stride: ResNet v1.5), 1×1 expand ×4."""
    body = (Conv(f"{name}.conv1", planes, 1, bias=False), BatchNorm(f"{name}.bn1"),
            Act(f"{name}.relu1"),
            Conv(f"{name}.conv2", planes, 3, stride, 1, bias=False), BatchNorm(f"{name}.bn2"),
            Act(f"{name}.relu2"),
            Conv(f"{name}.conv3", 4 * planes, 1, bias=False), BatchNorm(f"{name}.bn3"))
    return [Residual(name, body, _projection(name, in_ch, 4 * planes, stride)),
            Act(f"{name}.relu_out")]


def _projection(name: str, in_ch: int, out_ch: int, stride: int) -> tuple[Layer, ...]:
    if stride == 1 and in_ch == out_ch:
        return ()
    return (Conv(f"{name}.downsample.0", out_ch, 1, stride, bias=False),
            BatchNorm(f"{name}.downsample.1"))


_RESNETS: dict[str, tuple[bool, tuple[int, int, int, int]]] = {
    "resnet18": (False, (2, 2, 2, 2)),
    "resnet34": (False, (3, 4, 6, 3)),
    "resnet50": (True, (3, 4, 6, 3)),
    "resnet101": (True, (3, 4, 23, 3)),
}


def resnet(name: str, num_classes: int = 1000) -> tuple[Layer, ...]:
    """torchvision ResNet: 7×7/2 stem, 3×3/2 max pool, four stages, global pool, fc."""
    bottleneck, depths = _RESNETS[name]
    expansion = 4 if bottleneck else 1
    layers: list[Layer] = [Conv("conv1", 64, 7, 2, 3, bias=False), BatchNorm("bn1"),
                           Act("relu"), MaxPool("maxpool", 3, 2, 1)]
    in_ch = 64
    for stage, (planes, depth) in enumerate(zip((64, 128, 256, 512), depths, strict=True)):
        for block in range(depth):
            stride = 2 if stage > 0 and block == 0 else 1
            make = _bottleneck if bottleneck else _basic_block
            layers += make(f"layer{stage + 1}.{block}", in_ch, planes, stride)
            in_ch = planes * expansion
    layers += [AdaptiveAvgPool("avgpool", 1), Flatten("flatten"), Linear("fc", num_classes)]
    return tuple(layers)
