"""Numbers in content/stability.md (notes 161–166), checked against the engine or re-derived.

Softmax, entropy and the Adam step come from the engine; gradient clipping, z-loss, soft-capping
and the Newton–Schulz iteration are re-derived here from their defining formulas (the engine has
no such functions), and bf16 rounding uses the bit-level rounding of the training-notes test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from tests.unit.content.claims import Claim, check, claim_ids
from tests.unit.content.test_numbers_seg_training import to_bf16

GRADS = (np.array([3.0, 4.0]), np.array([12.0]))
NS_COEFFS = (3.4445, -4.7750, 2.0315)


def global_norm() -> float:
    return math.sqrt(sum(float(np.sum(g * g)) for g in GRADS))


def clipped(max_norm: float = 1.0) -> np.ndarray:
    scale = min(1.0, max_norm / global_norm())
    return np.concatenate([g * scale for g in GRADS])


def log_z(logits: list[float]) -> float:
    """log Σ exp(z), via the engine's log-softmax: log Z = z_0 − log p_0."""
    z = np.array(logits, float)
    return float(z[0] - engine.log_softmax(z)[0])


def entropy(logits: list[float]) -> tuple[float, float]:
    p = engine.softmax(np.array(logits, float))
    return float(p.max()), float(-(p * np.log(p)).sum())


def softcap(x: float, cap: float) -> tuple[float, float]:
    """(cap·tanh(x/cap), its derivative), using the engine's tanh."""
    t = float(engine.tanh(x / cap))
    return cap * t, 1 - t * t


def adam_output_change(width: int, lr: float) -> float:
    """|Δy_i| after one Adam step on y = W x with x = 1 and dL/dy = 1 (so ∇W = 1·xᵀ)."""
    w = np.zeros((2, width))
    grad = np.ones((2, 1)) @ np.ones((1, width))
    new_w = engine.Adam(lr=lr).step(w, grad)
    return float(abs(((new_w - w) @ np.ones(width))[0]))


def newton_schulz(g: np.ndarray, steps: int = 5) -> np.ndarray:
    """Muon's quintic iteration X ← aX + (bA + cA²)X with A = XXᵀ, after Frobenius scaling."""
    a, b, c = NS_COEFFS
    x = g / np.linalg.norm(g)
    for _ in range(steps):
        gram = x @ x.T
        x = a * x + (b * gram + c * gram @ gram) @ x
    return np.asarray(x, dtype=np.float64)


def singular_values(x: np.ndarray) -> np.ndarray:
    return np.linalg.svd(x, compute_uv=False)


G_MUON = np.diag([1.0, 0.1])

CLAIMS = [
    # 161 loss spikes: global-norm clipping and the β2 memory
    Claim("161", r"全局范数 $\sqrt{9+16+144}=13$", global_norm),
    Claim("161", r"缩放系数 $1/13\approx0.0769$", lambda: min(1.0, 1.0 / global_norm())),
    Claim("161", r"裁剪后梯度为 $[0.2308,0.3077]$ 与 $[0.9231]$", clipped),
    Claim("161", r"$\beta_2=0.95$ 约 20 步，$\beta_2=0.999$ 约 1000 步",
          lambda: (0.95, 1 / (1 - 0.95), 0.999, 1 / (1 - 0.999))),
    # 162 z-loss
    Claim("162", r"$\log Z=\log(e^2+e+1)\approx2.4076$", lambda: log_z([2, 1, 0])),
    Claim("162", r"交叉熵 $\approx0.4076$",
          lambda: engine.cross_entropy(np.array([[2.0, 1.0, 0.0]]), np.array([0]))),
    Claim("162", r"z-loss $\approx0.00058$", lambda: 1e-4 * log_z([2, 1, 0]) ** 2),
    Claim("162", r"全部加 30 后概率和交叉熵都不变，但 $\log Z\approx32.4076$，"
          r"z-loss 变成 $\approx0.1050$",
          lambda: (30, log_z([32, 31, 30]), 1e-4 * log_z([32, 31, 30]) ** 2)),
    Claim("162", r"梯度 $2\times10^{-4}\times32.4076\times p\approx[0.0043,0.0016,0.0006]$",
          lambda: 2e-4 * log_z([32, 31, 30]) * engine.softmax([32.0, 31.0, 30.0])),
    Claim("162", "bf16 中 301 会被存成 300、257 存成 256",
          lambda: (301, to_bf16(301), 257, to_bf16(257))),
    Claim("162", r"在 $[256, 512)$ 区间相邻可表示数相差 2",
          lambda: (256, 512, to_bf16(258) - to_bf16(256))),
    # 163 QK-norm
    Claim("163", r"softmax 最大权重 $\approx0.4754$，熵 $\approx1.2683$ nats",
          lambda: entropy([1, 0, 0, 0])),
    Claim("163", r"均匀分布为 $\ln4\approx1.3863$", lambda: (4, math.log(4))),
    Claim("163", r"logits 变成 $[9,0,0,0]$：最大权重 $\approx0.9996$，熵 $\approx0.0037$",
          lambda: (3 * 3, *entropy([9, 0, 0, 0])), at=(0, -2, -1)),
    Claim("163", r"不超过 $\sqrt{128}\approx11.31$",
          lambda: float(np.ones(128) @ np.ones(128)) / math.sqrt(128)),
    # 164 soft-capping
    Claim("164", r"$x=10$ 变为 $30\tanh(1/3)\approx9.645$，导数 $\approx0.8966$",
          lambda: softcap(10, 30)),
    Claim("164", r"$x=60$ 变为 $30\tanh 2\approx28.921$，导数只剩 $\approx0.0707$",
          lambda: softcap(60, 30)),
    Claim("164", r"$x=100$ 变为 $\approx29.924$，导数 $\approx0.0051$", lambda: softcap(100, 30)),
    Claim("164", r"$x=100$ 变为 $50\tanh2\approx48.201$", lambda: softcap(100, 50)[0]),
    # 165 μP: one Adam step moves y by lr·width
    Claim("165", r"宽度 256、$\eta=0.01$ 时 $|\Delta y_i|=2.56$",
          lambda: adam_output_change(256, 0.01)),
    Claim("165", r"$|\Delta y_i|=40.96$，大了 16 倍",
          lambda: (adam_output_change(4096, 0.01),
                   adam_output_change(4096, 0.01) / adam_output_change(256, 0.01))),
    Claim("165", r"$0.01/16=0.000625$，$|\Delta y_i|$ 回到 2.56",
          lambda: (0.01 / (4096 / 256), adam_output_change(4096, 0.01 / 16)), at=(2, 3)),
    Claim("165", r"$8/64=0.125$，正好等于 $1/\sqrt{64}$", lambda: 8 / 64, at=(2,)),
    Claim("165", r"$8/64=0.125$，正好等于 $1/\sqrt{64}$", lambda: 1 / math.sqrt(64), at=(2,)),
    # 166 Muon
    Claim("166", r"除以 Frobenius 范数 $\sqrt{1.01}$ 后为 $0.9950$ 与 $0.0995$",
          lambda: (float(np.sum(G_MUON**2)), *singular_values(G_MUON / np.linalg.norm(G_MUON)))),
    Claim("166", r"五次 Newton–Schulz 后约为 $0.7020$ 与 $0.7087$",
          lambda: np.sort(singular_values(newton_schulz(G_MUON)))),
    Claim("166", r"RMS 是 $1/\sqrt{4096}=0.015625$",
          lambda: math.sqrt(np.mean(np.eye(4096) ** 2))),
    Claim("166", r"乘以 $0.2\sqrt{4096}=12.8$ 后 RMS 为 $0.2$",
          lambda: (0.2 * math.sqrt(4096),
                   0.2 * math.sqrt(4096) * math.sqrt(np.mean(np.eye(4096) ** 2))), at=(-2, -1)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)

