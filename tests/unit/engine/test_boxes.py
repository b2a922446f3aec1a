"""Hand-computed IoUs and NMS properties (subset, order, threshold) without torchvision."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import engine


def test_iou_of_half_overlapping_squares_is_one_third() -> None:
    a = np.array([[0.0, 0, 2, 2]])
    b = np.array([[1.0, 0, 3, 2], [5.0, 5, 6, 6], [0.0, 0, 2, 2]])
    # Overlap 1×2 = 2, union 4 + 4 - 2 = 6.
    np.testing.assert_allclose(engine.box_iou(a, b), [[1 / 3, 0.0, 1.0]])
    assert engine.box_iou(a, b).shape == (1, 3)


def test_nms_hand_example() -> None:
    boxes = np.array([[0.0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 10, 9]])
    scores = np.array([0.9, 0.8, 0.7, 0.95])
    # IoU(3, 0) = 90/100 = 0.9 (box 0 is dropped by box 3); IoU(3, 1) = 72/118 ≈ 0.61.
    np.testing.assert_array_equal(engine.nms(boxes, scores, 0.5), [3, 2])
    np.testing.assert_array_equal(engine.nms(boxes, scores, 0.7), [3, 1, 2])
    # The threshold is strict: IoU exactly equal to it keeps the box.
    np.testing.assert_array_equal(engine.nms(boxes, scores, 0.9), [3, 0, 1, 2])


def test_nms_equal_scores_prefer_lower_index() -> None:
    boxes = np.array([[0.0, 0, 10, 10], [0, 0, 10, 10], [0, 0, 10, 10]])
    np.testing.assert_array_equal(engine.nms(boxes, np.ones(3), 0.5), [0])
    assert engine.nms(np.zeros((0, 4)), np.zeros(0), 0.5).shape == (0,)


def test_batched_nms_keeps_classes_apart() -> None:
    boxes = np.array([[0.0, 0, 10, 10], [0, 0, 10, 10], [0, 0, 10, 10]])
    scores = np.array([0.5, 0.9, 0.7])
    kept = engine.batched_nms(boxes, scores, np.array([0, 1, 0]), 0.5)
    np.testing.assert_array_equal(kept, [1, 2])


boxes_strategy = st.integers(1, 60).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(0, 2**31)))


@settings(max_examples=40, deadline=None)
@given(boxes_strategy, st.floats(0.0, 1.0))
def test_nms_output_properties(size_seed: tuple[int, int], threshold: float) -> None:
    n, seed = size_seed
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 50, (n, 2))
    boxes = np.hstack([xy, xy + rng.uniform(1, 30, (n, 2))])
    scores = rng.integers(0, 5, n).astype(np.float64)  # many ties on purpose
    kept = engine.nms(boxes, scores, threshold)
    assert len(set(kept.tolist())) == len(kept) and set(kept.tolist()) <= set(range(n))
    order = [(-scores[i], i) for i in kept]
    assert order == sorted(order)  # by score, ties by index
    iou = engine.box_iou(boxes[kept], boxes[kept])
    np.fill_diagonal(iou, 0)
    assert (iou <= threshold).all()  # no two kept boxes overlap too much
    # Every dropped box overlaps a kept box that outranks it.
    for j in set(range(n)) - set(kept.tolist()):
        rivals = [i for i in kept if (-scores[i], i) < (-scores[j], j)]
        assert (engine.box_iou(boxes[[j]], boxes[rivals]) > threshold).any()


def test_encode_decode_round_trip_and_values() -> None:
    proposals = np.array([[0.0, 0, 10, 20]])
    targets = np.array([[5.0, 0, 25, 20]])
    # centres (5, 10) and (15, 10), sizes (10, 20) and (20, 20)
    deltas = engine.encode_boxes(proposals, targets, weights=(10, 10, 5, 5))
    np.testing.assert_allclose(deltas, [[10 * 10 / 10, 0.0, 5 * math.log(2), 0.0]])
    np.testing.assert_allclose(engine.decode_boxes(proposals, deltas, (10, 10, 5, 5)), targets)


def test_decode_clamps_log_size() -> None:
    proposals = np.array([[0.0, 0, 16, 16]])
    out = engine.decode_boxes(proposals, np.array([[0.0, 0, 100, 100]]))
    # exp(log(1000 / 16)) · 16 = 1000, centred on 8
    np.testing.assert_allclose(out, [[8 - 500, 8 - 500, 8 + 500, 8 + 500]])
