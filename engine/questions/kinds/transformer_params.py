"""transformer-params: exact parameter counts of BERT, GPT-2 and LLaMA-style models from
their configs, the layouts of Hugging Face's BertModel, GPT2LMHeadModel and LlamaForCausalLM.

Known values the formulas reproduce: BERT-base 109,482,240; GPT-2 small 124,439,808;
LLaMA-7B 6,738,415,616. The count is exact: forgetting a LayerNorm changes it by ~0.001%,
which a rounding policy would hide.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import pick
from engine.questions.text import Bi, big, steps

_VOCABS = (21128, 28996, 30522, 32000, 50257, 50304, 119547)
_BERT = ((2, 128), (4, 256), (4, 512), (8, 512), (12, 768), (24, 1024), (6, 768), (12, 1024),
         (12, 384), (24, 768), (6, 384), (4, 312), (12, 256), (10, 512), (3, 768))  # (L, d)
_GPT2 = ((12, 768), (24, 1024), (36, 1280), (48, 1600), (6, 512), (8, 768), (12, 1024),
         (6, 768), (4, 256), (16, 1024), (24, 2048))
_LLAMA = ((32, 4096, 11008, 32), (40, 5120, 13824, 40), (32, 4096, 14336, 8),
          (16, 2048, 5632, 4), (22, 2048, 5632, 4), (28, 3072, 8192, 8), (24, 2048, 8192, 8))


def bert_embeddings(v: int, pos: int, types: int, d: int) -> int:
    return (v + pos + types) * d + 2 * d


def bert_layer(d: int, ff: int) -> int:
    return 4 * d * d + 4 * d + 2 * d * ff + ff + d + 4 * d


def gpt2_block(d: int) -> int:
    return 2 * d + (3 * d * d + 3 * d) + (d * d + d) + 2 * d + (4 * d * d + 4 * d) + (
        4 * d * d + d)


def llama_block(d: int, ff: int, kv_dim: int) -> int:
    return 2 * d * d + 2 * d * kv_dim + 3 * d * ff + 2 * d


def _embeddings(rng: np.random.Generator) -> Problem:
    v, d = pick(rng, _VOCABS), pick(rng, (128, 256, 312, 384, 512, 768, 1024))
    pos, types = pick(rng, (128, 512, 1024, 2048)), pick(rng, (2, 2, 3))
    total = bert_embeddings(v, pos, types, d)
    answer = integer(total, unit="params")
    prompt = Bi(f"BERT 的 embedding 层（Hugging Face BertEmbeddings）：词表 {v}，最大位置 {pos}，"
                f"token type（segment）{types} 种，hidden size d = {d}；三个 embedding 相加后接一"
                "个 "
                "LayerNorm（γ、β）。这一层有多少参数？",
                f"BERT's embedding layer (Hugging Face BertEmbeddings): vocabulary {v}, {pos} "
                f"positions, {types} token types (segments), hidden size d = {d}; the three "
                "embeddings are summed and go through one LayerNorm (γ and β). How many "
                "parameters does it have?")
    solution = steps(Bi(f"({v} + {pos} + {types})·{d} + 2·{d} = {big(total)}",
                        f"({v} + {pos} + {types})·{d} + 2·{d} = {big(total)}"))
    no_norm = Bi("漏了 LayerNorm", "left out the LayerNorm")
    no_types = Bi("漏了 token type embedding", "left out the token-type embeddings")
    mistakes = [
        Mistake(Bi("漏了位置 embedding", "left out the position embeddings"),
                answer.like([total - pos * d])),
        Mistake(Bi("LayerNorm 只算了 γ", "counted only γ of the LayerNorm"),
                answer.like([total - d])),
    ]
    if types == 2:  # both slips remove 2d: name them together
        mistakes.append(Mistake(Bi(f"{no_types.zh}（或{no_norm.zh}：结果相同）",
                                   f"{no_types.en} (or {no_norm.en}: the same count)"),
                                answer.like([total - 2 * d])))
    else:
        mistakes += [Mistake(no_types, answer.like([total - types * d])),
                     Mistake(no_norm, answer.like([total - 2 * d]))]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _bert(rng: np.random.Generator) -> Problem:
    layers, d = pick(rng, _BERT)
    v, pos = pick(rng, (*_VOCABS[:4], 119547)), pick(rng, (512, 1024))
    ff = 4 * d
    emb, layer, pooler = bert_embeddings(v, pos, 2, d), bert_layer(d, ff), d * d + d
    total = emb + layers * layer + pooler
    answer = integer(total, unit="params")
    prompt = Bi(f"一个 BERT（Hugging Face BertModel，不含 MLM/NSP 头）：L = {layers} 层，d = {d}，"
                f"d_ff = {ff}，词表 {v}，最大位置 {pos}，2 种 token type。embedding 三项相加后接 "
                "LayerNorm；每层 Q、K、V、O 和 FFN（d→d_ff→d）都带 bias，两个 LayerNorm（post-LN"
                "）；"
                "最后有 pooler（d→d 的线性层，带 bias）。总参数量是多少？",
                f"A BERT (Hugging Face BertModel, no MLM/NSP heads): L = {layers} layers, "
                f"d = {d}, d_ff = {ff}, vocabulary {v}, {pos} positions, 2 token types. The "
                "three embeddings are summed and layer-normed; every layer has Q, K, V, O and "
                "an FFN (d→d_ff→d), all with biases, and two LayerNorms (post-LN); a pooler "
                "(a d→d linear layer with bias) sits on top. How many parameters in total?")
    solution = steps(
        Bi(f"embedding：({v} + {pos} + 2)·{d} + 2·{d} = {big(emb)}",
           f"embeddings: ({v} + {pos} + 2)·{d} + 2·{d} = {big(emb)}"),
        Bi(f"每层：(4d² + 4d) + (2d·d_ff + d_ff + d) + 4d = {big(layer)}，× {layers} = "
           f"{big(layers * layer)}",
           f"per layer: (4d² + 4d) + (2d·d_ff + d_ff + d) + 4d = {big(layer)}, × {layers} = "
           f"{big(layers * layer)}"),
        Bi(f"pooler：{d}² + {d} = {big(pooler)}；合计 {big(total)}",
           f"pooler: {d}² + {d} = {big(pooler)}; total {big(total)}"),
    )
    mistakes = [
        Mistake(Bi("漏了 pooler", "left out the pooler"), answer.like([total - pooler])),
        Mistake(Bi("每层漏了 LayerNorm", "left out the LayerNorms in the layers"),
                answer.like([total - layers * 4 * d])),
        Mistake(Bi("漏了位置和 token type embedding", "left out the position and token-type "
                   "embeddings"), answer.like([total - (pos + 2) * d])),
        Mistake(Bi("用了近似 12·L·d²（加上词 embedding）", "used the 12·L·d² approximation "
                   "(plus the word embeddings)"), answer.like([12 * layers * d * d + v * d])),
        Mistake(Bi("把输出层又按 V·d 算了一遍（BertModel 没有）", "added a V·d output layer "
                   "(BertModel has none)"), answer.like([total + v * d])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _gpt2(rng: np.random.Generator) -> Problem:
    layers, d = pick(rng, _GPT2)
    v, pos = pick(rng, (50257, 50304, 32000)), pick(rng, (1024, 2048))
    emb, block = (v + pos) * d, gpt2_block(d)
    total = emb + layers * block + 2 * d
    answer = integer(total, unit="params")
    prompt = Bi(f"一个 GPT-2 式模型（Hugging Face GPT2LMHeadModel）：L = {layers} 层，d = {d}，词"
                "表 "
                f"{v}，最大位置 {pos}（可学习位置 embedding）。每个 block：LayerNorm，注意力 c_attn"
                "（d→3d）与 c_proj（d→d），LayerNorm，MLP（d→4d→d），线性层都带 bias；最后一个 "
                "LayerNorm；LM head 与词 embedding 共享权重（不另计参数）。总参数量是多少？",
                f"A GPT-2 style model (Hugging Face GPT2LMHeadModel): L = {layers} layers, "
                f"d = {d}, vocabulary {v}, {pos} learned positions. Each block: LayerNorm, "
                "attention c_attn (d→3d) and c_proj (d→d), LayerNorm, MLP (d→4d→d), all linear "
                "layers with biases; a final LayerNorm; the LM head is tied to the token "
                "embedding (no extra parameters). How many parameters in total?")
    solution = steps(
        Bi(f"embedding：({v} + {pos})·{d} = {big(emb)}", f"embeddings: ({v} + {pos})·{d} = "
           f"{big(emb)}"),
        Bi(f"每个 block：2d + (3d² + 3d) + (d² + d) + 2d + (4d² + 4d) + (4d² + d) = {big(block)}，"
           f"× {layers} = {big(layers * block)}",
           f"per block: 2d + (3d² + 3d) + (d² + d) + 2d + (4d² + 4d) + (4d² + d) = "
           f"{big(block)}, × {layers} = {big(layers * block)}"),
        Bi(f"最后的 LayerNorm 2·{d}；合计 {big(total)}", f"final LayerNorm 2·{d}; total "
           f"{big(total)}"),
    )
    mistakes = [
        Mistake(Bi("LM head 又单独算了一遍（其实与 embedding 共享）", "counted the LM head "
                   "separately (it is tied)"), answer.like([total + v * d])),
        Mistake(Bi("漏了位置 embedding", "left out the position embeddings"),
                answer.like([total - pos * d])),
        Mistake(Bi("漏了最后的 LayerNorm", "left out the final LayerNorm"),
                answer.like([total - 2 * d])),
        Mistake(Bi("线性层都没算 bias", "left out the linear biases"),
                answer.like([total - layers * 9 * d])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _llama(rng: np.random.Generator) -> Problem:
    layers, d, ff, kv = pick(rng, _LLAMA)
    heads = d // 128
    v = pick(rng, (32000, 32768, 50304, 65536, 100352, 128256))
    kv_dim = kv * 128
    block = llama_block(d, ff, kv_dim)
    total = 2 * v * d + layers * block + d
    answer = integer(total, unit="params")
    gqa = (Bi(f"（n_kv = {kv}：每个 head 都有自己的 K、V）", f" (n_kv = {kv}: every head has "
              "its own K and V)") if kv == heads else
           Bi(f"（GQA：n_kv = {kv} 个 KV head，每个 128 维）",
              f" (GQA: n_kv = {kv} KV heads of 128)"))
    prompt = Bi(f"一个 LLaMA 式模型：L = {layers} 层，d = {d}，{heads} 个 head（head_dim = 128），"
                f"SwiGLU 的 d_ff = {ff}，词表 {v}。每层：RMSNorm（只有 d 个权重），W_q、W_o 为 d×"
                "d，"
                f"W_k、W_v 为 d×(n_kv·128){gqa.zh}，RMSNorm，W_gate、W_up（d→d_ff）和 W_down"
                "（d_ff→d）；所有线性层都没有 bias。最后一个 RMSNorm，LM head（d→V，不与 embeddin"
                "g 共享，"
                "无 bias）。总参数量是多少？",
                f"A LLaMA-style model: L = {layers} layers, d = {d}, {heads} heads (head_dim = "
                f"128), SwiGLU d_ff = {ff}, vocabulary {v}. Each layer: RMSNorm (d weights "
                f"only), W_q and W_o d×d, W_k and W_v d×(n_kv·128){gqa.en}, RMSNorm, W_gate and "
                "W_up (d→d_ff) and W_down (d_ff→d); no linear layer has a bias. A final "
                "RMSNorm and an LM head (d→V, not tied to the embedding, no bias). How many "
                "parameters in total?")
    solution = steps(
        Bi(f"embedding 与 LM head：2·{v}·{d} = {big(2 * v * d)}",
           f"embedding and LM head: 2·{v}·{d} = {big(2 * v * d)}"),
        Bi(f"每层：2d² + 2d·{kv_dim} + 3d·d_ff + 2d = {big(block)}，× {layers} = "
           f"{big(layers * block)}",
           f"per layer: 2d² + 2d·{kv_dim} + 3d·d_ff + 2d = {big(block)}, × {layers} = "
           f"{big(layers * block)}"),
        Bi(f"最后的 RMSNorm {d}；合计 {big(total)}", f"final RMSNorm {d}; total {big(total)}"),
    )
    mistakes = [
        Mistake(Bi("LM head 当成与 embedding 共享（少算了 V·d）", "treated the LM head as tied "
                   "(missed V·d)"), answer.like([total - v * d])),
        Mistake(Bi("MLP 按两个矩阵算了", "counted two MLP matrices, not three"),
                answer.like([total - layers * d * ff])),
        Mistake(Bi("RMSNorm 按 LayerNorm 算了 2d", "counted 2d per RMSNorm, as for LayerNorm"),
                answer.like([total + (2 * layers + 1) * d])),
    ]
    if kv != heads:
        mistakes.append(Mistake(Bi("忽略了 GQA，K、V 按 d×d 算", "ignored GQA and took K and V as "
                                   "d×d"), answer.like([total + layers * 2 * d * (d - kv_dim)])))
    return Problem(prompt, answer, solution, tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 1:
        return _embeddings(rng)
    if difficulty == 2:
        return _bert(rng)
    return _gpt2(rng) if rng.integers(2) else _llama(rng)


KIND = KindDef("transformer-params", "transformers", Bi("BERT/GPT/LLaMA 参数量",
               "BERT / GPT / LLaMA parameter count"), "integer", build)
