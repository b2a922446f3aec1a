"""attention-memory: memory of the attention matrices standard attention keeps, vs what
FlashAttention keeps.

Standard attention materialises the probabilities P = softmax(QKᵀ/√d) for the backward
pass: B·h·n² elements per layer. FlashAttention never stores P; it keeps the output and one
fp32 log-sum-exp statistic per query row per head (B·h·n·4 bytes per layer) and recomputes
P blockwise in the backward (FlashAttention-2's bookkeeping).
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.text import Bi, big, num, steps

_SHAPES = ((12, 768), (16, 1024), (20, 1280), (25, 1600), (32, 4096), (40, 5120), (8, 512),
           (64, 8192), (32, 2560), (16, 2048))
_LENGTHS = (256, 512, 768, 1024, 1536, 2048, 3000, 4096, 6144, 8192, 16384, 32768)
_DTYPES = {2: Bi("fp16（2 字节）", "fp16 (2 bytes)"), 4: Bi("fp32（4 字节）", "fp32 (4 bytes)")}
MIB, GIB = 2**20, 2**30


def _scope(batch: int, layers: int) -> Bi:
    if batch == 1 and layers == 1:
        return Bi("一条序列、一层", "one sequence and one layer")
    return Bi(f"一个 batch 的 {batch} 条序列、{layers} 层", f"a batch of {batch} and {layers} "
              "layers")


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    heads, d = pick(rng, _SHAPES)
    n = pick(rng, _LENGTHS)
    nbytes = 2 if difficulty < 3 else pick(rng, (2, 4))
    batch = 1 if difficulty == 1 else pick(rng, (2, 4, 8, 16, 32))
    layers = 1 if difficulty == 1 else between(rng, 2, 48)
    elems = batch * layers * heads * n * n
    std = elems * nbytes
    unit, scale = ("MiB", MIB) if difficulty == 1 else ("GiB", GIB)
    head = Bi(f"一个 Transformer：d_model = {d}，{heads} 个 head，序列长度 n = {n}，注意力矩阵用 "
              f"{_DTYPES[nbytes].zh}存储。标准实现为反向保存 softmax 后的概率矩阵 P（每个 head 一"
              "个 "
              "n×n）。",
              f"A Transformer with d_model = {d}, {heads} heads and sequence length n = {n}; "
              f"attention matrices are stored in {_DTYPES[nbytes].en}. Standard attention keeps "
              "the softmax probabilities P (one n×n matrix per head) for the backward pass.")
    where = _scope(batch, layers)
    lines = [Bi(f"P 的元素数：B·L·h·n² = {batch}·{layers}·{heads}·{n}² = {big(elems)}",
                f"elements of P: B·L·h·n² = {batch}·{layers}·{heads}·{n}² = {big(elems)}"),
             Bi(f"× {nbytes} 字节 = {big(std)} 字节 = {num(std / scale, 2)} {unit}",
                f"× {nbytes} bytes = {big(std)} bytes = {num(std / scale, 2)} {unit}")]
    slips = [
        (Bi("漏乘了 head 数", "left out the number of heads"), std / heads),
        (Bi("按 n·d 而不是 h·n² 算了", "used n·d instead of h·n²"),
         batch * layers * n * d * nbytes),
        (Bi(f"按 {'MB' if unit == 'MiB' else 'GB'}（10 进制）换算了",
            f"converted with {'MB' if unit == 'MiB' else 'GB'} (powers of 10)"),
         std * scale / (1e6 if unit == "MiB" else 1e9)),
    ]
    if nbytes == 2:
        slips.append((Bi("按 fp32（4 字节）算了", "used fp32 (4 bytes)"), 2 * std))
    else:
        slips.append((Bi("按 fp16（2 字节）算了", "used fp16 (2 bytes)"), std / 2))
    if batch > 1:
        slips.append((Bi("漏乘了 batch", "left out the batch"), std / batch))
    if layers > 1:
        slips.append((Bi("漏乘了层数", "left out the layers"), std / layers))
    if difficulty < 3:
        answer = numbers([std / scale], 2, units=(unit,))
        ask = Bi(f"对{where.zh}，P 一共占多少 {unit}（1 {unit} = 2^{20 if unit == 'MiB' else 30} "
                 "字节）？",
                 f" For {where.en}, how many {unit} (1 {unit} = 2^{20 if unit == 'MiB' else 30} "
                 "bytes) does P take?")
        mistakes = [Mistake(name, answer.like([v / scale])) for name, v in slips]
        return Problem(head + ask, answer, steps(*lines), tuple(mistakes))
    flash = batch * layers * heads * n * 4
    answer = numbers([std / GIB, flash / MIB], 2, units=("GiB", "MiB"))
    ask = Bi(f"FlashAttention 不保存 P，只为每个 head 的每一行 query 保存一个 fp32 的 logsumexp（"
             "4 字节），"
             f"反向时分块重算 P。对{where.zh}，写出 [标准实现保存的 P（GiB）, FlashAttention 保存"
             "的统计量"
             "（MiB）]。",
             " FlashAttention keeps no P, only one fp32 log-sum-exp per query row per head (4 "
             f"bytes), and recomputes P blockwise in the backward. For {where.en}, answer "
             "[P kept by standard attention in GiB, statistics kept by FlashAttention in MiB].")
    lines.append(Bi(f"FlashAttention：B·L·h·n·4 = {batch}·{layers}·{heads}·{n}·4 = {big(flash)} "
                    "字节 "
                    f"= {num(flash / MIB, 2)} MiB",
                    f"FlashAttention: B·L·h·n·4 = {batch}·{layers}·{heads}·{n}·4 = {big(flash)} "
                    f"bytes = {num(flash / MIB, 2)} MiB"))
    mistakes = [Mistake(name, answer.like([v / GIB, flash / MIB])) for name, v in slips]
    mistakes += [
        Mistake(Bi("FlashAttention 每行存了 m 和 ℓ 两个数（FlashAttention-1 的记法）",
                   "stored both m and ℓ per row (FlashAttention-1's bookkeeping)"),
                answer.like([std / GIB, 2 * flash / MIB])),
        Mistake(Bi("以为 FlashAttention 也要存 n×n 的矩阵", "assumed FlashAttention also keeps "
                   "an n×n matrix"), answer.like([std / GIB, std / MIB])),
    ]
    return Problem(head + ask, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("attention-memory", "transformers", Bi("注意力矩阵显存：标准 vs FlashAttention",
               "Attention memory: standard vs FlashAttention"), "list", build)
