"""kv-cache-size: memory of a decoder's KV cache (MHA; GQA/MQA with batch; in MiB or GiB).

The engine has no LLM-serving formulas, so the count lives here as one small pure function;
the expected answer and every mistake are computed by calling it with other arguments.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import pick
from engine.questions.formats import unit_hint
from engine.questions.text import Bi, big, num, steps

# (layers, query heads, head_dim) of common decoder shapes (GPT-2 small/medium, 7B, 13B, 70B).
_SHAPES = ((12, 12, 64), (24, 16, 64), (36, 20, 64), (48, 25, 64), (16, 16, 64),
           (32, 32, 128), (40, 40, 128), (60, 52, 128), (80, 64, 128), (28, 28, 128))
_DTYPES = {1: Bi("int8（1 字节）", "int8 (1 byte)"), 2: Bi("fp16（2 字节）", "fp16 (2 bytes)"),
           4: Bi("fp32（4 字节）", "fp32 (4 bytes)")}
_UNITS = {"MiB": 2**20, "GiB": 2**30}
_DECIMAL_UNITS = {"MiB": (10**6, "MB"), "GiB": (10**9, "GB")}


def kv_cache_bytes(layers: int, kv_heads: int, head_dim: int, bytes_per_elem: int,
                   tokens: int, batch: int = 1, tensors: int = 2) -> int:
    """KV cache size in bytes: ``tensors · layers · kv_heads · head_dim · bytes · tokens · batch``.

    ``tensors`` is 2 because every layer caches both K and V for every token.
    """
    return tensors * layers * kv_heads * head_dim * bytes_per_elem * tokens * batch


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    layers, heads, head_dim = pick(rng, _SHAPES)
    kv = heads
    if difficulty == 2 or (difficulty == 3 and bool(rng.integers(2))):
        kv = pick(rng, tuple(g for g in (1, 2, 4, 8) if heads % g == 0 and heads // g >= 3))
    nbytes = 2 if difficulty < 3 else pick(rng, (2, 2, 1))
    tokens = pick(rng, (1, 100, 128, 256, 512, 1000, 1024, 2048) if difficulty == 1 else
                  (512, 1024, 2048, 3000, 4096, 8192))
    batch = 1 if difficulty == 1 else pick(rng, (4, 8, 16, 32))
    total = kv_cache_bytes(layers, kv, head_dim, nbytes, tokens, batch)
    unit = "" if difficulty < 3 else ("GiB" if total >= 2**30 else "MiB")
    scale = _UNITS.get(unit, 1)

    def value(b: int) -> float:
        return b / scale

    answer = real(value(total), 2 if unit else 0, unit=unit or "B", approx=not unit)
    if kv == heads:
        attn = Bi(f"{heads} 个 attention head（标准 MHA）", f"{heads} attention heads (standard "
                  "MHA)")
    elif kv == 1:
        attn = Bi(f"{heads} 个 query head，MQA（只有 1 个 KV head）",
                  f"{heads} query heads with MQA (a single KV head)")
    else:
        attn = Bi(f"{heads} 个 query head，GQA，{kv} 个 KV head",
                  f"{heads} query heads with GQA, {kv} KV heads")
    ask = (Bi(f"KV cache 占多少 {unit}（1 {unit} = 2^{20 if unit == 'MiB' else 30} 字节）？",
              f"How many {unit} (1 {unit} = 2^{20 if unit == 'MiB' else 30} bytes) does the "
              "KV cache take?") if unit else
           Bi("KV cache 占多少字节？", "How many bytes does the KV cache take?"))
    who = Bi(f"batch 中 {batch} 条序列，每条", f"a batch of {batch} sequences, each") \
        if batch > 1 else Bi("一条序列", "one sequence")
    prompt = Bi(f"一个 decoder-only 模型：{layers} 层，{attn.zh}，head_dim = {head_dim}；"
                f"KV cache 用 {_DTYPES[nbytes].zh}存储。推理时，{who.zh}已有 {tokens} 个 token "
                f"缓存。{ask.zh}",
                f"A decoder-only model: {layers} layers, {attn.en}, head_dim = {head_dim}; the "
                f"KV cache is stored in {_DTYPES[nbytes].en}. At inference {who.en} has "
                f"{tokens} token{'s' if tokens > 1 else ''} cached. {ask.en}")
    per_token = kv_cache_bytes(layers, kv, head_dim, nbytes, 1)
    lines = [
        Bi(r"公式：$2\cdot n_{layers}\cdot n_{kv}\cdot d_{head}\cdot \text{bytes}\cdot T\cdot B$"
           "（2 = K 和 V 各一份）",
           r"Formula: $2\cdot n_{layers}\cdot n_{kv}\cdot d_{head}\cdot \text{bytes}\cdot T"
           r"\cdot B$ (2 = one K and one V)"),
        Bi(f"每个 token：2·{layers}·{kv}·{head_dim}·{nbytes} = {big(per_token)} 字节",
           f"per token: 2·{layers}·{kv}·{head_dim}·{nbytes} = {big(per_token)} bytes"),
        Bi(f"× {tokens} 个 token × batch {batch} = {big(total)} 字节",
           f"× {tokens} token{'s' if tokens > 1 else ''} × batch {batch} = {big(total)} bytes"),
    ]
    if unit:
        lines.append(Bi(f"{big(total)} / {big(scale)} = {num(value(total), 2)} {unit}",
                        f"{big(total)} / {big(scale)} = {num(value(total), 2)} {unit}"))
    args = (layers, kv, head_dim, nbytes, tokens, batch)
    mistakes = [
        Mistake(Bi("忘了乘 2（K 和 V 各存一份）", "forgot the factor 2 (both K and V are "
                   "cached)"), answer.like([value(kv_cache_bytes(*args, tensors=1))])),
        Mistake(Bi("忘了乘层数", "forgot the number of layers"),
                answer.like([value(kv_cache_bytes(1, *args[1:]))])),
    ]
    if nbytes == 2:
        mistakes.append(Mistake(Bi("按 fp32（4 字节）算了", "used fp32 (4 bytes) instead of "
                                   "fp16"),
                                answer.like([value(kv_cache_bytes(*args[:3], 4, *args[4:]))])))
    else:
        mistakes.append(Mistake(Bi("按 fp16（2 字节）算了", "used fp16 (2 bytes) instead of "
                                   "int8"),
                                answer.like([value(kv_cache_bytes(*args[:3], 2, *args[4:]))])))
    if kv != heads:
        mistakes.append(Mistake(Bi("用了 query head 数而不是 KV head 数",
                                   "used all query heads instead of the KV heads"),
                                answer.like([value(kv_cache_bytes(layers, heads,
                                                                  *args[2:]))])))
    if batch > 1:
        mistakes.append(Mistake(Bi("忘了乘 batch", "forgot the batch size"),
                                answer.like([value(kv_cache_bytes(*args[:5], 1))])))
    if unit:
        div, name = _DECIMAL_UNITS[unit]
        mistakes.append(Mistake(Bi(f"按 {name}（10 进制）而不是 {unit} 换算",
                                   f"converted to {name} (powers of 10) instead of {unit}"),
                                answer.like([total / div])))
    fmt = (Bi(f"一个数（单位 {unit}），保留 2 位小数，如 1.25 或 1.25 {unit}", f"a number of"
                                                               f" {unit} "
              f"rounded to 2 decimals, e.g. 1.25 or 1.25 {unit}") if unit else
           Bi("字节数，如 524288、524,288、2^19 或 512 KiB",
              "a number of bytes, e.g. 524288, 524,288, 2^19 or 512 KiB")) + unit_hint(answer)
    return Problem(prompt, answer, steps(*lines), tuple(mistakes), answer_format=fmt)


KIND = KindDef("kv-cache-size", "transformers", Bi("KV cache 显存大小", "KV cache size"), "real",
               build)
