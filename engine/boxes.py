"""Bounding-box operations in (x1, y1, x2, y2) form, with torchvision's semantics.

Areas are ``(x2 − x1)·(y2 − y1)`` with no +1-pixel term. NMS builds the full IoU matrix once
and then makes a single greedy pass over a boolean "suppresses" matrix, so there is no
Python loop over pairs of boxes.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from engine._common import FloatArray, IntArray, as_float

__all__ = ["BBOX_XFORM_CLIP", "batched_nms", "box_area", "box_iou", "decode_boxes",
           "encode_boxes", "nms"]

BBOX_XFORM_CLIP = math.log(1000.0 / 16)
"""Upper clamp on the decoded log-size deltas dw, dh (torchvision's ``bbox_xform_clip``)."""

Weights = tuple[float, float, float, float]


def _as_boxes(boxes: npt.ArrayLike) -> FloatArray:
    b = as_float(boxes)
    if b.ndim != 2 or b.shape[1] != 4:
        raise ValueError(f"boxes must have shape (N, 4), got {b.shape}")
    return b


def box_area(boxes: npt.ArrayLike) -> FloatArray:
    """Area of each (x1, y1, x2, y2) box: ``(x2 − x1)·(y2 − y1)``."""
    b = _as_boxes(boxes)
    return (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])


def _inter_union(ba: FloatArray, bb: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Pairwise intersection and union areas, (N, M) each, built with in-place updates."""
    ax1, ay1, ax2, ay2 = (ba[:, i, None] for i in range(4))
    bx1, by1, bx2, by2 = (bb[:, i] for i in range(4))
    inter = np.minimum(ax2, bx2)
    inter -= np.maximum(ax1, bx1)
    np.maximum(inter, 0, out=inter)
    ih = np.minimum(ay2, by2)
    ih -= np.maximum(ay1, by1)
    np.maximum(ih, 0, out=ih)
    inter *= ih
    union = ih  # reuse the buffer
    np.add(box_area(ba)[:, None], box_area(bb)[None, :], out=union)
    union -= inter
    return inter, union


def box_iou(a: npt.ArrayLike, b: npt.ArrayLike) -> FloatArray:
    """Pairwise IoU, (N, 4) × (M, 4) → (N, M): ``|A ∩ B| / (|A| + |B| − |A ∩ B|)``."""
    inter, union = _inter_union(_as_boxes(a), _as_boxes(b))
    with np.errstate(divide="ignore", invalid="ignore"):
        inter /= union
    return inter


def nms(boxes: npt.ArrayLike, scores: npt.ArrayLike, iou_threshold: float) -> IntArray:
    """Greedy non-maximum suppression; returns kept indices (int64), highest score first.

    Boxes are visited by decreasing score (equal scores: lower index first). A box is kept
    unless its IoU with an already kept box is strictly greater than ``iou_threshold``.
    """
    b = _as_boxes(boxes)
    s = np.asarray(scores)
    if s.shape != (b.shape[0],):
        raise ValueError(f"scores must have shape ({b.shape[0]},), got {s.shape}")
    if b.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(-s, kind="stable")
    sorted_boxes = b[order]
    suppresses = box_iou(sorted_boxes, sorted_boxes) > iou_threshold  # (N, N) boolean
    removed = np.zeros(b.shape[0], dtype=bool)
    keep: list[int] = []
    # One pass over the boxes in score order; each kept box knocks out its row at once.
    for i in range(b.shape[0]):
        if removed[i]:
            continue
        keep.append(i)
        removed |= suppresses[i]
    return order[np.asarray(keep, dtype=np.int64)].astype(np.int64)


def batched_nms(boxes: npt.ArrayLike, scores: npt.ArrayLike, classes: npt.ArrayLike,
                iou_threshold: float) -> IntArray:
    """NMS run independently per class, via torchvision's coordinate-offset trick.

    Every box of class c is shifted by ``c·(max coordinate + 1)``, so boxes of different
    classes can never overlap, and one :func:`nms` call does all classes.
    """
    b = _as_boxes(boxes)
    c = np.asarray(classes)
    if b.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = c.astype(b.dtype) * (b.max() + 1)
    return nms(b + offsets[:, None], scores, iou_threshold)


def _centre_size(b: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    w = b[:, 2] - b[:, 0]
    h = b[:, 3] - b[:, 1]
    return b[:, 0] + 0.5 * w, b[:, 1] + 0.5 * h, w, h


def encode_boxes(proposals: npt.ArrayLike, targets: npt.ArrayLike,
                 weights: Weights = (1.0, 1.0, 1.0, 1.0)) -> FloatArray:
    """R-CNN regression targets of ``targets`` (g) relative to ``proposals`` (p), shape (N, 4).

    ``tx = wx·(gx − px)/pw``, ``ty = wy·(gy − py)/ph``, ``tw = ww·log(gw/pw)``,
    ``th = wh·log(gh/ph)``, with (x, y) the box centre and (w, h) its size.
    """
    px, py, pw, ph = _centre_size(_as_boxes(proposals))
    gx, gy, gw, gh = _centre_size(_as_boxes(targets))
    wx, wy, ww, wh = weights
    return np.stack([wx * (gx - px) / pw, wy * (gy - py) / ph,
                     ww * np.log(gw / pw), wh * np.log(gh / ph)], axis=1)


def decode_boxes(proposals: npt.ArrayLike, deltas: npt.ArrayLike,
                 weights: Weights = (1.0, 1.0, 1.0, 1.0)) -> FloatArray:
    """Inverse of :func:`encode_boxes`: apply (tx, ty, tw, th) to ``proposals``, giving xyxy.

    ``x = px + (tx/wx)·pw``, ``w = pw·exp(min(tw/ww, log(1000/16)))`` (likewise y, h), and
    the box is ``(x − w/2, y − h/2, x + w/2, y + h/2)``.
    """
    px, py, pw, ph = _centre_size(_as_boxes(proposals))
    d = _as_boxes(deltas)
    wx, wy, ww, wh = weights
    dw = np.minimum(d[:, 2] / ww, BBOX_XFORM_CLIP)
    dh = np.minimum(d[:, 3] / wh, BBOX_XFORM_CLIP)
    x = d[:, 0] / wx * pw + px
    y = d[:, 1] / wy * ph + py
    w = np.exp(dw) * pw
    h = np.exp(dh) * ph
    return np.stack([x - 0.5 * w, y - 0.5 * h, x + 0.5 * w, y + 0.5 * h], axis=1)
