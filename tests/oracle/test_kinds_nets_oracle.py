"""Kinds about small networks and encodings against PyTorch: nn.LSTM/nn.GRU parameter
counts, autograd through the MLP, the positional encoding as the Annotated Transformer
builds it, RoPE as complex multiplication (LLaMA's form), softmax and cross-entropy."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from engine.questions import generate
from tests.unit.questions.prompt_reading import grab, num, values

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")
F = torch.nn.functional

SEEDS = range(30)


def _vec(text: str) -> Any:
    return torch.tensor([float(v) for v in text.strip("[]() ").split(",")], dtype=torch.float64)


def _block(prompt: str, after: str) -> Any:
    body = prompt.split(after, 1)[1].split("```")[1]
    return torch.tensor([[float(v) for v in line.split()] for line in body.strip().splitlines()],
                        dtype=torch.float64)


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_rnn_params(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("rnn-params", difficulty, seed, "en")
        cell, args = re.search(r"`nn\.(LSTM|GRU)\(([^)]*)\)`", q.prompt).groups()  # type: ignore[union-attr]
        kwargs = {k.strip(): (v.strip() == "True" if v.strip() in ("True", "False") else
                              int(v)) for k, v in (a.split("=") for a in args.split(","))}
        net = getattr(torch.nn, cell)(**kwargs)
        assert values(q.expected_display)[0] == sum(p.numel() for p in net.parameters()), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_mlp_backprop(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("mlp-backprop", difficulty, seed, "en")
        p = q.prompt
        x = _vec(grab(r"x = (\[[^\]]*\])", p))
        w1 = _block(p, "W1 =").requires_grad_()
        b1 = _vec(grab(r"b1 = (\[[^\]]*\])", p)).requires_grad_()
        w2 = _vec(grab(r"w2 = (\[[^\]]*\])", p)).requires_grad_()
        b2 = torch.tensor(num(r"b2 = (-?\d+)", p), dtype=torch.float64, requires_grad=True)
        t = torch.tensor(num(r"target t = (-?\d+)", p), dtype=torch.float64)
        y = w2 @ torch.relu(w1 @ x + b1) + b2
        loss = F.mse_loss(y, t) if "MSELoss" in p else 0.5 * (y - t) ** 2
        loss.backward()
        m = re.search(r"What is ∂L/∂(W1|w2)\[(\d+)(?:, (\d+))?\]", p)
        assert m is not None
        grad = (w1.grad[int(m.group(2)), int(m.group(3))] if m.group(1) == "W1"
                else w2.grad[int(m.group(2))])
        assert values(q.expected_display)[0] == pytest.approx(float(grad), abs=1e-9), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_sinusoidal_pe(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("sinusoidal-pe", difficulty, seed, "en")
        d = int(num(r"d_model = (\d+):", q.prompt))
        pos, dim = (int(v) for v in grab(r"What is PE\[(\d+, \d+)\]", q.prompt).split(","))
        position = torch.arange(pos + 1, dtype=torch.float64).unsqueeze(1)
        div = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-math.log(10000.0) / d))
        pe = torch.zeros(pos + 1, d, dtype=torch.float64)
        pe[:, 0::2] = torch.sin(position * div)
        pe[:, 1::2] = torch.cos(position * div)
        assert values(q.expected_display)[0] == pytest.approx(float(pe[pos, dim]), abs=5e-5), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_rope_rotation(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("rope-rotation", difficulty, seed, "en")
        d = int(num(r"dimension d = (\d+)", q.prompt))
        m = int(num(r"position m = (\d+)", q.prompt))
        i = int(num(r"pair i = (\d+)", q.prompt))
        a, b = _vec(grab(r"\) = (\(-?\d+, -?\d+\))", q.prompt)).tolist()
        freqs = 1.0 / 10000 ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
        rot = torch.polar(torch.ones((), dtype=torch.float64), m * freqs[i])
        out = torch.complex(torch.tensor(a, dtype=torch.float64),
                            torch.tensor(b, dtype=torch.float64)) * rot
        assert list(values(q.expected_display)) == pytest.approx(
            [float(out.real), float(out.imag)], abs=5e-5), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_softmax_temperature(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("softmax-temperature", difficulty, seed, "en")
        z = _vec(grab(r"z = (\[[^\]]*\])", q.prompt))
        t = num(r"T = ([\d.]+)\.", q.prompt)
        p = torch.softmax(z / t, dim=0)
        want = [float(p.max())] if difficulty == 3 else p.tolist()
        assert list(values(q.expected_display)) == pytest.approx(want, abs=5e-5), q.id


def _cos(u: Any, v: Any) -> Any:
    return F.cosine_similarity(u.unsqueeze(0), v.unsqueeze(0))[0]


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_infonce(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("infonce", difficulty, seed, "en")
        p = q.prompt
        tau = num(r"τ = ([\d.]+)\.", p)
        if difficulty < 3:
            sims = torch.cat([torch.tensor([num(r"s⁺ = (-?[\d.]+)", p)], dtype=torch.float64),
                              _vec(grab(r"negatives (\[[^\]]*\])", p))])
        else:
            vecs = [_vec(v) for v in re.findall(r"\[-?\d+, -?\d+\]", p)]
            sims = torch.stack([_cos(vecs[0], v) for v in vecs[1:]])
        loss = F.cross_entropy((sims / tau).unsqueeze(0), torch.tensor([0]))
        assert values(q.expected_display)[0] == pytest.approx(float(loss), abs=5e-5), q.id
