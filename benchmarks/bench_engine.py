"""Measure the engine's speed goals against PyTorch (CPU, same process) and print JSON.

Cases: conv2d forward (N=8, C=64, 56×56, 3×3 → 64, padding 1, float32); max_pool2d on the
same input (3×3, stride 2, padding 1, as in the ResNet stem, and 2×2 stride 2 for
reference); nms on 2,000 random boxes (engine only: torchvision is not installed beside
torch). Engine and torch calls are interleaved and each time is a median over repeats.
Goals from issue 3: conv2d and pooling within 3× of PyTorch.

Run from the repository root: ``python benchmarks/bench_engine.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout

import engine


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _compare(engine_fn: Callable[[], object], torch_fn: Callable[[], object] | None,
             repeats: int) -> dict[str, Any]:
    """Warm both up once, then alternate engine and torch calls; report medians in ms."""
    engine_fn()
    if torch_fn is not None:
        torch_fn()
    ours, theirs = [], []
    for _ in range(repeats):
        ours.append(_time(engine_fn))
        if torch_fn is not None:
            theirs.append(_time(torch_fn))
    result: dict[str, Any] = {"engine_ms": round(1e3 * statistics.median(ours), 3)}
    if theirs:
        torch_ms = 1e3 * statistics.median(theirs)
        result["torch_ms"] = round(torch_ms, 3)
        result["ratio_engine_over_torch"] = round(result["engine_ms"] / torch_ms, 3)
    return result


def _thread_info() -> dict[str, Any]:
    info: dict[str, Any] = {"OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
                            "cpu_count": os.cpu_count()}
    try:
        import threadpoolctl  # optional, report only
    except ImportError:
        return info
    info["threadpools"] = [
        {k: p.get(k) for k in ("internal_api", "num_threads", "version")}
        for p in threadpoolctl.threadpool_info()
    ]
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    try:
        import torch  # the oracle extra; without it only engine times are reported
        import torch.nn.functional as F
        have_torch = True
    except ImportError:  # `torch` stays unbound; every use below is behind have_torch
        have_torch = False

    rng = np.random.default_rng(0)
    x = rng.standard_normal((8, 64, 56, 56), dtype=np.float32)
    w = rng.standard_normal((64, 64, 3, 3), dtype=np.float32) * 0.05
    xy = rng.uniform(0, 1000, (2000, 2))
    boxes = np.hstack([xy, xy + rng.uniform(10, 120, (2000, 2))]).astype(np.float32)
    scores = rng.random(2000).astype(np.float32)

    report: dict[str, Any] = {
        "python": platform.python_version(), "numpy": np.__version__,
        "torch": torch.__version__ if have_torch else None,
        "torch_threads": torch.get_num_threads() if have_torch else None,
        "threads": _thread_info(), "repeats": args.repeats, "cases": {},
    }
    cases = report["cases"]
    if have_torch:  # like torch and F, tx and tw exist only when torch_or_none keeps the call
        tx, tw = torch.from_numpy(x), torch.from_numpy(w)

    def torch_or_none(fn: Callable[[], object]) -> Callable[[], object] | None:
        return fn if have_torch else None

    cases["conv2d_n8_c64_56x56_k3_o64_p1_f32"] = _compare(
        lambda: engine.conv2d(x, w, padding=1),
        torch_or_none(lambda: F.conv2d(tx, tw, padding=1)), args.repeats)
    cases["max_pool2d_k3_s2_p1_f32"] = _compare(
        lambda: engine.max_pool2d(x, 3, 2, 1),
        torch_or_none(lambda: F.max_pool2d(tx, 3, 2, 1)), args.repeats)
    cases["max_pool2d_k2_s2_f32"] = _compare(
        lambda: engine.max_pool2d(x, 2, 2),
        torch_or_none(lambda: F.max_pool2d(tx, 2, 2)), args.repeats)
    cases["nms_2000_boxes_iou0.5"] = _compare(
        lambda: engine.nms(boxes, scores, 0.5), None, args.repeats)
    cases["nms_2000_boxes_iou0.5"]["kept"] = int(engine.nms(boxes, scores, 0.5).size)

    if have_torch:  # correctness of the timed calls, float32 on both sides
        ref = F.conv2d(tx, tw, padding=1).numpy()
        cases["conv2d_n8_c64_56x56_k3_o64_p1_f32"]["max_abs_diff"] = float(
            np.abs(engine.conv2d(x, w, padding=1) - ref).max())
        same = np.array_equal(engine.max_pool2d(x, 3, 2, 1), F.max_pool2d(tx, 3, 2, 1).numpy())
        cases["max_pool2d_k3_s2_p1_f32"]["identical"] = bool(same)
        report["goals_met"] = {
            "conv2d_within_3x": cases["conv2d_n8_c64_56x56_k3_o64_p1_f32"][
                "ratio_engine_over_torch"] <= 3,
            "max_pool2d_within_3x": cases["max_pool2d_k3_s2_p1_f32"][
                "ratio_engine_over_torch"] <= 3,
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
