"""Numbers in content/multimodal.md and content/diffusion.md (notes 207–215).

Patch grids are the output size of a stride-p, kernel-p convolution (engine.shapes), the MLP
connector is counted layer by layer with engine.shapes.linear_params, softmax is the engine's;
the DDIM step, the CFG combination and the consistency-model coefficients are evaluated from
their definitions, and the CFG equality is checked by computing both conventions separately.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from engine import shapes
from engine.questions.kinds.ddpm_alpha_bar import alpha_bar, linear_betas
from tests.unit.content.claims import Claim, check, claim_ids


def patches(side: int, patch: int) -> int:
    grid = shapes.conv_output_size(side, patch, patch)
    return grid * grid


def ddim_step(x_t: float, eps: float, abar_t: float, abar_prev: float) -> tuple[float, float]:
    x0 = (x_t - math.sqrt(1 - abar_t) * eps) / math.sqrt(abar_t)
    return x0, math.sqrt(abar_prev) * x0 + math.sqrt(1 - abar_prev) * eps


def c_skip_out(t: float, sigma: float = 0.5, eps: float = 0.002) -> tuple[float, float]:
    return (sigma**2 / ((t - eps) ** 2 + sigma**2),
            sigma * (t - eps) / math.sqrt(sigma**2 + t**2))


def cosine_betas(t_max: int = 1000, s: float = 0.008) -> np.ndarray:
    """Improved DDPM: β_t = 1 − ᾱ_t/ᾱ_{t−1} from the squared-cosine ᾱ, clipped at 0.999."""
    f = np.cos((np.arange(t_max + 1) / t_max + s) / (1 + s) * np.pi / 2) ** 2
    return np.asarray(np.minimum(1 - f[1:] / f[:-1], 0.999))


LINEAR = linear_betas(1e-4, 0.02, 1000)
SCALED_LINEAR = np.linspace(math.sqrt(0.00085), math.sqrt(0.012), 1000) ** 2

def snr(t: int) -> float:
    a = alpha_bar(LINEAR, t)
    return a / (1 - a)


def min_snr_eps_weight(t: int, gamma: float = 5.0) -> float:
    return min(snr(t), gamma) / snr(t)


CONNECTOR = shapes.linear_params(1024, 4096) + shapes.linear_params(4096, 4096)

CLAIMS = [
    # 207 LLaVA
    Claim("207", r"在 224×224 时每张图 $16\times16=256$ 个 patch，"
          r"在 336×336 时 $24\times24=576$ 个",
          lambda: (patches(224, 14), patches(336, 14)), at=(4, -1)),
    Claim("207", r"$1024\times4096+4096+4096\times4096+4096=20{,}979{,}712$ 个参数，约 21M",
          lambda: (CONNECTOR, round(CONNECTOR / 1e6)), at=(-2, -1)),
    Claim("207", r"视觉 token 变成 $5\times576=2880$ 个",
          lambda: (2 * 2 + 1) * patches(336, 14), at=(-1,)),
    # 208 Q-Former
    Claim("208", r"在 224×224 输入下输出 $16\times16+1=257$ 个 1408 维特征",
          lambda: patches(224, 14) + 1, at=(5,)),
    Claim("208", "257/32 ≈ 8.03", lambda: 257 / 32, at=(-1,)),
    # 209 tokenizers
    Claim("209", r"$256\times256\times3\times8=1{,}572{,}864$ bit", lambda: 256 * 256 * 3 * 8,
          at=(-1,)),
    Claim("209", r"得到 256 个 token，每个 $\log_2 1024=10$ bit，共 2560 bit，压缩约 614.4 倍",
          lambda: (patches(256, 16), math.log2(1024), patches(256, 16) * math.log2(1024),
                   256 * 256 * 3 * 8 / (patches(256, 16) * math.log2(1024))),
          at=(0, 2, 3, 4)),
    Claim("209", r"隐式码本大小 $8\times5\times5\times5=1000$", lambda: math.prod([8, 5, 5, 5]),
          at=(-1,)),
    # 210 CLIP zero-shot
    Claim("210", r"乘以 $s=100$ 得 logits $30,25,20$，softmax 后概率约为 $[0.9933,0.0067,0.0000]$",
          lambda: (*(100 * np.array([0.30, 0.25, 0.20])),
                   *engine.softmax(100 * np.array([0.30, 0.25, 0.20]))), at=(1, 2, 3, 4, 5, 6)),
    # 265 Min-SNR
    Claim("265", r"$\bar\alpha\approx0.9981$，SNR 约 526.76，$\epsilon$ 预测的 Min-SNR 权重只有 "
          r"$5/526.76\approx0.0095$",
          lambda: (alpha_bar(LINEAR, 10), snr(10), min_snr_eps_weight(10)), at=(0, 1, -1)),
    Claim("265", "SNR 约 8.7104，权重约 0.5740", lambda: (snr(100), min_snr_eps_weight(100))),
    Claim("265", "SNR 约 1.1012，已小于 5，权重为 1",
          lambda: (snr(250), 5, min_snr_eps_weight(250))),
    # 260 dynamic resolution: patches, then 2×2 merging
    Claim("260", "一张 224×224 的图最终只有 64 个视觉 token（加上开始、结束标记共 66 个）",
          lambda: (patches(224, 14) // 4, patches(224, 14) // 4 + 2), at=(2, 3)),
    Claim("260", r"224×224 的图有 $16\times16=256$ 个 patch，2×2 合并后为 64 个 token",
          lambda: (patches(224, 14), patches(224, 14) // 4), at=(4, -1)),
    Claim("260", r"一张 1344×896 的文档图有 $96\times64=6144$ 个 patch，合并后为 1536 个 token，"
          "是 224 小图的 24 倍",
          lambda: (shapes.conv_output_size(1344, 14, 14) * shapes.conv_output_size(896, 14, 14),
                   shapes.conv_output_size(1344, 14, 14) * shapes.conv_output_size(896, 14, 14)
                   // 4, 1536 // 64), at=(4, 5, 7)),
    Claim("260", "固定缩放到 336×336，无论原图多大都是 576 个 token", lambda: patches(336, 14),
          at=(-1,)),
    # 211 DDIM
    Claim("211", r"$\hat x_0=(1-\sqrt{0.5}\times0.5)/\sqrt{0.5}\approx0.9142$",
          lambda: ddim_step(1.0, 0.5, 0.5, 0.8)[0], at=(-1,)),
    Claim("211", r"$x_{t-1}=\sqrt{0.8}\times0.9142+\sqrt{0.2}\times0.5\approx1.0413$",
          lambda: ddim_step(1.0, 0.5, 0.5, 0.8)[1], at=(-1,)),
    # 212 CFG, both conventions computed separately
    Claim("212", r"$s=7.5$：$\tilde\epsilon=0.2+7.5\times0.3=2.45$",
          lambda: 0.2 + 7.5 * (0.5 - 0.2), at=(-1,)),
    Claim("212", r"$(1+6.5)\times0.5-6.5\times0.2=2.45$", lambda: (1 + 6.5) * 0.5 - 6.5 * 0.2,
          at=(-1,)),
    Claim("212", r"SD 的默认 $s=7.5$ 对应论文的 $w=6.5$", lambda: 7.5 - 1, at=(-1,)),
    # 213 latent diffusion
    Claim("213", r"$512\times512\times3=786{,}432$ 个数", lambda: 512 * 512 * 3, at=(-1,)),
    Claim("213", r"$64\times64\times4=16{,}384$ 个数，少了 48 倍",
          lambda: (64 * 64 * 4, 512 * 512 * 3 / (64 * 64 * 4)), at=(-2, -1)),
    Claim("213", "序列长度是 4096；在像素上做则是 262,144，注意力矩阵大 4096 倍",
          lambda: (64 * 64, 512 * 512, (512 * 512 / (64 * 64)) ** 2)),
    # 214 DiT
    Claim("214", r"$(32/2)^2=256$、$(32/4)^2=64$、$(32/8)^2=16$",
          lambda: (patches(32, 2), patches(32, 4), patches(32, 8)), at=(3, 7, 11)),
    Claim("214", "token 数变为 4 倍，注意力矩阵变为 16 倍",
          lambda: (patches(32, 2) / patches(32, 4), (patches(32, 2) / patches(32, 4)) ** 2)),
    # 215 consistency models
    Claim("215", r"$c_{\text{skip}}=0.25/(0.998^2+0.25)\approx0.2006$",
          lambda: c_skip_out(1.0)[0], at=(-1,)),
    Claim("215", r"$c_{\text{out}}=0.5\times0.998/\sqrt{1.25}\approx0.4463$",
          lambda: c_skip_out(1.0)[1], at=(-1,)),
    Claim("215", r"$\log_2(1024/4)=8$ 轮", lambda: math.log2(1024 / 4), at=(-1,)),
    # 257 noise schedules
    Claim("257", r"到一半时 $\bar\alpha$ 已不到 0.08", lambda: round(alpha_bar(LINEAR, 500), 2)),
    Claim("257", r"linear 日程下 $\bar\alpha_{250}\approx0.5241$、$\bar\alpha_{500}\approx0.0786$、"
          r"$\bar\alpha_{750}\approx0.0034$",
          lambda: [alpha_bar(LINEAR, t) for t in (250, 500, 750)], at=(1, 3, 5)),
    Claim("257", "cosine 日程下分别约为 $0.8470$、$0.4938$、$0.1443$",
          lambda: [alpha_bar(cosine_betas(), t) for t in (250, 500, 750)]),
    Claim("257", r"linear 的终点 $\bar\alpha_{1000}\approx4.04\times10^{-5}$，信号系数约 0.0064",
          lambda: (alpha_bar(LINEAR, 1000) * 1e5, math.sqrt(alpha_bar(LINEAR, 1000))),
          at=(1, -1)),
    Claim("257", r"终点 $\bar\alpha\approx0.0047$，信号系数约 0.0683，是前者的 10 倍多",
          lambda: (alpha_bar(SCALED_LINEAR, 1000), math.sqrt(alpha_bar(SCALED_LINEAR, 1000)),
                   math.floor(math.sqrt(alpha_bar(SCALED_LINEAR, 1000)
                                        / alpha_bar(LINEAR, 1000))))),
    Claim("257", r"$\sqrt{\bar\alpha_T}\approx0.068$",
          lambda: math.sqrt(alpha_bar(SCALED_LINEAR, 1000)), at=(-1,)),
]


def test_consistency_boundary_condition() -> None:
    """Note 215: at t = ε the parameterisation is the identity (c_skip = 1, c_out = 0)."""
    assert c_skip_out(0.002) == (1.0, 0.0)


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
