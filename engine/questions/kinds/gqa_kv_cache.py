"""gqa-kv-cache: what grouped-query / multi-query attention saves in the KV cache.

Per token and layer the cache holds K and V for every KV head: 2·n_kv·d_head values. MHA
has n_kv = h, GQA has n_kv = g groups, MQA has n_kv = 1, so GQA shrinks the cache by h/g
(Ainslie et al., 2023). The hardest level turns a memory budget into the largest batch.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.text import Bi, big, num, steps

# (layers, query heads, head_dim) of common decoder shapes
_SHAPES = ((32, 32, 128), (80, 64, 128), (40, 40, 128), (48, 48, 128), (60, 52, 128),
           (28, 28, 128), (24, 16, 64), (64, 64, 128), (36, 32, 128), (26, 8, 256),
           (42, 16, 256), (16, 32, 64), (22, 32, 64), (126, 128, 128))
_BYTES = {2: Bi("fp16（2 字节）", "fp16 (2 bytes)"), 1: Bi("fp8（1 字节）", "fp8 (1 byte)"),
          4: Bi("fp32（4 字节）", "fp32 (4 bytes)")}
GIB = 2**30


def per_token(layers: int, kv: int, d_head: int, nbytes: int, factor: int = 2) -> int:
    """KV-cache bytes for one token: factor (K and V) · layers · KV heads · d_head · bytes."""
    return factor * layers * kv * d_head * nbytes


def _model(layers: int, heads: int, d_head: int, kv: int, nbytes: int) -> Bi:
    kind = Bi("MQA（1 个 KV head）", "MQA (one KV head)") if kv == 1 else \
        Bi(f"GQA（{kv} 个 KV head）", f"GQA ({kv} KV heads)")
    return Bi(f"一个 decoder：{layers} 层，{heads} 个 query head，head_dim = {d_head}，KV cache 用 "
              f"{_BYTES[nbytes].zh}存储。把标准 MHA（每个 query head 都有自己的 K、V）换成"
              f" {kind.zh}。",
              f"A decoder with {layers} layers, {heads} query heads and head_dim = {d_head}; the "
              f"KV cache is stored in {_BYTES[nbytes].en}. Standard MHA (every query head has "
              f"its own K and V) is replaced by {kind.en}.")


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    layers, heads, d_head = pick(rng, _SHAPES)
    kv = pick(rng, tuple(g for g in (1, 2, 4, 8, 16) if g < heads and heads % g == 0))
    nbytes = pick(rng, (2, 2, 1, 4)) if difficulty != 2 else 2
    mha, gqa = per_token(layers, heads, d_head, nbytes), per_token(layers, kv, d_head, nbytes)
    head = _model(layers, heads, d_head, kv, nbytes)
    lines = [Bi(f"每 token：2·L·n_kv·d_head·bytes；MHA 2·{layers}·{heads}·{d_head}·{nbytes} = "
                f"{big(mha)}，换后 2·{layers}·{kv}·{d_head}·{nbytes} = {big(gqa)} 字节（省 "
                f"{heads // kv} 倍）",
                f"per token: 2·L·n_kv·d_head·bytes; MHA 2·{layers}·{heads}·{d_head}·{nbytes} = "
                f"{big(mha)}, after 2·{layers}·{kv}·{d_head}·{nbytes} = {big(gqa)} bytes "
                f"({heads // kv}× smaller)")]
    if difficulty == 1:
        answer = numbers([mha, gqa], units=("B",))
        ask = Bi("每个 token 的 KV cache 各占多少字节？写出 [MHA, 换后]。",
                 " How many bytes of KV cache does one token take? Answer [MHA, after].")
        mistakes = [
            Mistake(Bi("忘了乘 2（K 和 V 各一份）", "forgot the factor 2 (K and V)"),
                    answer.like([mha // 2, gqa // 2])),
            Mistake(Bi("忘了乘层数", "forgot the number of layers"),
                    answer.like([mha // layers, gqa // layers])),
            Mistake(Bi("用 d_model 而不是 KV head 的宽度算 GQA", "used d_model, not the KV "
                       "heads' width, for GQA"), answer.like([mha, mha])),
        ]
        if kv > 1:
            mistakes.append(Mistake(Bi("GQA 按 1 个 KV head 算了（当成 MQA）", "counted one KV "
                                       "head for GQA (as MQA)"),
                                    answer.like([mha, per_token(layers, 1, d_head, nbytes)])))
        return Problem(head + ask, answer, steps(*lines), tuple(mistakes))
    tokens = pick(rng, (1024, 2048, 4096, 8192, 16384, 32768, 131072))
    if difficulty == 2:
        batch = pick(rng, (1, 4, 8, 16, 32, 64))
        vals = [mha * tokens * batch / GIB, gqa * tokens * batch / GIB]
        answer = numbers(vals, 2, units=("GiB",))
        ask = Bi(f"batch {batch}、每条 {tokens} 个 token 时，KV cache 各占多少 GiB（2^30 字节）？"
                 "写出 "
                 "[MHA, 换后]。",
                 f" With a batch of {batch} sequences of {tokens} tokens, how many GiB (2^30 "
                 "bytes) does the KV cache take? Answer [MHA, after].")
        lines.append(Bi(f"× {tokens}·{batch} / 2^30 = {num(vals[0], 2)} 与 {num(vals[1], 2)} GiB",
                        f"× {tokens}·{batch} / 2^30 = {num(vals[0], 2)} and {num(vals[1], 2)} "
                        "GiB"))
        mistakes = [
            Mistake(Bi("忘了乘 2（K 和 V 各一份）", "forgot the factor 2 (K and V)"),
                    answer.like([v / 2 for v in vals])),
            Mistake(Bi("按 GB（10^9 字节）换算了", "converted with GB (10^9 bytes)"),
                    answer.like([v * GIB / 1e9 for v in vals])),
            Mistake(Bi("忘了乘 batch", "forgot the batch"),
                    answer.like([v / batch for v in vals])) if batch > 1 else
            Mistake(Bi("忘了乘层数", "forgot the number of layers"),
                    answer.like([v / layers for v in vals])),
        ]
        return Problem(head + ask, answer, steps(*lines), tuple(mistakes))
    budget = pick(rng, (8, 16, 20, 24, 32, 40, 48, 60, 64))
    room = budget * GIB
    vals = [room // (mha * tokens), room // (gqa * tokens)]
    while vals[0] < 1:
        tokens //= 2
        vals = [room // (mha * tokens), room // (gqa * tokens)]
    answer = numbers(vals, units=("count",))
    ask = Bi(f"显存里留给 KV cache {budget} GiB（2^30 字节）。每条序列 {tokens} 个 token 时，最多"
             "能同时服务"
             "多少条序列（batch，向下取整）？写出 [MHA, 换后]。",
             f" {budget} GiB (2^30 bytes) are left for the KV cache. With {tokens} tokens per "
             "sequence, how many sequences (batch, rounded down) fit at most? Answer [MHA, "
             "after].")
    lines.append(Bi(f"每条序列：MHA {big(mha * tokens)}，换后 {big(gqa * tokens)} 字节；"
                    f"{budget}·2^30 除以它们向下取整 = {vals}",
                    f"per sequence: MHA {big(mha * tokens)}, after {big(gqa * tokens)} bytes; "
                    f"{budget}·2^30 divided by these, rounded down = {vals}"))
    mistakes = [
        Mistake(Bi("向上取整了（放不下）", "rounded up (it would not fit)"),
                answer.like([-(-room // (mha * tokens)), -(-room // (gqa * tokens))])),
        Mistake(Bi("忘了乘 2（K 和 V 各一份）", "forgot the factor 2 (K and V)"),
                answer.like([room // (mha * tokens // 2), room // (gqa * tokens // 2)])),
        Mistake(Bi("按 GB（10^9 字节）算显存", "took the budget in GB (10^9 bytes)"),
                answer.like([int(budget * 1e9) // (mha * tokens),
                             int(budget * 1e9) // (gqa * tokens)])),
    ]
    return Problem(head + ask, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("gqa-kv-cache", "transformers", Bi("GQA/MQA 节省的 KV cache",
               "KV cache saved by GQA / MQA"), "list", build)
