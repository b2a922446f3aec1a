"""Classic CNN architectures as data, with exact parameter and multiply-accumulate counts.

``count_params`` equals ``sum(p.numel() for p in model.parameters())`` of the torchvision
model of the same name; ``count_macs`` is the conv + linear multiply-accumulates for one
image (torchvision's GFLOPS column, 1 MAC = 1 "flop"; see engine.shapes.flops_from_macs).
"""

from __future__ import annotations

from collections.abc import Callable

from engine.arch.classic import alexnet, resnet, vgg
from engine.arch.layers import Layer, LayerCost, walk
from engine.arch.mobilenet import mobilenet_v1, mobilenet_v2

__all__ = ["ARCHITECTURES", "Layer", "LayerCost", "count_macs", "count_params",
           "layer_breakdown", "layers"]

_BUILDERS: dict[str, Callable[[int], tuple[Layer, ...]]] = {
    "alexnet": alexnet,
    "vgg11": lambda n: vgg("vgg11", n),
    "vgg16": lambda n: vgg("vgg16", n),
    "vgg19": lambda n: vgg("vgg19", n),
    "resnet18": lambda n: resnet("resnet18", n),
    "resnet34": lambda n: resnet("resnet34", n),
    "resnet50": lambda n: resnet("resnet50", n),
    "resnet101": lambda n: resnet("resnet101", n),
    "mobilenet_v1": mobilenet_v1,
    "mobilenet_v2": mobilenet_v2,
}

ARCHITECTURES: tuple[str, ...] = tuple(_BUILDERS)
"""Supported names, spelled as torchvision spells them (``mobilenet_v1`` is the paper's)."""


def layers(name: str, num_classes: int = 1000) -> tuple[Layer, ...]:
    """The layer specs of architecture ``name``."""
    try:
        build = _BUILDERS[name]
    except KeyError:
        raise ValueError(f"unknown architecture {name!r}; known: "
                         f"{', '.join(ARCHITECTURES)}") from None
    return build(num_classes)


def layer_breakdown(name: str, num_classes: int = 1000,
                    image_size: int = 224) -> list[LayerCost]:
    """Per-layer rows (name, kind, per-image in/out shapes, params, MACs) for a 3-channel
    ``image_size``×``image_size`` input."""
    _, rows = walk(layers(name, num_classes), (3, image_size, image_size))
    return rows


def count_params(name: str, num_classes: int = 1000) -> int:
    """Trainable parameters (weights, biases, BN γ and β; not BN running statistics)."""
    return sum(row.params for row in layer_breakdown(name, num_classes))


def count_macs(name: str, image_size: int = 224, num_classes: int = 1000) -> int:
    """Conv + linear multiply-accumulates for one ``image_size``² RGB image."""
    return sum(row.macs for row in layer_breakdown(name, num_classes, image_size))
