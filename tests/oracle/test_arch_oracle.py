"""engine.arch counts against the same networks built from torch.nn layers."""

from __future__ import annotations

import pytest

from engine import arch

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")

from tests.oracle.torch_nets import BUILDERS, measure  # noqa: E402  (needs torch)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_params_and_macs_match_torch_layers(name: str) -> None:
    params, rows = measure(name)
    assert arch.count_params(name) == params
    assert arch.count_macs(name) == sum(macs for _, macs in rows)
    ours = [(r.kind, r.macs) for r in arch.layer_breakdown(name) if r.kind in ("conv", "linear")]
    assert ours == rows


@pytest.mark.parametrize(("name", "num_classes", "image_size"), [
    ("resnet50", 10, 160), ("mobilenet_v2", 37, 320), ("vgg16", 100, 256),
    ("alexnet", 5, 256), ("mobilenet_v1", 1000, 192), ("resnet18", 2, 97),
])
def test_other_sizes_and_heads(name: str, num_classes: int, image_size: int) -> None:
    params, rows = measure(name, num_classes, image_size)
    assert arch.count_params(name, num_classes) == params
    assert arch.count_macs(name, image_size, num_classes) == sum(m for _, m in rows)
