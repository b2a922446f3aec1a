"""Optimizers with PyTorch's exact update rules and defaults (torch.optim, single tensor).

Each optimizer holds the state of one parameter tensor; ``step(param, grad)`` returns the
updated parameter as a new array and leaves its arguments untouched. Weight decay is the
L2 form ``g ← g + λ·θ`` everywhere except :class:`AdamW`, which decays θ directly.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from engine._common import FloatArray, as_float

__all__ = ["SGD", "Adagrad", "Adam", "AdamW", "RMSprop"]


def _inputs(param: npt.ArrayLike, grad: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    p = as_float(param)
    g = np.asarray(grad, dtype=p.dtype)
    if g.shape != p.shape:
        raise ValueError(f"grad shape {g.shape} differs from param shape {p.shape}")
    return p, g


class SGD:
    """Stochastic gradient descent with optional momentum, dampening and Nesterov.

    ``g = ∇ + λθ``; with momentum μ: ``b ← g`` on the first step, then
    ``b ← μ·b + (1 − dampening)·g``; the step direction is ``g + μ·b`` (Nesterov) or ``b``;
    ``θ ← θ − lr·direction``.
    """

    def __init__(self, lr: float, momentum: float = 0.0, dampening: float = 0.0,
                 weight_decay: float = 0.0, nesterov: bool = False) -> None:
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires momentum > 0 and dampening = 0")
        self.lr, self.momentum, self.dampening = lr, momentum, dampening
        self.weight_decay, self.nesterov = weight_decay, nesterov
        self.momentum_buffer: FloatArray | None = None

    def step(self, param: npt.ArrayLike, grad: npt.ArrayLike) -> FloatArray:
        """Return the parameter after one update; the momentum buffer is kept here."""
        p, g = _inputs(param, grad)
        if self.weight_decay:
            g = g + self.weight_decay * p
        if self.momentum:
            if self.momentum_buffer is None:
                self.momentum_buffer = g.copy()
            else:
                self.momentum_buffer = (self.momentum * self.momentum_buffer
                                        + (1 - self.dampening) * g)
            g = g + self.momentum * self.momentum_buffer if self.nesterov else self.momentum_buffer
        return p - self.lr * g


class Adagrad:
    """Adagrad: ``g = ∇ + λθ``, ``lr_t = lr / (1 + (t − 1)·lr_decay)``, ``G ← G + g²``,
    ``θ ← θ − lr_t·g / (√G + eps)``; G starts at ``initial_accumulator_value``."""

    def __init__(self, lr: float = 0.01, lr_decay: float = 0.0, weight_decay: float = 0.0,
                 initial_accumulator_value: float = 0.0, eps: float = 1e-10) -> None:
        self.lr, self.lr_decay, self.weight_decay = lr, lr_decay, weight_decay
        self.initial_accumulator_value, self.eps = initial_accumulator_value, eps
        self.step_count = 0
        self.sum: FloatArray | None = None

    def step(self, param: npt.ArrayLike, grad: npt.ArrayLike) -> FloatArray:
        """Return the parameter after one update; the squared-gradient sum is kept here."""
        p, g = _inputs(param, grad)
        if self.sum is None:
            self.sum = np.full_like(p, self.initial_accumulator_value)
        self.step_count += 1
        if self.weight_decay:
            g = g + self.weight_decay * p
        clr = self.lr / (1 + (self.step_count - 1) * self.lr_decay)
        self.sum = self.sum + g * g
        return p - clr * g / (np.sqrt(self.sum) + self.eps)


class RMSprop:
    """RMSprop: ``g = ∇ + λθ``, ``v ← α·v + (1 − α)·g²``; centred: ``ḡ ← α·ḡ + (1 − α)·g`` and
    ``d = √(v − ḡ²) + eps``, else ``d = √v + eps``; with momentum μ ``b ← μ·b + g/d`` and
    ``θ ← θ − lr·b``, else ``θ ← θ − lr·g/d``."""

    def __init__(self, lr: float = 0.01, alpha: float = 0.99, eps: float = 1e-8,
                 weight_decay: float = 0.0, momentum: float = 0.0,
                 centered: bool = False) -> None:
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.weight_decay, self.momentum, self.centered = weight_decay, momentum, centered
        self.square_avg: FloatArray | None = None
        self.grad_avg: FloatArray | None = None
        self.momentum_buffer: FloatArray | None = None

    def step(self, param: npt.ArrayLike, grad: npt.ArrayLike) -> FloatArray:
        """Return the parameter after one update; the running averages are kept here."""
        p, g = _inputs(param, grad)
        if self.weight_decay:
            g = g + self.weight_decay * p
        sq = np.zeros_like(p) if self.square_avg is None else self.square_avg
        self.square_avg = self.alpha * sq + (1 - self.alpha) * g * g
        if self.centered:
            ga = np.zeros_like(p) if self.grad_avg is None else self.grad_avg
            self.grad_avg = self.alpha * ga + (1 - self.alpha) * g
            denom = np.sqrt(self.square_avg - self.grad_avg ** 2) + self.eps
        else:
            denom = np.sqrt(self.square_avg) + self.eps
        if self.momentum > 0:
            buf = np.zeros_like(p) if self.momentum_buffer is None else self.momentum_buffer
            self.momentum_buffer = self.momentum * buf + g / denom
            return p - self.lr * self.momentum_buffer
        return p - self.lr * g / denom


class Adam:
    """Adam (Kingma & Ba) as torch.optim.Adam computes it, step t = 1, 2, …

    ``g = ∇ + λθ``, ``m ← β₁m + (1 − β₁)g``, ``v ← β₂v + (1 − β₂)g²``; with AMSGrad
    ``v̂ ← max(v̂, v)`` is used in place of v;
    ``θ ← θ − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + eps)``.
    """

    decoupled = False

    def __init__(self, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0.0, amsgrad: bool = False) -> None:
        self.lr, self.betas, self.eps = lr, betas, eps
        self.weight_decay, self.amsgrad = weight_decay, amsgrad
        self.step_count = 0
        self.exp_avg: FloatArray | None = None
        self.exp_avg_sq: FloatArray | None = None
        self.max_exp_avg_sq: FloatArray | None = None

    def step(self, param: npt.ArrayLike, grad: npt.ArrayLike) -> FloatArray:
        """Return the parameter after one update; moments and step count are kept here."""
        p, g = _inputs(param, grad)
        beta1, beta2 = self.betas
        self.step_count += 1
        t = self.step_count
        if self.weight_decay:
            if self.decoupled:
                p = p * (1 - self.lr * self.weight_decay)
            else:
                g = g + self.weight_decay * p
        m = np.zeros_like(p) if self.exp_avg is None else self.exp_avg
        v = np.zeros_like(p) if self.exp_avg_sq is None else self.exp_avg_sq
        self.exp_avg = beta1 * m + (1 - beta1) * g
        self.exp_avg_sq = beta2 * v + (1 - beta2) * g * g
        second: FloatArray = self.exp_avg_sq
        if self.amsgrad:
            prev = np.zeros_like(p) if self.max_exp_avg_sq is None else self.max_exp_avg_sq
            self.max_exp_avg_sq = np.maximum(prev, self.exp_avg_sq)
            second = self.max_exp_avg_sq
        step_size = self.lr / (1 - beta1 ** t)
        denom = np.sqrt(second) / math.sqrt(1 - beta2 ** t) + self.eps
        return p - step_size * self.exp_avg / denom


class AdamW(Adam):
    """AdamW (Loshchilov & Hutter): Adam with decoupled weight decay.

    ``θ ← θ·(1 − lr·λ)`` first, then the Adam update with the raw gradient (no λθ term).
    Default ``weight_decay = 1e-2`` as in PyTorch.
    """

    decoupled = True

    def __init__(self, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 1e-2, amsgrad: bool = False) -> None:
        super().__init__(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                         amsgrad=amsgrad)
