"""Segmentation, ROI and normalisation kinds against PyTorch: IoU from a confusion matrix
(bincount), bilinear sampling with grid_sample, ROI Pooling as adaptive max pooling of the
rounded box, F.group_norm, torch._weight_norm, and MACs counted from nn.Conv2d outputs."""

from __future__ import annotations

import re
from typing import Any

import pytest

from engine.questions import generate
from engine.questions.answers.parse import parse_matrix
from tests.unit.questions.prompt_reading import grab, num, values

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")
F = torch.nn.functional

SEEDS = range(30)


def _blocks(prompt: str) -> list[Any]:
    parts = prompt.split("```")[1::2]
    return [torch.tensor([[float(v) for v in line.split()] for line in p.strip().splitlines()],
                         dtype=torch.float64) for p in parts]


def _vec(text: str) -> Any:
    return torch.tensor([float(v) for v in text.strip("[]() ").split(",")], dtype=torch.float64)


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_dice_miou(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("dice-miou", difficulty, seed, "en")
        gt, pred = (b.long().ravel() for b in _blocks(q.prompt))
        k = 2 if difficulty < 3 else 3
        cm = torch.bincount(gt * k + pred, minlength=k * k).reshape(k, k).double()
        iou = cm.diag() / (cm.sum(0) + cm.sum(1) - cm.diag())
        got = values(q.expected_display)
        if difficulty < 3:
            dice = 2 * cm[1, 1] / (cm[1].sum() + cm[:, 1].sum())
            assert list(got) == pytest.approx([float(dice), float(iou[1])], abs=5.01e-5), q.id
        else:
            assert got[0] == pytest.approx(float(iou.mean()), abs=5.01e-5), q.id


def _sample(f: Any, x: float, y: float) -> float:
    h, w = f.shape
    grid = torch.tensor([[[[x / (w - 1) * 2 - 1, y / (h - 1) * 2 - 1]]]], dtype=torch.float64)
    return float(F.grid_sample(f[None, None], grid, mode="bilinear", align_corners=True,
                               padding_mode="border")[0, 0, 0, 0])


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_roi_align_sample(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("roi-align-sample", difficulty, seed, "en")
        (f,) = _blocks(q.prompt)
        if difficulty == 1:
            x, y = _vec(grab(r"\(x, y\) = (\([\d., ]+\))", q.prompt)).tolist()
        else:  # torchvision's roi_align: bin centres of the (shifted) box
            x1, y1, x2, y2 = _vec(grab(r"\(x1, y1, x2, y2\) = (\([\d., ]+\))", q.prompt)).tolist()
            i, j = (int(v) for v in grab(r"bin \[(\d, \d)\]", q.prompt).split(","))
            off = 0.5 if "aligned=True" in q.prompt else 0.0
            x = x1 - off + (j + 0.5) * (x2 - x1) / 2
            y = y1 - off + (i + 0.5) * (y2 - y1) / 2
        # (a tie such as 1.03125 is shown with either rounding)
        assert values(q.expected_display)[0] == pytest.approx(_sample(f, x, y), abs=5.01e-5), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_roi_pool(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("roi-pool", difficulty, seed, "en")
        (f,) = _blocks(q.prompt)
        scale = num(r"spatial_scale=([\d.]+)\)", q.prompt)
        x1, y1, x2, y2 = (int(torch.floor(torch.tensor(v * scale + 0.5)))
                          for v in _vec(grab(r"boxes=\[(\[[\d, ]+\])\]", q.prompt)).tolist())
        crop = f[y1:y2 + 1, x1:x2 + 1]
        want = F.adaptive_max_pool2d(crop[None, None], 2)[0, 0]
        flat, cols = parse_matrix(q.expected_display)
        assert cols == 2 and list(flat) == want.ravel().tolist(), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_groupnorm_forward(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("groupnorm-forward", difficulty, seed, "en")
        groups, _c = (int(v) for v in grab(r"nn\.GroupNorm\((\d+, \d+)", q.prompt).split(","))
        (x,) = _blocks(q.prompt)
        gamma = _vec(grab(r"γ = (\[[^\]]*\])", q.prompt)) if difficulty == 3 else None
        beta = _vec(grab(r"β = (\[[^\]]*\])", q.prompt)) if difficulty == 3 else None
        y = F.group_norm(x[None], groups, gamma, beta, eps=1e-5)[0]
        ch = int(num(r"output of channel (\d+)", q.prompt))
        assert list(values(q.expected_display)) == pytest.approx(y[ch].tolist(), abs=5.01e-5), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_weight_norm(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("weight-norm", difficulty, seed, "en")
        if difficulty == 1:
            v = _vec(grab(r"v = (\[[^\]]*\])", q.prompt))
            g = torch.tensor([num(r"g = ([\d.]+)\.", q.prompt)], dtype=torch.float64)
            want = torch._weight_norm(v[None], g[None], 0)[0]
        else:
            (v,) = _blocks(q.prompt)
            row = int(num(r"What is row (\d+)", q.prompt))
            if difficulty == 2:
                g = _vec(grab(r"g = (\[[^\]]*\])", q.prompt))[:, None]
                want = torch._weight_norm(v, g, 0)[row]
            else:
                g = torch.tensor(num(r"one g = ([\d.]+)", q.prompt), dtype=torch.float64)
                want = (g * v / torch.linalg.norm(v))[row]
        assert list(values(q.expected_display)) == pytest.approx(want.tolist(), abs=5.01e-5), q.id


def _macs(layers: list[Any], x: Any) -> int:
    total = 0
    for conv in layers:
        x = conv(x)
        total += x.numel() * conv.in_channels // conv.groups * conv.kernel_size[0] ** 2
    return total


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_separable_speedup(difficulty: int) -> None:
    nn = torch.nn
    for seed in SEEDS:
        q = generate("separable-speedup", difficulty, seed, "en")
        c_in, h = (int(v) for v in grab(r"input of (\d+)×(\d+)", q.prompt, 0)
                   .split("of ")[1].split("×"))
        k, _, c_out = (int(v) for v in re.search(r"standard (\d)×\d conv (\d+)→(\d+)",  # type: ignore[union-attr]
                                                 q.prompt).groups())
        s = int(num(r"\(stride (\d)", q.prompt))
        x = torch.zeros(1, c_in, h, h, device="meta")
        std = _macs([nn.Conv2d(c_in, c_out, k, s, k // 2, bias=False, device="meta")], x)
        mid = c_in * (int(num(r"to \d+·\d+ = (\d+) channels", q.prompt)) // c_in
                      if difficulty == 3 else 1)
        expand = [nn.Conv2d(c_in, mid, 1, bias=False, device="meta")] if difficulty == 3 else []
        block = [*expand, nn.Conv2d(mid, mid, k, s, k // 2, groups=mid, bias=False, device="meta"),
                 nn.Conv2d(mid, c_out, 1, bias=False, device="meta")]
        assert values(q.expected_display)[0] == pytest.approx(std / _macs(block, x), abs=5e-3), q.id
