"""moe-params: total and active parameters of a Mixture-of-Experts Transformer.

Per layer: attention 4d² (W_q, W_k, W_v, W_o, no biases), a router d·E, and E expert FFNs of
3·d·d_ff each (SwiGLU: gate, up and down); a token uses the top-k experts. Embeddings V·d
(tied with the LM head); norms are left out. Total counts every expert; active counts the
k experts a token passes through (plus everything that is not an expert).
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.text import Bi, big, steps

_SHAPES = ((16, 2048, 5632), (24, 2048, 1408), (32, 4096, 14336), (28, 3072, 8192),
           (12, 1024, 4096), (40, 5120, 13824), (48, 4096, 11008))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    layers, d, ff = pick(rng, _SHAPES)
    e = pick(rng, (8, 16, 32, 64))
    k = pick(rng, (1, 2)) if difficulty == 1 else pick(rng, (2, 4, 6, 8))
    v = pick(rng, (32000, 50257, 65536, 100352, 151936))
    n_shared = pick(rng, (1, 2)) if difficulty == 3 else 0
    expert = 3 * d * ff
    attn = 4 * d * d
    router = d * e
    emb = v * d
    total = emb + layers * (attn + router + (e + n_shared) * expert)
    active = emb + layers * (attn + router + (k + n_shared) * expert)
    answer = numbers([total, active], units=("params",), approx=True)
    extra = (Bi(f"；另有 {n_shared} 个共享专家，每个 token 都经过", f"; plus {n_shared} shared "
                f"expert{'s' if n_shared > 1 else ''} every token passes through")
             if n_shared else Bi("", ""))
    prompt = Bi(f"一个 MoE Transformer：L = {layers} 层，d = {d}，每层注意力 4d²（无 bias）、"
                f"路由器 d·E，E = {e} 个 SwiGLU 专家（每个 3·d·d_ff，d_ff = {ff}），每个 token 选 "
                f"top-k = {k} 个专家{extra.zh}；词表 V = {v}，embedding 与 LM head 共享，不计 "
                "norm。"
                "写出 [总参数量, 每个 token 激活的参数量]。",
                f"An MoE Transformer: L = {layers} layers, d = {d}; per layer attention 4d² (no "
                f"biases), a router d·E and E = {e} SwiGLU experts (3·d·d_ff each, d_ff = "
                f"{ff}); each token uses the top-k = {k} experts{extra.en}; vocabulary V = {v}, "
                "embedding tied with the LM head, norms not counted. Answer [total parameters, "
                "parameters active per token].")
    lines = [Bi(f"每个专家 3·{d}·{ff} = {big(expert)}；注意力 {big(attn)}；路由器 {big(router)}",
                f"one expert 3·{d}·{ff} = {big(expert)}; attention {big(attn)}; router "
                f"{big(router)}"),
             Bi(f"总量 = V·d + L·(4d² + d·E + {e + n_shared}·专家) = {big(total)}",
                f"total = V·d + L·(4d² + d·E + {e + n_shared}·expert) = {big(total)}"),
             Bi(f"激活 = V·d + L·(4d² + d·E + {k + n_shared}·专家) = {big(active)}",
                f"active = V·d + L·(4d² + d·E + {k + n_shared}·expert) = {big(active)}")]
    mistakes = [
        Mistake(Bi("激活参数只算了 k 个专家（漏了注意力、路由器和 embedding）",
                   "counted only the k experts as active (left out attention, router and "
                   "embeddings)"), answer.like([total, layers * (k + n_shared) * expert])),
        Mistake(Bi("专家 FFN 按两个矩阵 2·d·d_ff 算了", "counted 2·d·d_ff per expert (two "
                   "matrices, not SwiGLU's three)"),
                answer.like([emb + layers * (attn + router + (e + n_shared) * 2 * d * ff),
                             emb + layers * (attn + router + (k + n_shared) * 2 * d * ff)])),
        Mistake(Bi("专家只算了一层（没乘 L）", "counted the experts once, not per layer"),
                answer.like([emb + layers * (attn + router) + (e + n_shared) * expert,
                             emb + layers * (attn + router) + (k + n_shared) * expert])),
        Mistake(Bi("embedding 与 LM head 算了两份", "counted the LM head apart from the "
                   "embedding"), answer.like([total + emb, active + emb])),
    ]
    if n_shared:
        mistakes.append(Mistake(Bi("漏了共享专家", "left out the shared experts"),
                                answer.like([total - layers * n_shared * expert,
                                             active - layers * n_shared * expert])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("moe-params", "transformers", Bi("MoE 的总参数与激活参数",
               "MoE total vs active parameters"), "list", build)
