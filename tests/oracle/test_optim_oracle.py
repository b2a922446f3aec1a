"""Several optimizer steps against torch.optim with the same gradients, float64."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import engine

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")

CASES: list[tuple[str, dict[str, Any]]] = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.3, "weight_decay": 0.01}),
    ("SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.1}),
    ("Adagrad", {}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.02,
                 "initial_accumulator_value": 0.3, "eps": 1e-6}),
    ("RMSprop", {}),
    ("RMSprop", {"lr": 0.02, "alpha": 0.9, "momentum": 0.7, "weight_decay": 0.05}),
    ("RMSprop", {"lr": 0.01, "centered": True}),
    ("RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.5, "weight_decay": 0.1}),
    ("Adam", {}),
    ("Adam", {"lr": 0.01, "betas": (0.8, 0.99), "weight_decay": 0.1}),
    ("Adam", {"lr": 0.01, "amsgrad": True, "eps": 1e-6}),
    ("Adam", {"lr": 0.02, "amsgrad": True, "weight_decay": 0.05}),
    ("AdamW", {}),
    ("AdamW", {"lr": 0.01, "weight_decay": 0.3, "amsgrad": True}),
]


@pytest.mark.parametrize(("name", "kwargs"), CASES)
def test_optimizer_trajectory(name: str, kwargs: dict[str, Any]) -> None:
    rng = np.random.default_rng(len(name) + len(kwargs))
    start = rng.standard_normal((3, 4))
    param = torch.tensor(start, requires_grad=True)
    reference = getattr(torch.optim, name)([param], **kwargs)
    ours = getattr(engine, name)(**kwargs)
    current = start.copy()
    for step in range(8):
        # Gradients that change sign and scale, some exactly zero.
        grad = rng.standard_normal(start.shape) * (0.1 + step) * (rng.random(start.shape) > 0.2)
        param.grad = torch.tensor(grad)
        reference.step()
        current = ours.step(current, grad)
        np.testing.assert_allclose(current, param.detach().numpy(), rtol=1e-5, atol=1e-6,
                                   err_msg=f"{name} {kwargs} step {step + 1}")


def test_defaults_match_pytorch() -> None:
    for name in ("Adagrad", "RMSprop", "Adam", "AdamW"):
        torch_defaults = getattr(torch.optim, name)([torch.zeros(1)]).defaults
        ours = getattr(engine, name)()
        for key, value in vars(ours).items():
            if key in torch_defaults:
                assert torch_defaults[key] == value, (name, key)
