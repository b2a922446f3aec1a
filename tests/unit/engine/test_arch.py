"""Architecture counts against torchvision's published figures and the MobileNet paper."""

from __future__ import annotations

import pytest

from engine import arch

# torchvision model documentation: parameter counts and GFLOPS (1 MAC = 1 flop) at 224².
PUBLISHED = {
    "resnet18": (11_689_512, 1.81),
    "resnet34": (21_797_672, 3.66),
    "resnet50": (25_557_032, 4.09),
    "resnet101": (44_549_160, 7.80),
    "vgg11": (132_863_336, 7.61),
    "vgg16": (138_357_544, 15.47),
    "vgg19": (143_667_240, 19.63),
    "alexnet": (61_100_840, 0.71),
    "mobilenet_v2": (3_504_872, 0.30),
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_matches_torchvision_published_numbers(name: str) -> None:
    params, gflops = PUBLISHED[name]
    assert arch.count_params(name) == params
    assert round(arch.count_macs(name) / 1e9, 2) == pytest.approx(gflops)


def test_mobilenet_v1_matches_the_paper() -> None:
    # Howard et al. 2017, Table 8: 1.0 MobileNet-224 has 4.2M parameters, 569M mult-adds.
    assert round(arch.count_params("mobilenet_v1") / 1e6, 1) == 4.2
    assert round(arch.count_macs("mobilenet_v1") / 1e6) == 569


def test_num_classes_changes_only_the_classifier() -> None:
    # resnet18's fc: 512·1000 + 1000 → 512·10 + 10
    diff = arch.count_params("resnet18") - arch.count_params("resnet18", num_classes=10)
    assert diff == 513_000 - 5_130


def test_breakdown_rows_use_torchvision_names() -> None:
    rows = {r.name: r for r in arch.layer_breakdown("resnet50")}
    conv1 = rows["conv1"]
    assert (conv1.in_shape, conv1.out_shape) == ((3, 224, 224), (64, 112, 112))
    assert conv1.params == 64 * 3 * 49 and conv1.macs == 112 * 112 * 64 * 3 * 49
    assert rows["layer1.0.downsample.0"].out_shape == (256, 56, 56)
    assert rows["layer4.2.conv3"].out_shape == (2048, 7, 7)
    assert rows["fc"].params == 2048 * 1000 + 1000
    assert sum(r.params for r in rows.values()) == arch.count_params("resnet50")
    v2 = {r.name: r for r in arch.layer_breakdown("mobilenet_v2")}
    # features.2 expands 16 → 96 channels, so its depthwise 3×3 conv has 96·9 weights.
    depthwise = v2["features.2.conv.1.0"]
    assert depthwise.kind == "conv" and depthwise.params == 96 * 9
    assert depthwise.out_shape == (96, 56, 56)


def test_image_size_and_unknown_names() -> None:
    # Global pooling heads make every conv cost scale with the image area at these sizes.
    assert arch.count_macs("resnet18", image_size=448) > 3.9 * arch.count_macs("resnet18")
    assert set(arch.ARCHITECTURES) >= set(PUBLISHED) | {"mobilenet_v1"}
    with pytest.raises(ValueError, match="resnet9"):
        arch.count_params("resnet9")
