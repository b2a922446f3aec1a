"""Numbers in content/ssl_vision.md (notes 185–189), checked against the engine.

InfoNCE and the temperature softmaxes use the engine's cross-entropy and softmax; the SigLIP
loss uses its binary cross-entropy with logits; MAE token counts use the ViT patch geometry
(a 16×16, stride-16 conv) and per-layer MACs the linear-layer formula; the patch-normalised
target uses the engine's LayerNorm; EMA horizons and weighted k-NN votes are recomputed here.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from engine import shapes
from tests.unit.content.claims import Claim, check, claim_ids

SIMS = np.array([[0.9, 0.1], [0.2, 0.8]])
TEACHER = np.array([0.3, 0.2, 0.0])
KNN_SIMS = np.array([0.9, 0.85, 0.8, 0.6])
KNN_LABELS = ["cat", "dog", "dog", "cat"]


def uniform_infonce(n: int) -> float:
    return float(engine.cross_entropy(np.zeros((1, n)), np.array([0])))


def siglip_terms(t: float = 10.0, b: float = -5.0) -> np.ndarray:
    logits = t * SIMS + b
    labels = np.eye(2)
    return np.asarray(engine.binary_cross_entropy_with_logits(logits, labels, reduction="none"))


def tempered(logits: np.ndarray, temperature: float) -> np.ndarray:
    return engine.softmax(logits / temperature)


def dino_cross_entropy() -> tuple[float, float]:
    p_t = tempered(TEACHER, 0.04)
    p_s = tempered(np.array([0.25, 0.25, 0.0]), 0.1)
    return float(-(p_t * np.log(p_s)).sum()), float(-(p_t * np.log(p_t)).sum())


def tokens(image: int = 224, patch: int = 16) -> int:
    side = shapes.conv_output_size(image, patch, patch)
    return side * side


def encoder_layer_macs(n: int, d: int = 768) -> int:
    """Q, K, V, O projections and the 4d FFN (12·d² per token) plus QKᵀ and PV (2·n²·d)."""
    per_token = 4 * shapes.linear_macs(d, d) + 2 * shapes.linear_macs(d, 4 * d)
    return n * per_token + 2 * n * n * d


def knn_votes(temperature: float = 0.07) -> dict[str, float]:
    w = np.exp(KNN_SIMS / temperature)
    w = w / w.max()
    return {c: float(sum(wi for wi, lab in zip(w, KNN_LABELS, strict=True) if lab == c))
            for c in ("cat", "dog")}


CLAIMS = [
    # 185 InfoNCE bound and SigLIP
    Claim("185", r"batch 32,768 时 $\ln32768\approx10.3972$ nats", lambda: uniform_infonce(32768)),
    Claim("185", r"logit 为 $\begin{pmatrix}4&-4\\-3&3\end{pmatrix}$",
          lambda: (10 * SIMS - 5).ravel()),
    Claim("185", r"第一行两项都是 $\log(1+e^{-4})\approx0.0181$", lambda: siglip_terms()[0],
          at=(-1, -1)),
    Claim("185", r"第二行两项都是 $\log(1+e^{-3})\approx0.0486$", lambda: siglip_terms()[1],
          at=(-1, -1)),
    Claim("185", r"总和 $\approx0.1335$，除以 $N=2$ 得 $\approx0.0667$",
          lambda: (siglip_terms().sum(), 2, siglip_terms().sum() / 2)),
    Claim("185", r"初始化 $t'=\log10$ 即 $t=10$、$b=-10$", lambda: (math.exp(math.log(10)), -10),
          at=(1, 2)),
    # 186 momentum encoders
    Claim("186", r"有效记忆约 1000 步，1000 步前的参数仍占 $0.999^{1000}\approx0.3677$",
          lambda: (1 / (1 - 0.999), 1000, 0.999, 1000, 0.999**1000)),
    Claim("186", r"有效记忆约 250 步，1000 步前的权重只剩 $0.996^{1000}\approx0.0182$",
          lambda: (1 / (1 - 0.996), 1000, 0.996, 1000, 0.996**1000)),
    Claim("186", r"$\ln65536\approx11.09$ nats", lambda: uniform_infonce(65536)),
    Claim("186", r"$\ln256\approx5.545$", lambda: uniform_infonce(256)),
    # 187 DINO
    Claim("187", r"温度 0.04 时分布 $\approx[0.9237,0.0758,0.0005]$",
          lambda: tempered(TEACHER, 0.04)),
    Claim("187", r"温度 0.1 时 $\approx[0.7054,0.2595,0.0351]$", lambda: tempered(TEACHER, 0.1)),
    Claim("187", r"居中后为 $[0.1,0.1,0]$，温度 0.04 下分布 $\approx[0.4803,0.4803,0.0394]$",
          lambda: (*(TEACHER - np.array([0.2, 0.1, 0.0])), 0.04,
                   *tempered(TEACHER - np.array([0.2, 0.1, 0.0]), 0.04))),
    Claim("187", r"在温度 0.1 下分布也是 $\approx[0.4803,0.4803,0.0394]$",
          lambda: (0.1, *tempered(np.array([0.25, 0.25, 0.0]), 0.1))),
    Claim("187", "交叉熵约 0.7346，而教师分布自身的熵约 0.2728", lambda: dino_cross_entropy()),
    # 188 MAE
    Claim("188", r"$14\times14=196$ 个 patch，遮掉 147 个，编码器只处理 49 个",
          lambda: (14, 14, tokens(), int(tokens() * 0.75), tokens() - int(tokens() * 0.75))),
    Claim("188", r"$12\cdot196\cdot768^2+2\cdot196^2\cdot768=1{,}446{,}273{,}024$",
          lambda: encoder_layer_macs(196)),
    Claim("188", r"49 个 token 时 $350{,}504{,}448$，约少 4.13 倍",
          lambda: (encoder_layer_macs(49), encoder_layer_macs(196) / encoder_layer_macs(49))),
    Claim("188", r"$[1,2,3,4]$ 归一化后的重建目标约为 $[-1.3416,-0.4472,0.4472,1.3416]$",
          lambda: engine.layer_norm(np.array([1.0, 2.0, 3.0, 4.0]), 4, eps=1e-6)),
    # 189 weighted k-NN
    Claim("189", r"得 $[1,0.4895,0.2397,0.0138]$",
          lambda: np.exp(KNN_SIMS / 0.07) / np.exp(KNN_SIMS / 0.07).max()),
    Claim("189", r"猫 $\approx1.0138$、狗 $\approx0.7292$",
          lambda: (knn_votes()["cat"], knn_votes()["dog"])),
    Claim("189", "猫的票数占比约 0.5816",
          lambda: knn_votes()["cat"] / (knn_votes()["cat"] + knn_votes()["dog"])),
    Claim("189", r"$k=20$ 个邻居，按 $e^{s/T}$（$T=0.07$）", lambda: (20, 0.07), at=(0, -1)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)


def test_unweighted_knn_is_a_tie() -> None:
    # Note 189: "不加权时 2:2 平票".
    assert KNN_LABELS.count("cat") == KNN_LABELS.count("dog") == 2
