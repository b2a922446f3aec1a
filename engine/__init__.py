"""NumPy reference implementations of deep-learning ops: the ground truth for generated questions.

Only numpy and the standard library are imported, so the application never needs PyTorch;
tests/oracle checks every op against PyTorch. Layouts and argument names follow PyTorch
(NCHW tensors, OIHW weights, xyxy boxes). Formulas live in :mod:`engine.shapes` and network
descriptions in :mod:`engine.arch`.
"""

from engine.activations import (
    activation,
    activation_grad,
    elu,
    gelu,
    leaky_relu,
    relu,
    sigmoid,
    silu,
    softplus,
    tanh,
)
from engine.boxes import batched_nms, box_area, box_iou, decode_boxes, encode_boxes, nms
from engine.conv import conv2d, conv2d_backward, conv_transpose2d
from engine.losses import (
    binary_cross_entropy_with_logits,
    cross_entropy,
    cross_entropy_grad,
    log_softmax,
    sigmoid_focal_loss,
    softmax,
)
from engine.norm import batch_norm, dropout, layer_norm
from engine.optim import SGD, Adagrad, Adam, AdamW, RMSprop
from engine.pooling import avg_pool2d, avg_pool2d_backward, max_pool2d, max_pool2d_backward

__all__ = [
    "SGD",
    "Adagrad",
    "Adam",
    "AdamW",
    "RMSprop",
    "activation",
    "activation_grad",
    "avg_pool2d",
    "avg_pool2d_backward",
    "batch_norm",
    "batched_nms",
    "binary_cross_entropy_with_logits",
    "box_area",
    "box_iou",
    "conv2d",
    "conv2d_backward",
    "conv_transpose2d",
    "cross_entropy",
    "cross_entropy_grad",
    "decode_boxes",
    "dropout",
    "elu",
    "encode_boxes",
    "gelu",
    "layer_norm",
    "leaky_relu",
    "log_softmax",
    "max_pool2d",
    "max_pool2d_backward",
    "nms",
    "relu",
    "sigmoid",
    "sigmoid_focal_loss",
    "silu",
    "softmax",
    "softplus",
    "tanh",
]
