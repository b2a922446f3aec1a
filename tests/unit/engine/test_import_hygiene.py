"""The engine must import with numpy and the standard library only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FORBIDDEN = ("torch", "torchvision", "scipy", "textual", "typer", "sqlalchemy", "dlquiz")


def test_engine_imports_no_heavy_or_app_packages() -> None:
    code = (
        "import json, sys\n"
        "import engine, engine.arch, engine.shapes\n"
        f"print(json.dumps([m for m in {FORBIDDEN!r} if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert json.loads(out.stdout) == []


def test_public_names_are_exported() -> None:
    import engine

    expected = {
        "conv2d", "conv_transpose2d", "conv2d_backward", "max_pool2d", "avg_pool2d",
        "max_pool2d_backward", "avg_pool2d_backward", "SGD", "Adagrad", "RMSprop", "Adam",
        "AdamW", "box_iou", "nms", "batched_nms", "encode_boxes", "decode_boxes", "batch_norm",
        "layer_norm", "dropout", "softmax", "log_softmax", "cross_entropy",
        "sigmoid_focal_loss", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu",
        "softplus", "activation", "activation_grad",
    }
    assert expected <= set(engine.__all__)
    assert all(callable(getattr(engine, name)) for name in expected)
