"""attention-flops: MACs or FLOPs of self-attention, the FLOP convention stated in the prompt.

Every term is a matrix product, so it is counted with the engine's ``linear_macs``: four
d→d projections per token (4·n·d²), then QKᵀ and the weighted sum PV (n²·d each). Softmax,
scaling and bias additions are left out, as the prompt says.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import between, pick
from engine.questions.text import Bi, big, steps
from engine.shapes import flops_from_macs, linear_macs

_CONV = {
    "mac": Bi("按 MACs 计（一次乘加算 1 次）", "counted as MACs (one multiply-add = 1)"),
    "2mac": Bi("按 FLOPs 计，一次乘加 = 2 FLOPs", "counted as FLOPs with one multiply-add = "
               "2 FLOPs"),
}
_WIDTHS = ((256, 4), (384, 6), (512, 8), (640, 10), (768, 12), (1024, 16), (1280, 20),
           (1536, 24), (2048, 16), (2560, 32))


def attention_macs(n: int, d: int, projections: int = 4, products: int = 2,
                   heads_factor: int = 1) -> int:
    """Self-attention MACs of one sequence: ``projections·n·d² + products·n²·d``.

    ``products`` counts QKᵀ and PV (2 normally); ``heads_factor`` multiplies the n² terms
    (1 is right: the heads split d, so together they cost n²·d per product).
    """
    proj = n * linear_macs(d, d)
    qk = n * linear_macs(d, n)  # each of n queries against n keys of width d
    pv = n * linear_macs(n, d)  # each of n outputs mixes n values of width d
    return projections * proj + heads_factor * (qk + pv) * products // 2


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    d, h = pick(rng, _WIDTHS)
    n = pick(rng, tuple(v for v in (64, 128, 256, 384, 512, 768, 1024, 2048, 4096) if v != d))
    batch = 1 if difficulty == 1 else pick(rng, (4, 8, 16, 32))
    layers = between(rng, 2, 24) if difficulty == 3 else 1
    conventions: tuple[Literal["mac", "2mac"], ...] = ("mac", "2mac")
    conv = conventions[difficulty - 1] if difficulty < 3 else pick(rng, conventions)
    times = batch * layers

    def count(**kw: int) -> int:
        return flops_from_macs(times * attention_macs(n, d, **kw), conv)

    macs = times * attention_macs(n, d)
    total = flops_from_macs(macs, conv)
    answer = integer(total, unit="MACs" if conv == "mac" else "FLOPs", approx=True)
    what = "MACs" if conv == "mac" else "FLOPs"
    where = Bi(f" batch {batch}、{layers} 层这样的 self-attention", f"{layers} such self-attention "
               f"layers and a batch of {batch}") if layers > 1 else (
        Bi(f" batch {batch} 的一层 self-attention", f"one self-attention layer and a batch of "
           f"{batch}") if batch > 1 else Bi("一条序列、一层 self-attention", "one sequence "
                                                                           "and one layer"))
    prompt = Bi(f"Self-attention：序列长度 n = {n}，d_model = {d}，{h} 个 head（d_head = "
                f"{d // h}）；Q、K、V、O 四个投影都是 d×d。对{where.zh}，计算量是多少 "
                f"{what}？{_CONV[conv].zh}；softmax、缩放和 bias 加法不计。",
                f"Self-attention with sequence length n = {n}, d_model = {d}, {h} heads "
                f"(d_head = {d // h}); the Q, K, V and O projections are d×d. For {where.en}, "
                f"how many {what} does it take? They are {_CONV[conv].en}; softmax, scaling "
                "and bias additions are not counted.")
    proj = 4 * n * linear_macs(d, d)
    quad = 2 * n * linear_macs(d, n)
    lines = [
        Bi(f"投影：4·n·d² = 4·{n}·{d}² = {big(proj)} MACs",
           f"projections: 4·n·d² = 4·{n}·{d}² = {big(proj)} MACs"),
        Bi(f"QKᵀ 与 PV：2·n²·d = 2·{n}²·{d} = {big(quad)} MACs（各 head 合起来仍是 n²·d）",
           f"QKᵀ and PV: 2·n²·d = 2·{n}²·{d} = {big(quad)} MACs (all heads together are still "
           "n²·d)"),
        Bi(f"一层一条序列：{big(proj + quad)} MACs", f"one layer, one sequence: "
           f"{big(proj + quad)} MACs"),
    ]
    if times > 1:
        by = Bi(f"× batch {batch}", f"× batch {batch}") if batch > 1 else Bi("", "")
        if layers > 1:
            by = by + Bi(f" × {layers} 层", f" × {layers} layers")
        lines.append(Bi(f"{by.zh.strip()} = {big(macs)} MACs", f"{by.en.strip()} = "
                        f"{big(macs)} MACs"))
    if conv == "2mac":
        lines.append(Bi(f"× 2 = {big(total)} FLOPs", f"× 2 = {big(total)} FLOPs"))
    other: Literal["mac", "2mac"] = "2mac" if conv == "mac" else "mac"
    mistakes = [
        Mistake(Bi("漏了 n² 项（QKᵀ 和 PV）", "left out the n² terms (QKᵀ and PV)"),
                answer.like([count(products=0)])),
        Mistake(Bi("漏了输出投影 W_O", "left out the output projection W_O"),
                answer.like([count(projections=3)])),
        Mistake(Bi("只算了 QKᵀ，漏了 PV", "counted QKᵀ but not PV"),
                answer.like([count(products=1)])),
        Mistake(Bi("MACs 与 FLOPs 的换算弄错了（差 2 倍）", "mixed up MACs and FLOPs (factor "
                   "of 2)"), answer.like([flops_from_macs(macs, other)])),
        Mistake(Bi("n² 项乘了 head 数", "multiplied the n² terms by the number of heads"),
                answer.like([count(heads_factor=h)])),
    ]
    if batch > 1:
        mistakes.append(Mistake(Bi("忘了乘 batch 大小", "forgot the batch size"),
                                answer.like([total // batch])))
    if layers > 1:
        mistakes.append(Mistake(Bi("忘了乘层数", "forgot the number of layers"),
                                answer.like([total // layers])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("attention-flops", "transformers", Bi("Self-attention 计算量（MACs/FLOPs）",
               "Self-attention MACs / FLOPs"), "integer", build)
