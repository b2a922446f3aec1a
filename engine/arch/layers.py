"""Layer specifications for networks-as-data and the walk that prices them.

A network is a tuple of frozen layer specs. :func:`walk` pushes a per-image shape through
them and returns one :class:`LayerCost` per layer, using the formulas of
:mod:`engine.shapes`, so every number quoted about an architecture comes from one place.
Parameters are the trainable ones (what ``sum(p.numel() for p in model.parameters())``
counts: batch-norm running statistics are buffers, not parameters). MACs count the
multiply-accumulates of conv and linear layers only, for one image, bias adds excluded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from engine.shapes import (
    conv2d_macs,
    conv2d_params,
    conv_output_size,
    linear_macs,
    linear_params,
    pool_output_size,
)

Shape: TypeAlias = tuple[int, ...]


@dataclass(frozen=True)
class Conv:
    """2-D convolution (a torch.nn.Conv2d); ``out_channels`` filters of ``kernel``×``kernel``."""

    name: str
    out_channels: int
    kernel: int
    stride: int = 1
    padding: int = 0
    groups: int = 1
    bias: bool = True


@dataclass(frozen=True)
class BatchNorm:
    """BatchNorm2d over the current channels: 2 parameters (γ, β) per channel."""

    name: str


@dataclass(frozen=True)
class Act:
    """Elementwise activation such as ``"relu"`` or ``"relu6"``; no parameters."""

    name: str
    fn: str = "relu"


@dataclass(frozen=True)
class MaxPool:
    """MaxPool2d with PyTorch's output-size rule."""

    name: str
    kernel: int
    stride: int
    padding: int = 0
    ceil_mode: bool = False


@dataclass(frozen=True)
class AdaptiveAvgPool:
    """AdaptiveAvgPool2d to a fixed ``output`` × ``output`` grid."""

    name: str
    output: int


@dataclass(frozen=True)
class Flatten:
    """Flatten (C, H, W) to (C·H·W,)."""

    name: str


@dataclass(frozen=True)
class Dropout:
    """Dropout with probability ``p``; no parameters, identity for shapes."""

    name: str
    p: float = 0.5


@dataclass(frozen=True)
class Linear:
    """Fully connected layer (a torch.nn.Linear) to ``out_features``."""

    name: str
    out_features: int
    bias: bool = True


@dataclass(frozen=True)
class Residual:
    """``body(x) + shortcut(x)``; an empty shortcut is the identity."""

    name: str
    body: tuple[Layer, ...]
    shortcut: tuple[Layer, ...] = ()


Layer: TypeAlias = Conv | BatchNorm | Act | MaxPool | AdaptiveAvgPool | Flatten | Dropout \
    | Linear | Residual


@dataclass(frozen=True)
class LayerCost:
    """One row of a per-layer breakdown; shapes are per image, (C, H, W) or (features,)."""

    name: str
    kind: str
    in_shape: Shape
    out_shape: Shape
    params: int
    macs: int


def _image(shape: Shape, layer: Layer) -> tuple[int, int, int]:
    if len(shape) != 3:
        raise ValueError(f"layer {layer.name} needs a (C, H, W) input, got {shape}")
    return shape[0], shape[1], shape[2]


def _price(layer: Layer, shape: Shape) -> LayerCost:
    """Cost of one non-residual layer applied to ``shape``."""
    kind = type(layer).__name__.lower()
    if isinstance(layer, Conv):
        c, h, w = _image(shape, layer)
        oh, ow = conv_output_size((h, w), layer.kernel, layer.stride, layer.padding)
        out: Shape = (layer.out_channels, oh, ow)
        params = conv2d_params(c, layer.out_channels, layer.kernel, layer.groups, layer.bias)
        macs = conv2d_macs(c, layer.out_channels, layer.kernel, oh, ow, layer.groups)
        return LayerCost(layer.name, kind, shape, out, params, macs)
    if isinstance(layer, Linear):
        if len(shape) != 1:
            raise ValueError(f"layer {layer.name} needs a flat input, got {shape}")
        params = linear_params(shape[0], layer.out_features, layer.bias)
        macs = linear_macs(shape[0], layer.out_features)
        return LayerCost(layer.name, kind, shape, (layer.out_features,), params, macs)
    if isinstance(layer, BatchNorm):
        return LayerCost(layer.name, kind, shape, shape, 2 * shape[0], 0)
    if isinstance(layer, MaxPool):
        c, h, w = _image(shape, layer)
        oh, ow = pool_output_size((h, w), layer.kernel, layer.stride, layer.padding,
                                  ceil_mode=layer.ceil_mode)
        return LayerCost(layer.name, kind, shape, (c, oh, ow), 0, 0)
    if isinstance(layer, AdaptiveAvgPool):
        c, _, _ = _image(shape, layer)
        return LayerCost(layer.name, kind, shape, (c, layer.output, layer.output), 0, 0)
    if isinstance(layer, Flatten):
        size = 1
        for dim in shape:
            size *= dim
        return LayerCost(layer.name, kind, shape, (size,), 0, 0)
    if isinstance(layer, Act | Dropout):
        name = layer.fn if isinstance(layer, Act) else kind
        return LayerCost(layer.name, name, shape, shape, 0, 0)
    raise TypeError(f"cannot price layer {layer!r}")


def walk(layers: tuple[Layer, ...], shape: Shape) -> tuple[Shape, list[LayerCost]]:
    """Push ``shape`` through ``layers``; return the output shape and the flat cost rows.

    A residual block contributes its body rows, its shortcut rows, then an ``add`` row.
    """
    rows: list[LayerCost] = []
    for layer in layers:
        if isinstance(layer, Residual):
            body_out, body_rows = walk(layer.body, shape)
            short_out, short_rows = walk(layer.shortcut, shape)
            if body_out != short_out:
                raise ValueError(f"residual {layer.name}: body gives {body_out}, "
                                 f"shortcut gives {short_out}")
            rows += body_rows + short_rows
            rows.append(LayerCost(f"{layer.name}.add", "add", body_out, body_out, 0, 0))
            shape = body_out
        else:
            row = _price(layer, shape)
            rows.append(row)
            shape = row.out_shape
    return shape, rows
