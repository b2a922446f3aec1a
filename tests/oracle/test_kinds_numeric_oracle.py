"""New numeric question kinds against PyTorch: the numbers are read back from the English
prompt and PyTorch computes the answer (schedulers, losses, clip_grad_norm_, softmax,
scaled_dot_product_attention, rms_norm, round, cumprod, torch.nn.init's fan and gain).
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pytest

from engine.questions import generate
from tests.unit.questions.prompt_reading import grab, num, values

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")
F = torch.nn.functional

SEEDS = range(25)


def _list(text: str) -> list[float]:
    return [float(v) for v in text.strip("[] ").split(",")]


def _block(prompt: str, after: str) -> list[list[float]]:
    """The rows of the fenced matrix that follows ``after`` in the prompt."""
    body = prompt.split(after, 1)[1].split("```")[1]
    return [[float(v) for v in line.split()] for line in body.strip().splitlines()]


def _lr_after(optimizer: object, scheduler: object, steps: int) -> float:
    for _ in range(steps):
        optimizer.step()  # type: ignore[attr-defined]
        scheduler.step()  # type: ignore[attr-defined]
    return float(optimizer.param_groups[0]["lr"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_lr_schedule(difficulty: int) -> None:
    checked = 0
    for seed in range(300):
        q = generate("lr-schedule", difficulty, seed, "en")
        w = torch.nn.Parameter(torch.zeros(1))
        if "StepLR" in q.prompt:
            peak = num(r"initial lr ([\d.e-]+);", q.prompt)
            opt = torch.optim.SGD([w], lr=peak)
            sched = torch.optim.lr_scheduler.StepLR(
                opt, step_size=int(num(r"step_size=(\d+)", q.prompt)),
                gamma=num(r"gamma=([\d.]+)", q.prompt))
            t = int(num(r"What learning rate does epoch (\d+) use", q.prompt))
        else:
            t = int(num(r"at step t = (\d+)\?", q.prompt))
            if t > 20_000:
                continue  # stepping a scheduler that far is slow; nearer steps cover it
            peak = num(r"peak η = ([\d.e-]+),", q.prompt)
            floor = num(r"η_min = ([\d.e-]+) at", q.prompt)
            total = int(num(r"at step T = (\d+)", q.prompt))
            t_w = int(num(r"over the first T_w = (\d+) steps", q.prompt)) \
                if "T_w =" in q.prompt else 0
            opt = torch.optim.SGD([w], lr=peak)
            decay = (torch.optim.lr_scheduler.LinearLR(opt, 1.0, floor / peak, total - t_w)
                     if "linear decay" in q.prompt else
                     torch.optim.lr_scheduler.CosineAnnealingLR(opt, total - t_w, floor))
            if t_w:
                warm = torch.optim.lr_scheduler.LinearLR(opt, 1e-12, 1.0, t_w)
                sched = torch.optim.lr_scheduler.SequentialLR(opt, [warm, decay], [t_w])
            else:
                sched = decay
        got = values(q.expected_display)[0]
        assert got == pytest.approx(_lr_after(opt, sched, t), rel=1e-5, abs=1e-12), q.id
        checked += 1
        if checked == 6:
            break
    assert checked >= 3


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_label_smoothing(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("label-smoothing", difficulty, seed, "en")
        eps = num(r"label_smoothing=([\d.]+)\)", q.prompt)
        if "```" in q.prompt:
            z = torch.tensor(_block(q.prompt, "logits = "), dtype=torch.float64,
                             requires_grad=True)
            target = torch.tensor([int(v) for v in _list(grab(r"target class (\[[^\]]*\])",
                                                              q.prompt))])
        else:
            z = torch.tensor([_list(grab(r"logits = (\[[^\]]*\])", q.prompt))],
                             dtype=torch.float64, requires_grad=True)
            target = torch.tensor([int(num(r"target class (\d+)", q.prompt))])
        loss = F.cross_entropy(z, target, label_smoothing=eps)
        got = values(q.expected_display)[0]
        if "∂loss/∂z" in q.prompt:
            loss.backward()
            j = int(num(r"∂loss/∂z\[(\d+)\]", q.prompt))
            assert got == pytest.approx(round(float(z.grad[0, j]), 4), abs=1e-9), q.id
        else:
            assert got == pytest.approx(round(loss.item(), 4), abs=1e-9), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_grad_clip(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("grad-clip", difficulty, seed, "en")
        grads = [torch.tensor(_list(g), dtype=torch.float64)
                 for g in re.findall(r"\.grad = (\[[^\]]*\])", q.prompt)]
        params = [torch.nn.Parameter(torch.zeros_like(g)) for g in grads]
        for p, g in zip(params, grads, strict=True):
            p.grad = g.clone()
        max_norm = num(r"max_norm=([\d.]+)\)", q.prompt)
        total = float(torch.nn.utils.clip_grad_norm_(params, max_norm))
        got = values(q.expected_display)
        if difficulty == 2:
            coef = min(1.0, max_norm / (total + 1e-6))
            assert got == pytest.approx((round(total, 4), round(coef, 4)), abs=1e-9), q.id
        else:
            want = [round(float(v), 4) for v in params[-1].grad]
            assert got == pytest.approx(want, abs=1e-9), q.id


def _top_p(p: Any, top_p: float) -> Any:
    """Nucleus filtering as Hugging Face writes it: drop tokens whose cumulative probability
    (sorted descending, shifted by one) already exceeds p."""
    sorted_p, idx = torch.sort(p, descending=True)
    cum = torch.cumsum(sorted_p, 0)
    drop = cum > top_p
    drop[1:] = drop[:-1].clone()
    drop[0] = False
    keep = torch.zeros_like(p, dtype=torch.bool)
    keep[idx[~drop]] = True
    out = torch.where(keep, p, torch.zeros_like(p))
    return out / out.sum()


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_sampling_probs(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("sampling-probs", difficulty, seed, "en")
        z = torch.tensor(_list(grab(r"logits = (\[[^\]]*\])", q.prompt)), dtype=torch.float64)
        p = torch.softmax(z / num(r"temperature T = ([\d.]+)", q.prompt), 0)
        if difficulty == 2:
            k = int(num(r"top-k with k = (\d+)", q.prompt))
            top = torch.topk(p, k)
            p = torch.zeros_like(p).scatter(0, top.indices, top.values)
            p = p / p.sum()
        elif difficulty == 3:
            p = _top_p(p, num(r"top-p with p = ([\d.]+)", q.prompt))
        want = [round(float(v), 4) for v in p]
        assert values(q.expected_display) == pytest.approx(want, abs=1e-9), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_attention_weights(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("attention-weights", difficulty, seed, "en")
        query = torch.tensor([_list(grab(r"q = (\[[^\]]*\])", q.prompt))], dtype=torch.float64)
        keys = torch.tensor(_block(q.prompt, "K (one key per row) ="), dtype=torch.float64)
        n = keys.shape[0]
        value = (torch.tensor(_block(q.prompt, "V (one value per row) ="), dtype=torch.float64)
                 if difficulty == 2 else torch.eye(n, dtype=torch.float64))
        mask = None
        if difficulty == 3:
            row = int(num(r"query at position (\d+)", q.prompt))
            mask = torch.arange(n) <= row  # True = may attend
        out = F.scaled_dot_product_attention(query[None], keys[None], value[None],
                                             attn_mask=mask)[0, 0]
        want = [round(float(v), 4) for v in out]
        assert values(q.expected_display) == pytest.approx(want, abs=1e-9), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_rmsnorm_forward(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("rmsnorm-forward", difficulty, seed, "en")
        d = int(num(r"nn\.RMSNorm\((\d+),", q.prompt))
        eps = num(r"eps=([\d.e-]+)\)", q.prompt)
        gamma = (torch.tensor(_list(grab(r"weight γ = (\[[^\]]*\])", q.prompt)),
                              dtype=torch.float64) if "weight γ = [" in q.prompt else
                 torch.ones(d, dtype=torch.float64))
        x = (torch.tensor(_block(q.prompt, "gets the input"), dtype=torch.float64)[-1]
             if "```" in q.prompt else
             torch.tensor(_list(grab(r"gets the input (\[[^\]]*\])", q.prompt)),
                          dtype=torch.float64))
        out = F.rms_norm(x, (d,), gamma, eps)
        want = [round(float(v), 4) for v in out]
        assert values(q.expected_display) == pytest.approx(want, abs=1e-9), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_int8_quant(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("int8-quant", difficulty, seed, "en")
        x = torch.tensor(_list(grab(r"Quantize x = (\[[^\]]*\])", q.prompt)),
                         dtype=torch.float64)
        qmax = int(num(r"s = max\|x\| / (\d+)", q.prompt))
        s = x.abs().max() / qmax
        codes = torch.clamp(torch.round(x / s), -qmax, qmax)
        got = values(q.expected_display)
        if difficulty == 2:
            want = [round(float(v), 4) for v in codes * s]
            assert got == pytest.approx(want, abs=1e-9), q.id
        else:
            assert got == tuple(float(v) for v in codes), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_ddpm_alpha_bar(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("ddpm-alpha-bar", difficulty, seed, "en")
        if difficulty == 1:
            betas = torch.tensor(_list(grab(r"= (\[[^\]]*\])\.", q.prompt)), dtype=torch.float64)
            t = len(betas)
        else:
            t_max = int(num(r"T = (\d+),", q.prompt))
            betas = torch.linspace(num(r"β₁ = ([\d.]+)", q.prompt),
                                   num(r"β_T = ([\d.]+)", q.prompt), t_max, dtype=torch.float64)
            t = int(num(r"x_(\d+)\?", q.prompt)) if difficulty == 3 else int(
                num(r"In x_(\d+) =", q.prompt))
        ab = float(torch.cumprod(1 - betas, 0)[t - 1])
        if difficulty == 1:
            want = ab
        elif difficulty == 2:
            want = math.sqrt(1 - ab)
        else:
            x0, eps = num(r"x₀ = (-?[\d.]+)", q.prompt), num(r"ε = (-?[\d.]+)\.", q.prompt)
            want = math.sqrt(ab) * x0 + math.sqrt(1 - ab) * eps
        assert values(q.expected_display)[0] == pytest.approx(round(want, 4), abs=1e-9), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_init_std(difficulty: int) -> None:
    init = torch.nn.init
    for seed in SEEDS:
        q = generate("init-std", difficulty, seed, "en")
        if difficulty == 1:
            fi, fo = (int(v) for v in grab(r"nn\.Linear\((\d+, \d+)\)", q.prompt).split(", "))
            fan_in, fan_out = init._calculate_fan_in_and_fan_out(torch.empty(fo, fi))
            factor = 6.0 if "xavier_uniform_" in q.prompt else 2.0
            want = math.sqrt(factor / (fan_in + fan_out))
        else:
            args = grab(r"nn\.Conv2d\(([^)]*)\)", q.prompt)
            c_in, c_out = (int(v) for v in args.split(", ")[:2])
            k = int(grab(r"kernel_size=(\d+)", args))
            g = int(grab(r"groups=(\d+)", args)) if "groups" in args else 1
            weight = torch.empty(c_out, c_in // g, k, k)
            if difficulty == 2:
                mode = grab(r"mode='(\w+)'", q.prompt)
                fan = init._calculate_correct_fan(weight, mode)
                want = init.calculate_gain("relu") / math.sqrt(fan)
            else:
                fan = init._calculate_correct_fan(weight, "fan_in")
                gain = init.calculate_gain("leaky_relu", math.sqrt(5))
                want = gain * math.sqrt(3.0 / fan)
        assert values(q.expected_display)[0] == pytest.approx(round(want, 4), abs=1e-9), q.id


def test_init_default_bound_is_what_pytorch_draws() -> None:
    torch.manual_seed(0)
    conv = torch.nn.Conv2d(64, 32, 3)
    bound = 1 / math.sqrt(64 * 9)
    largest = float(conv.weight.detach().abs().max())
    assert 0.95 * bound < largest <= bound
    assert np.isclose(bound, 1 / 24)
