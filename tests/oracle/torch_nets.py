"""The architectures of engine.arch rebuilt from plain torch.nn layers, as torchvision builds them.

Only the oracle tests import this module (after checking that torch is installed). The
models are built on the meta device: shapes and parameter counts need no arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn

VGG = {
    "vgg11": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "vgg16": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M",
              512, 512, 512, "M"],
    "vgg19": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M",
              512, 512, 512, 512, "M"],
}


def alexnet(nc: int) -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(3, 64, 11, 4, 2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(),
        nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.AdaptiveAvgPool2d(6), nn.Flatten(),
        nn.Dropout(), nn.Linear(9216, 4096), nn.ReLU(),
        nn.Dropout(), nn.Linear(4096, 4096), nn.ReLU(), nn.Linear(4096, nc))


def vgg(name: str, nc: int) -> nn.Module:
    layers: list[nn.Module] = []
    cin = 3
    for v in VGG[name]:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            assert isinstance(v, int)
            layers += [nn.Conv2d(cin, v, 3, padding=1), nn.ReLU()]
            cin = v
    return nn.Sequential(
        *layers, nn.AdaptiveAvgPool2d(7), nn.Flatten(),
        nn.Linear(512 * 49, 4096), nn.ReLU(), nn.Dropout(),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(), nn.Linear(4096, nc))


class Block(nn.Module):
    """BasicBlock (expansion 1) or Bottleneck (expansion 4, stride on the 3×3)."""

    def __init__(self, cin: int, planes: int, stride: int, bottleneck: bool) -> None:
        super().__init__()
        cout = planes * (4 if bottleneck else 1)
        if bottleneck:
            self.body: nn.Module = nn.Sequential(
                nn.Conv2d(cin, planes, 1, bias=False), nn.BatchNorm2d(planes), nn.ReLU(),
                nn.Conv2d(planes, planes, 3, stride, 1, bias=False), nn.BatchNorm2d(planes),
                nn.ReLU(), nn.Conv2d(planes, cout, 1, bias=False), nn.BatchNorm2d(cout))
        else:
            self.body = nn.Sequential(
                nn.Conv2d(cin, planes, 3, stride, 1, bias=False), nn.BatchNorm2d(planes),
                nn.ReLU(), nn.Conv2d(planes, planes, 3, 1, 1, bias=False),
                nn.BatchNorm2d(planes))
        self.down: nn.Module = nn.Identity()
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                                      nn.BatchNorm2d(cout))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.body(x)
        return torch.relu(out + self.down(x))


def resnet(depths: list[int], bottleneck: bool, nc: int) -> nn.Module:
    layers: list[nn.Module] = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64),
                               nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for stage, (planes, depth) in enumerate(zip([64, 128, 256, 512], depths, strict=True)):
        for i in range(depth):
            layers.append(Block(cin, planes, 2 if stage and i == 0 else 1, bottleneck))
            cin = planes * (4 if bottleneck else 1)
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, nc))


def _cbr(cin: int, cout: int, k: int, s: int = 1, groups: int = 1,
         act: type[nn.Module] = nn.ReLU) -> list[nn.Module]:
    return [nn.Conv2d(cin, cout, k, s, (k - 1) // 2, groups=groups, bias=False),
            nn.BatchNorm2d(cout), act()]


class Inverted(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int, t: int) -> None:
        super().__init__()
        hidden = cin * t
        layers = _cbr(cin, hidden, 1, act=nn.ReLU6) if t != 1 else []
        layers += _cbr(hidden, hidden, 3, stride, hidden, nn.ReLU6)
        layers += [nn.Conv2d(hidden, cout, 1, bias=False), nn.BatchNorm2d(cout)]
        self.conv = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y: torch.Tensor = self.conv(x)  # nn.Module.__call__ is typed as returning Any
        return x + y if self.residual else y


def mobilenet_v2(nc: int) -> nn.Module:
    layers = _cbr(3, 32, 3, 2, act=nn.ReLU6)
    cin = 32
    for t, c, n, s in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                       (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]:
        for i in range(n):
            layers.append(Inverted(cin, c, s if i == 0 else 1, t))
            cin = c
    layers += _cbr(320, 1280, 1, act=nn.ReLU6)
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2),
                         nn.Linear(1280, nc))


def mobilenet_v1(nc: int) -> nn.Module:
    layers = _cbr(3, 32, 3, 2)
    cin = 32
    for cout, s in [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), *[(512, 1)] * 5,
                    (1024, 2), (1024, 1)]:
        layers += _cbr(cin, cin, 3, s, cin) + _cbr(cin, cout, 1)
        cin = cout
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1024, nc))


BUILDERS: dict[str, Callable[[int], nn.Module]] = {
    "alexnet": alexnet,
    "vgg11": lambda nc: vgg("vgg11", nc),
    "vgg16": lambda nc: vgg("vgg16", nc),
    "vgg19": lambda nc: vgg("vgg19", nc),
    "resnet18": lambda nc: resnet([2, 2, 2, 2], False, nc),
    "resnet34": lambda nc: resnet([3, 4, 6, 3], False, nc),
    "resnet50": lambda nc: resnet([3, 4, 6, 3], True, nc),
    "resnet101": lambda nc: resnet([3, 4, 23, 3], True, nc),
    "mobilenet_v1": mobilenet_v1,
    "mobilenet_v2": mobilenet_v2,
}


def measure(name: str, num_classes: int = 1000,
            image_size: int = 224) -> tuple[int, list[tuple[str, int]]]:
    """Parameter count and per-layer (kind, MACs) of conv and linear layers via forward hooks."""
    with torch.device("meta"):
        model = BUILDERS[name](num_classes).eval()
        rows: list[tuple[str, int]] = []

        def hook(module: nn.Module, _: object, out: torch.Tensor) -> None:
            if isinstance(module, nn.Conv2d):
                kh, kw = module.kernel_size
                per_output = module.in_channels // module.groups * kh * kw
                rows.append(("conv", out[0].numel() * per_output))
            elif isinstance(module, nn.Linear):
                rows.append(("linear", module.in_features * module.out_features))

        for m in model.modules():
            if isinstance(m, nn.Conv2d | nn.Linear):
                m.register_forward_hook(hook)
        model(torch.empty(1, 3, image_size, image_size))
    return sum(p.numel() for p in model.parameters()), rows
