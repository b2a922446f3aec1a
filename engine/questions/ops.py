"""The engine operations the question kinds compute with, imported in one place.

Kinds import engine ops from here, so the package depends on the engine only through its
public top-level names (the contract in the engine issue), in one easily audited place.
"""

from __future__ import annotations

from engine import (
    SGD,
    Adam,
    AdamW,
    RMSprop,
    activation,
    activation_grad,
    avg_pool2d,
    avg_pool2d_backward,
    batch_norm,
    box_iou,
    conv2d,
    conv2d_backward,
    conv_transpose2d,
    cross_entropy,
    decode_boxes,
    dropout,
    encode_boxes,
    layer_norm,
    max_pool2d,
    max_pool2d_backward,
    nms,
    sigmoid_focal_loss,
    softmax,
)

__all__ = [
    "SGD", "Adam", "AdamW", "RMSprop", "activation", "activation_grad", "avg_pool2d",
    "avg_pool2d_backward", "batch_norm", "box_iou", "conv2d", "conv2d_backward",
    "conv_transpose2d", "cross_entropy", "decode_boxes", "dropout", "encode_boxes",
    "layer_norm", "max_pool2d", "max_pool2d_backward", "nms", "sigmoid_focal_loss", "softmax",
]
