"""mha-params: parameters of multi-head attention (bias; GQA; a whole encoder layer).

The count is four d×d projections (Q, K, V, O), independent of the number of heads; under
grouped-query attention K and V project only to n_kv·d_head. The hardest level adds the
4d feed-forward network and two LayerNorms of a post-LN encoder layer.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import Answer, KindDef, Mistake, Problem, integer
from engine.questions.draw import between, pick
from engine.questions.text import Bi, big, steps
from engine.shapes import linear_params

# (d_model, usual head counts)
_WIDTHS = ((128, (2, 4)), (192, (3, 6)), (256, (4, 8)), (320, (5, 10)), (384, (6, 12)),
           (448, (7, 14)), (512, (8,)), (576, (9,)), (640, (10,)), (768, (12,)),
           (896, (14,)), (1024, (8, 16)), (1152, (16,)), (1280, (16, 20)), (1536, (12, 16)),
           (1600, (25,)), (2048, (16, 32)), (2560, (20, 32)), (3072, (24,)), (4096, (32,)),
           (5120, (40,)), (160, (2, 5)), (1792, (14, 28)), (2304, (18, 36)), (6144, (48,)),
           (8192, (64,)))


def attention_params(d: int, kv_dim: int, bias: bool, qkv_only: bool = False) -> int:
    """Q and O map d→d, K and V map d→kv_dim (kv_dim = d without GQA)."""
    q = linear_params(d, d, bias)
    kv = 2 * linear_params(d, kv_dim, bias)
    return q + kv if qkv_only else 2 * q + kv


def encoder_layer_params(d: int, d_ff: int, bias: bool = True, norms: int = 2,
                         norm_size: int = 2) -> int:
    """MHA + FFN d→d_ff→d + ``norms`` LayerNorms of ``norm_size``·d (γ and β)."""
    ffn = linear_params(d, d_ff, bias) + linear_params(d_ff, d, bias)
    return attention_params(d, d, bias) + ffn + norms * norm_size * d


def _mha(rng: np.random.Generator, gqa: bool) -> tuple[Bi, Bi, Answer, list[Mistake]]:
    d, heads = pick(rng, _WIDTHS)
    h = pick(rng, heads)
    d_head = d // h
    kv = pick(rng, tuple(g for g in (1, 2, 4, 8) if g < h and h % g == 0)) if gqa else h
    bias = bool(rng.integers(2))
    kv_dim = kv * d_head
    total = attention_params(d, kv_dim, bias)
    answer = integer(total, unit="params")
    b_zh, b_en = ("带 bias", "have biases") if bias else ("不带 bias", "have no biases")
    if gqa:
        name = Bi("MQA（所有 query head 共享一组 K、V）", "MQA (all query heads share one K/V "
                  "head)") if kv == 1 else Bi(f"GQA（{kv} 组 K、V）", f"GQA ({kv} K/V groups)")
        prompt = Bi(f"一个 attention 层：d_model = {d}，{h} 个 query head（d_head = {d_head}），"
                    f"使用 {name.zh}，n_kv_heads = {kv}；Q、K、V、O 四个投影都{b_zh}。"
                    "这一层有多少参数？",
                    f"An attention layer: d_model = {d}, {h} query heads (d_head = {d_head}), "
                    f"using {name.en}, n_kv_heads = {kv}; all four projections Q, K, V, O "
                    f"{b_en}. How many parameters does it have?")
    else:
        arg = "" if bias else ", bias=False"
        note = Bi("（bias=True 是默认值）", " (bias=True is the default)") if bias else Bi("", "")
        prompt = Bi(f"`nn.MultiheadAttention(embed_dim={d}, num_heads={h}{arg})`{note.zh}"
                    "有多少个参数？",
                    f"How many parameters does `nn.MultiheadAttention(embed_dim={d}, "
                    f"num_heads={h}{arg})`{note.en} have?")
    bq = f" + {d}" if bias else ""
    bkv = f" + {kv_dim}" if bias else ""
    lines = [Bi("参数量与 head 数无关：按列切分同一个投影矩阵",
                "the count does not depend on the number of heads: heads split the same "
                "projection matrices by columns")]
    if gqa:
        lines.append(Bi(f"K、V 的输出维度：n_kv·d_head = {kv}·{d_head} = {kv_dim}",
                        f"K and V output width: n_kv·d_head = {kv}·{d_head} = {kv_dim}"))
    lines += [
        Bi(f"Q、O：2·({d}·{d}{bq}) = {big(2 * linear_params(d, d, bias))}",
           f"Q, O: 2·({d}·{d}{bq}) = {big(2 * linear_params(d, d, bias))}"),
        Bi(f"K、V：2·({d}·{kv_dim}{bkv}) = {big(2 * linear_params(d, kv_dim, bias))}；"
           f"合计 {big(total)}",
           f"K, V: 2·({d}·{kv_dim}{bkv}) = {big(2 * linear_params(d, kv_dim, bias))}; "
           f"total {big(total)}"),
    ]
    mistakes = [
        Mistake(Bi("只算了 Q、K、V 三个矩阵，漏了输出投影", "counted only Q, K, V and left "
                   "out the output projection"),
                answer.like([attention_params(d, kv_dim, bias, qkv_only=True)])),
        Mistake(Bi("乘了 head 数", "multiplied by the number of heads"),
                answer.like([h * total])),
    ]
    if bias:
        mistakes.insert(0, Mistake(Bi("忘了 bias", "forgot the biases"),
                                   answer.like([attention_params(d, kv_dim, False)])))
    else:
        mistakes.insert(0, Mistake(Bi("没有 bias 却算了 bias", "counted biases that are not "
                                      "there"),
                                   answer.like([attention_params(d, kv_dim, True)])))
    if gqa:
        mistakes.append(Mistake(Bi("忽略了 GQA/MQA，K、V 按 d×d 算", "ignored GQA/MQA and "
                                   "counted K and V as d×d"),
                                answer.like([attention_params(d, d, bias)])))
    return prompt, steps(*lines), answer, mistakes


def _layer(rng: np.random.Generator) -> tuple[Bi, Bi, Answer, list[Mistake]]:
    d, heads = pick(rng, _WIDTHS[:16])
    h = pick(rng, heads)
    d_ff = 4 * d
    n = pick(rng, (1, 1, between(rng, 2, 12)))
    one = encoder_layer_params(d, d_ff)
    total = n * one
    answer = integer(total, unit="params")
    stack = Bi(f"{n} 层这样的 encoder 共有", f"How many parameters do {n} such encoder layers "
               "have in total") if n > 1 else Bi("这一层有", "How many parameters does this "
                                                              "layer have")
    prompt = Bi(f"Transformer encoder 层 `nn.TransformerEncoderLayer(d_model={d}, nhead={h}, "
                f"dim_feedforward={d_ff})`：MHA + FFN（{d}→{d_ff}→{d}）+ 两个 LayerNorm，"
                f"线性层都带 bias。{stack.zh}多少参数？",
                f"A Transformer encoder layer `nn.TransformerEncoderLayer(d_model={d}, "
                f"nhead={h}, dim_feedforward={d_ff})`: MHA + FFN ({d}→{d_ff}→{d}) + two "
                f"LayerNorms, all linear layers with biases. {stack.en}?")
    mha = attention_params(d, d, True)
    ffn = linear_params(d, d_ff) + linear_params(d_ff, d)
    lines = [
        Bi(f"MHA：4·{d}² + 4·{d} = {big(mha)}", f"MHA: 4·{d}² + 4·{d} = {big(mha)}"),
        Bi(f"FFN：({d}·{d_ff} + {d_ff}) + ({d_ff}·{d} + {d}) = {big(ffn)}",
           f"FFN: ({d}·{d_ff} + {d_ff}) + ({d_ff}·{d} + {d}) = {big(ffn)}"),
        Bi(f"两个 LayerNorm（γ、β）：2·2·{d} = {4 * d}；一层合计 {big(one)}",
           f"two LayerNorms (γ and β): 2·2·{d} = {4 * d}; one layer {big(one)}"),
    ]
    if n > 1:
        lines.append(Bi(f"× {n} 层 = {big(total)}", f"× {n} layers = {big(total)}"))
    mistakes = [
        Mistake(Bi("FFN 隐藏层取成了 d 而不是 4d", "took the FFN hidden size as d, not 4d"),
                answer.like([n * encoder_layer_params(d, d)])),
        Mistake(Bi("忘了线性层的 bias", "forgot the linear biases"),
                answer.like([n * encoder_layer_params(d, d_ff, bias=False)])),
        Mistake(Bi("漏了 LayerNorm", "left out the LayerNorms"),
                answer.like([n * encoder_layer_params(d, d_ff, norms=0)])),
        Mistake(Bi("LayerNorm 只算了 γ（d 个）", "counted only γ (d) per LayerNorm"),
                answer.like([n * encoder_layer_params(d, d_ff, norm_size=1)])),
        Mistake(Bi("attention 只算了 Q、K、V 三个矩阵", "counted only Q, K, V in attention"),
                answer.like([n * (one - linear_params(d, d))])),
        Mistake(Bi("attention 参数乘了 head 数", "multiplied the attention parameters by the "
                   "number of heads"), answer.like([n * (one + (h - 1) * mha)])),
    ]
    if n > 1:
        mistakes.append(Mistake(Bi("只算了一层", "counted only one layer"), answer.like([one])))
    return prompt, steps(*lines), answer, mistakes


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 3:
        prompt, solution, answer, mistakes = _layer(rng)
    else:
        prompt, solution, answer, mistakes = _mha(rng, gqa=difficulty == 2)
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("mha-params", "transformers", Bi("多头注意力参数量", "Multi-head attention "
                                                "parameters"), "integer", build)
