"""Numbers in content/transformers.md, checked against the engine.

Parameter counts and MACs use engine.shapes' linear/conv formulas; softmax, LayerNorm and
cross-entropy values use the engine ops. Pure bookkeeping with no engine counterpart (KV-cache
bytes, Chinchilla budgets, RoPE frequencies, DDPM noise schedule) is re-derived here from the
defining formula.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from engine import shapes
from tests.unit.content.claims import Claim, check, claim_ids

lin = shapes.linear_params
MIB, GIB = 2**20, 2**30


def mha_params(d: int) -> int:
    return 4 * lin(d, d)


def ffn_params(d: int, d_ff: int) -> int:
    return lin(d, d_ff) + lin(d_ff, d)


def attn_macs(n: int, d: int) -> tuple[int, int]:
    """(Q, K, V, O projections, QKᵀ plus PV) multiply-accumulates for one sequence."""
    return 4 * n * shapes.linear_macs(d, d), 2 * n * n * d


def encoder_layer(d: int, d_ff: int) -> int:
    return mha_params(d) + ffn_params(d, d_ff) + 2 * 2 * d


def bert_base() -> tuple[int, int, int, int]:
    d = 768
    embed = 30522 * d + 512 * d + 2 * d + 2 * d
    layer = encoder_layer(d, 3072)
    pooler = lin(d, d)
    return embed, layer, pooler, embed + 12 * layer + pooler


def bert(d: int, layers: int) -> int:
    """BERT with a 4d feed-forward, 30522-token vocabulary, 512 positions and the pooler."""
    embed = 30522 * d + 512 * d + 2 * d + 2 * d
    return embed + layers * encoder_layer(d, 4 * d) + lin(d, d)


def gpt3_175b() -> int:
    """96 pre-LN blocks at d=12288 (4d MLP, biases, two LayerNorms), tied 50257-token
    embeddings, 2048 learned positions, the final LayerNorm."""
    d = 12288
    block = mha_params(d) + ffn_params(d, 4 * d) + 2 * 2 * d
    return 96 * block + 50257 * d + 2048 * d + 2 * d


def vit_b16() -> int:
    d, tokens = 768, (224 // 16) ** 2 + 1
    patch = shapes.conv2d_params(3, d, 16)
    return patch + d + tokens * d + 12 * encoder_layer(d, 3072) + 2 * d + lin(d, 1000)


def vit_b_macs(patch: int) -> tuple[int, int, int]:
    """(tokens, attention QKᵀ+PV MACs over 12 layers, whole-model MACs) of ViT-B at 224²:
    per layer 12·N·d² for Q, K, V, O and the 4d MLP plus 2·N²·d, then patch embedding and head."""
    d, side = 768, 224 // patch
    n = side * side + 1
    attention = 12 * 2 * n * n * d
    dense = 12 * (4 * n * shapes.linear_macs(d, d) + n * (shapes.linear_macs(d, 4 * d)
                                                           + shapes.linear_macs(4 * d, d)))
    stem = shapes.conv2d_macs(3, d, patch, side, side) + shapes.linear_macs(d, 1000)
    return n, attention, attention + dense + stem


def kv_bytes(layers: int, kv_heads: int, d_head: int = 128, dtype_bytes: int = 2) -> int:
    return 2 * layers * kv_heads * d_head * dtype_bytes


def rope_theta(i: int, d_head: int = 128) -> float:
    theta: float = 10000.0 ** (-2 * i / d_head)  # float ** float is typed Any (may be complex)
    return theta


def alpha_bar(t: int) -> float:
    betas = np.linspace(1e-4, 0.02, 1000)
    return float(np.prod(1 - betas[:t]))


def softmax_t(logits: list[float], temperature: float) -> np.ndarray:
    return engine.softmax(np.array(logits, float) / temperature)


def online_softmax() -> tuple[float, float, float]:
    l1 = float(np.exp(np.array([1.0, 2.0]) - 2).sum())
    merged = math.exp(2 - 3) * l1 + 1.0
    return l1, merged, float(np.exp(np.array([1.0, 2.0, 3.0]) - 3).sum())


CLIP_LOGITS = np.array([[9.0, 1.0], [2.0, 8.0]])


def clip_losses() -> tuple[float, float, float, float, float]:
    rows = [engine.cross_entropy(CLIP_LOGITS[i:i + 1], np.array([i]), reduction="mean")
            for i in range(2)]
    cols = [engine.cross_entropy(CLIP_LOGITS.T[i:i + 1], np.array([i])) for i in range(2)]
    i2t = engine.cross_entropy(CLIP_LOGITS, np.array([0, 1]))
    t2i = engine.cross_entropy(CLIP_LOGITS.T, np.array([0, 1]))
    return rows[0], rows[1], i2t, cols[0], (i2t + t2i) / 2


CLAIMS = [
    # 086 scaled dot-product attention
    Claim("086", r"点积 $=[2,0,2]$，除以 $\sqrt 4=2$ 得 $[1,0,1]$",
          lambda: np.array([[1, 0, 1, 0]]) @ np.array([[1, 0, 1, 0], [0, 1, 0, 1], [1, 1, 1, 1]]).T
          / 2, at=(-3, -2, -1)),
    Claim("086", r"softmax 后权重 $\approx[0.4223,0.1554,0.4223]$",
          lambda: engine.softmax([1.0, 0.0, 1.0])),
    # 087 attention complexity
    Claim("087", r"$12\times4096^2\times2=402{,}653{,}184$ bytes $=384$ MiB",
          lambda: (12 * 4096**2 * 2, 12 * 4096**2 * 2 / MIB), at=(-2, -1)),
    Claim("087", r"投影 $4nd^2=2{,}147{,}483{,}648$ MACs，注意力 $2n^2d=4{,}294{,}967{,}296$ MACs，"
          "后者已是前者的 2 倍",
          lambda: (lambda a: (a[0], a[1], a[1] / a[0]))(attn_macs(2048, 512)), at=(2, 5, 6)),
    # 088 multi-head attention
    Claim("088", "`nn.MultiheadAttention(512, 8)` 的参数量就是 1,050,624",
          lambda: mha_params(512), at=(-1,)),
    Claim("088", r"$4\times512^2+4\times512=1{,}050{,}624$", lambda: mha_params(512)),
    Claim("088", r"$4\times768^2+4\times768=2{,}362{,}368$", lambda: mha_params(768)),
    Claim("088", r"投影 $4\times1024\times768^2=2{,}415{,}919{,}104$ MACs",
          lambda: attn_macs(1024, 768)[0]),
    Claim("088", r"注意力 $2\times1024^2\times768=1{,}610{,}612{,}736$ MACs",
          lambda: attn_macs(1024, 768)[1]),
    Claim("088", r"合计 $4{,}026{,}531{,}840$ MACs，约 $8{,}053{,}063{,}680$ FLOPs（≈8.05 GFLOPs）",
          lambda: (sum(attn_macs(1024, 768)),
                   shapes.flops_from_macs(sum(attn_macs(1024, 768)), "2mac"),
                   shapes.flops_from_macs(sum(attn_macs(1024, 768)), "2mac") / 1e9)),
    # 090 sinusoidal positions
    Claim("090", r"$PE=\sin(1)\approx0.8415$，下一维 $\cos(1)\approx0.5403$",
          lambda: (math.sin(1 / 10000 ** (0 / 512)), math.cos(1 / 10000 ** (0 / 512))), at=(1, 3)),
    Claim("090", r"$2\pi\approx6.28$ 到 $10000\cdot2\pi\approx62{,}832$",
          lambda: (2 * math.pi, round(10000 * 2 * math.pi)), at=(1, -1)),
    # 091 RoPE
    Claim("091", r"$\theta_1=10000^{-2/128}\approx0.8660$", lambda: rope_theta(1)),
    Claim("091", r"$\theta_{63}=10000^{-126/128}\approx1.155\times10^{-4}$",
          lambda: rope_theta(63) / 1e-4, at=(-3,)),
    Claim("091", r"$2\pi/\theta_{63}\approx54{,}410$", lambda: round(2 * math.pi / rope_theta(63))),
    # 092 ALiBi
    Claim("092", "$1/2, 1/4, 1/8, 1/16, 1/32, 1/64, 1/128, 1/256$",
          lambda: [1 / (2.0 ** (-8 * k / 8)) for k in range(1, 9)], at=tuple(range(1, 16, 2))),
    Claim("092", "距离 3，偏置为 $-1.5$", lambda: (5 - 2, -0.5 * (5 - 2))),
    # 093 encoder block
    Claim("093", r"MHA $4\cdot512^2+4\cdot512=1{,}050{,}624$", lambda: mha_params(512)),
    Claim("093", r"FFN $2\cdot512\cdot2048+2048+512=2{,}099{,}712$", lambda: ffn_params(512, 2048)),
    Claim("093", r"两个 LayerNorm $2\cdot2\cdot512=2{,}048$，合计 $3{,}152{,}384$",
          lambda: (2 * 2 * 512, encoder_layer(512, 2048)), at=(-2, -1)),
    # 094 FFN / SwiGLU
    Claim("094", r"$2\times768\times3072+3072+768=4{,}722{,}432$", lambda: ffn_params(768, 3072)),
    Claim("094", r"$3\times4096\times11008=135{,}266{,}304$",
          lambda: 3 * lin(4096, 11008, bias=False)),
    Claim("094", r"$2\times4096\times16384=134{,}217{,}728$",
          lambda: lin(4096, 16384, bias=False) + lin(16384, 4096, bias=False)),
    Claim("094", r"$\tfrac{8}{3}\times4096\approx10923$", lambda: round(8 / 3 * 4096)),
    # 096 / 097 LayerNorm and RMSNorm on [1, 2, 3, 4], ε ignored
    Claim("096", r"$\mu=2.5$，$\sigma^2=1.25$",
          lambda: (np.mean([1, 2, 3, 4]), np.var([1, 2, 3, 4])),
          at=(0, 2)),
    Claim("096", r"LN 输出 $\approx[-1.3416,-0.4472,0.4472,1.3416]$",
          lambda: engine.layer_norm(np.array([1.0, 2.0, 3.0, 4.0]), 4, eps=0.0)),
    Claim("097", r"输出 $\approx[-1.3416,-0.4472,0.4472,1.3416]$。RMSNorm",
          lambda: engine.layer_norm(np.array([1.0, 2.0, 3.0, 4.0]), 4, eps=0.0), at=(0, 1, 2, 3)),
    Claim("097", r"$\mathrm{RMS}=\sqrt{(1+4+9+16)/4}=\sqrt{7.5}\approx2.7386$",
          lambda: math.sqrt(np.mean(np.square([1.0, 2.0, 3.0, 4.0])))),
    Claim("097", r"输出 $\approx[0.3651,0.7303,1.0954,1.4606]$",
          lambda: np.array([1.0, 2.0, 3.0, 4.0]) / math.sqrt(7.5)),
    # 098 BERT-base parameter count
    Claim("098", r"$30522\cdot768+512\cdot768+2\cdot768+2\cdot768=23{,}837{,}184$",
          lambda: bert_base()[0]),
    Claim("098", r"每层 $7{,}087{,}872$，12 层 $85{,}054{,}464$",
          lambda: (bert_base()[1], 12 * bert_base()[1]), at=(0, -1)),
    Claim("098", r"pooler $768^2+768=590{,}592$；合计 $109{,}482{,}240$",
          lambda: (bert_base()[2], bert_base()[3]), at=(-2, -1)),
    Claim("098", r"$12\cdot12\cdot768^2=84{,}934{,}656$，与 12 层的精确值只差约 0.14%",
          lambda: (12 * 12 * 768**2, 100 * (12 * bert_base()[1] - 12 * 12 * 768**2)
                   / (12 * bert_base()[1])), at=(-3, -1)),
    Claim("098", r"$12\cdot32\cdot4096^2=6{,}442{,}450{,}944\approx6.4$B",
          lambda: (12 * 32 * 4096**2, 12 * 32 * 4096**2 / 1e9), at=(-2, -1)),
    Claim("098", r"$250000\times768\approx192$M", lambda: 250000 * 768 / 1e6),
    # 103 model sizes, rounded as the note rounds them (to 10M, and to 1B)
    Claim("103", r"BERT-base 为 12 层、$d=768$、12 个 head，约 110",
          lambda: round(bert(768, 12) / 1e7) * 10),
    Claim("103", r"BERT-large 为 24 层、$d=1024$、16 个 head，约 340",
          lambda: round(bert(1024, 24) / 1e7) * 10),
    Claim("103", r"GPT-3 最大为 96 层、$d=12288$、175", lambda: round(gpt3_175b() / 1e9)),
    # 099 ViT patch embedding
    Claim("099", r"$\lfloor(224-16)/16\rfloor+1=14$，共 $14\times14=196$ 个 patch，"
          "加 `[CLS]` 为 197",
          lambda: (lambda s: (s, s * s, s * s + 1))(shapes.conv_output_size(224, 16, 16)),
          at=(4, 7, 8)),
    Claim("099", r"$16\cdot16\cdot3\cdot768+768=590{,}592$",
          lambda: shapes.conv2d_params(3, 768, 16)),
    Claim("099", r"位置 embedding $197\times768=151{,}296$", lambda: 197 * 768),
    Claim("099", "`vit_b_16` 总参数 86,567,656", lambda: vit_b16(), at=(-1,)),
    Claim("099", r"$384/16=24$，token 数 $24^2+1=577$",
          lambda: (shapes.conv_output_size(384, 16, 16),
                   shapes.conv_output_size(384, 16, 16) ** 2 + 1), at=(2, -1)),
    Claim("099", r"$12\times2\times197^2\times768=715{,}327{,}488$ MACs，"
          r"占全模型（含 patch embedding 与分类头）$17{,}563{,}828{,}224$ MACs 的 4.07%",
          lambda: (*vit_b_macs(16)[1:], 100 * vit_b_macs(16)[1] / vit_b_macs(16)[2]),
          at=(-3, -2, -1)),
    Claim("099", r"$P=8$（$28\times28+1=785$ 个 token）时全模型 $78{,}148{,}337{,}664$ MACs，"
          "是 $P=16$ 的 4.45 倍",
          lambda: (vit_b_macs(8)[0], vit_b_macs(8)[2], vit_b_macs(8)[2] / vit_b_macs(16)[2]),
          at=(4, 5, -1)),
    # 100 / 101 KV cache
    Claim("100", r"$2\cdot32\cdot32\cdot128\cdot2=524{,}288$ bytes $=0.5$ MiB",
          lambda: (kv_bytes(32, 32), kv_bytes(32, 32) / MIB), at=(-2, -1)),
    Claim("100", "序列 4096 时每条 2 GiB；batch 8 时 16 GiB",
          lambda: (kv_bytes(32, 32) * 4096 / GIB, kv_bytes(32, 32) * 4096 * 8 / GIB), at=(1, 3)),
    Claim("101", r"$2\cdot80\cdot8\cdot128\cdot2=327{,}680$ bytes（320 KiB）",
          lambda: (kv_bytes(80, 8), kv_bytes(80, 8) / 1024), at=(-2, -1)),
    Claim("101", r"$2\cdot80\cdot64\cdot128\cdot2=2{,}621{,}440$ bytes（2.5 MiB），省 8 倍",
          lambda: (kv_bytes(80, 64), kv_bytes(80, 64) / MIB, kv_bytes(80, 64) / kv_bytes(80, 8)),
          at=(-3, -2, -1)),
    Claim("101", "4096 个 token：1.25 GiB 对比 10 GiB",
          lambda: (4096 * kv_bytes(80, 8) / GIB, 4096 * kv_bytes(80, 64) / GIB), at=(1, 2)),
    Claim("101", r"$2\cdot32\cdot1\cdot128\cdot2=16{,}384$ bytes", lambda: kv_bytes(32, 1)),
    # 102 FlashAttention online softmax
    Claim("102", r"$\ell_1=e^{-1}+1\approx1.3679$", lambda: online_softmax()[0]),
    Claim("102", r"$\ell=e^{-1}\cdot1.3679+1\approx1.5032$", lambda: online_softmax()[1]),
    Claim("102", r"$e^{-2}+e^{-1}+e^{0}\approx1.5032$", lambda: online_softmax()[2]),
    Claim("102", r"softmax 为 $\approx[0.0900,0.2447,0.6652]$",
          lambda: engine.softmax([1.0, 2.0, 3.0])),
    # 105 decoding
    Claim("105", r"$T=1$：$p\approx[0.665,0.245,0.090]$", lambda: softmax_t([2, 1, 0], 1.0),
          at=(-3, -2, -1)),
    Claim("105", r"$T=0.5$：$\approx[0.867,0.117,0.016]$", lambda: softmax_t([2, 1, 0], 0.5),
          at=(-3, -2, -1)),
    Claim("105", r"$T=2$：$\approx[0.506,0.307,0.186]$", lambda: softmax_t([2, 1, 0], 2.0),
          at=(-3, -2, -1)),
    Claim("105", r"累加 $0.665+0.245=0.910\ge0.9$",
          lambda: softmax_t([2, 1, 0], 1.0)[:2].sum(), at=(2,)),
    Claim("105", r"归一化为 $\approx[0.731,0.269]$",
          lambda: (lambda q: q[:2] / q[:2].sum())(softmax_t([2, 1, 0], 1.0))),
    # 106 scaling laws
    Claim("106", r"$1.4\times10^{12}/7\times10^{10}=20$", lambda: 1.4e12 / 7e10),
    Claim("106", r"$C\approx6\times70\times10^9\times1.4\times10^{12}=5.88\times10^{23}$",
          lambda: 6 * 70e9 * 1.4e12 / 1e23, at=(-3,)),
    Claim("106", r"$6\times280\times10^9\times300\times10^9=5.04\times10^{23}$",
          lambda: 6 * 280e9 * 300e9 / 1e23, at=(-3,)),
    Claim("106", r"$N_{opt}\approx\sqrt{10^{23}/120}\approx2.89\times10^{10}$（约 28.9B）",
          lambda: (math.sqrt(1e23 / 6 / 20) / 1e10, math.sqrt(1e23 / 6 / 20) / 1e9), at=(3, -1)),
    Claim("106", r"$D_{opt}\approx5.77\times10^{11}$（约 577B token）",
          lambda: (20 * math.sqrt(1e23 / 120) / 1e11, round(20 * math.sqrt(1e23 / 120) / 1e9)),
          at=(0, -1)),
    # 107 training FLOPs
    Claim("107", r"$6\times7\times10^9\times2\times10^{12}=8.4\times10^{22}$",
          lambda: 6 * 7e9 * 2e12 / 1e22, at=(-3,)),
    Claim("107", r"\approx657{,}302$ 秒，约 7.6 天",
          lambda: (round(8.4e22 / (1024 * 312e12 * 0.4)), 8.4e22 / (1024 * 312e12 * 0.4) / 86400)),
    Claim("107", r"$2\times7\times10^9=1.4\times10^{10}$", lambda: 2 * 7e9 / 1e10, at=(-3,)),
    # 108 CLIP loss
    Claim("108", r"第 1 行 $\log(1+e^{-8})\approx0.000335$", lambda: clip_losses()[0]),
    Claim("108", r"第 2 行 $\log(1+e^{-6})\approx0.002476$", lambda: clip_losses()[1]),
    Claim("108", r"均值 $\approx0.001406$", lambda: clip_losses()[2]),
    Claim("108", r"两列都是 $\log(1+e^{-7})\approx0.000911$", lambda: clip_losses()[3]),
    Claim("108", r"总损失 $\approx0.001159$", lambda: clip_losses()[4]),
    # 109 DDPM schedule
    Claim("109", r"$\bar\alpha_{500}\approx0.0786$", lambda: alpha_bar(500)),
    Claim("109", r"$x_{500}\approx0.280\,x_0+0.960\,\epsilon$",
          lambda: (math.sqrt(alpha_bar(500)), math.sqrt(1 - alpha_bar(500))), at=(1, 2)),
    Claim("109", r"$\bar\alpha_{1000}\approx4.04\times10^{-5}$", lambda: alpha_bar(1000) / 1e-5,
          at=(1,)),
    Claim("109", r"$\sqrt{\bar\alpha_{1000}}\approx0.0064$", lambda: math.sqrt(alpha_bar(1000))),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
