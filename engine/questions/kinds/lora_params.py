"""lora-params: trainable parameters of LoRA adapters (one matrix; a model; share of weights).

LoRA trains B (d_out×r) and A (r×d_in) beside a frozen weight, so an adapter costs
r·(d_in + d_out). The engine has no LoRA formula, so it is one small pure function here;
the expected answer and every mistake call it (or the engine's linear_params) with other
arguments.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import Answer, KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.text import Bi, big, num, steps
from engine.shapes import linear_params

# (d_model, d_ff of a gated MLP, layers) of common decoder shapes.
_MODELS = ((768, 3072, 12), (1024, 2816, 24), (2048, 5632, 22), (2560, 6912, 32),
           (3200, 8640, 26), (4096, 11008, 32), (4096, 14336, 32), (5120, 13824, 40),
           (6656, 17920, 60), (8192, 22016, 80))
_RANKS = (4, 8, 16, 32, 64)
Matrix = tuple[str, int, int]


def lora_params(d_in: int, d_out: int, rank: int) -> int:
    """Trainable parameters of one adapter: ``rank·d_in`` (A) + ``d_out·rank`` (B)."""
    return rank * d_in + d_out * rank


def _targets(d: int, d_ff: int, which: str) -> list[Matrix]:
    attn = [("W_q", d, d), ("W_k", d, d), ("W_v", d, d), ("W_o", d, d)]
    if which == "qv":
        return [attn[0], attn[2]]
    if which == "attn":
        return attn
    return [*attn, ("W_gate", d, d_ff), ("W_up", d, d_ff), ("W_down", d_ff, d)]


_WHICH = {"qv": Bi(" W_q 和 W_v ", "W_q and W_v"),
          "attn": Bi(" W_q、W_k、W_v、W_o ", "W_q, W_k, W_v and W_o"),
          "all": Bi("全部线性层（W_q、W_k、W_v、W_o 和 MLP 的 W_gate、W_up、W_down）",
                    "every linear layer (W_q, W_k, W_v, W_o and the MLP's W_gate, W_up, "
                    "W_down)")}


def _one_factor(answer: Answer, d_in: int, d_out: int, r: int) -> list[Mistake]:
    """Counting only A or only B; for a square matrix the two give the same number."""
    if d_in == d_out:
        return [Mistake(Bi("只算了 A、B 中的一个", "counted only one of A and B"),
                        answer.like([lora_params(d_in, 0, r)]))]
    return [Mistake(Bi("只算了 A", "counted only A"), answer.like([lora_params(d_in, 0, r)])),
            Mistake(Bi("只算了 B", "counted only B"), answer.like([lora_params(0, d_out, r)]))]


def _single(rng: np.random.Generator) -> Problem:
    d, d_ff, _ = pick(rng, _MODELS)
    r = pick(rng, _RANKS)
    name, d_in, d_out = pick(rng, _targets(d, d_ff, "all"))
    total = lora_params(d_in, d_out, r)
    answer = numbers([total], units=("params",), approx=True)
    prompt = Bi(f"给一个线性层 {name}（d_in = {d_in}，d_out = {d_out}，无 bias）加 LoRA，秩 r = "
                f"{r}，A 为 r×d_in、B 为 d_out×r，只训练 A、B。可训练参数有多少个？",
                f"Add LoRA with rank r = {r} to a linear layer {name} (d_in = {d_in}, "
                f"d_out = {d_out}, no bias): A is r×d_in, B is d_out×r, and only A and B are "
                "trained. How many trainable parameters is that?")
    solution = steps(
        Bi(f"A：r×d_in = {r}×{d_in} = {big(r * d_in)}；B：d_out×r = {d_out}×{r} = "
           f"{big(d_out * r)}",
           f"A: r×d_in = {r}×{d_in} = {big(r * d_in)}; B: d_out×r = {d_out}×{r} = "
           f"{big(d_out * r)}"),
        Bi(f"合计 r·(d_in + d_out) = {r}·({d_in} + {d_out}) = {big(total)}",
           f"total r·(d_in + d_out) = {r}·({d_in} + {d_out}) = {big(total)}"),
    )
    mistakes = [
        Mistake(Bi("算成了 r·d_in·d_out", "computed r·d_in·d_out"),
                answer.like([r * linear_params(d_in, d_out, bias=False)])),
        *_one_factor(answer, d_in, d_out, r),
        Mistake(Bi("算了整个原矩阵", "counted the whole frozen matrix"),
                answer.like([linear_params(d_in, d_out, bias=False)])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _model(rng: np.random.Generator, share: bool) -> Problem:
    d, d_ff, layers = pick(rng, _MODELS)
    r = pick(rng, _RANKS)
    which = pick(rng, ("all", "attn") if share else ("qv", "attn"))
    mats = _targets(d, d_ff, which)
    per_layer = sum(lora_params(i, o, r) for _, i, o in mats)
    total = layers * per_layer
    full = layers * sum(linear_params(i, o, bias=False) for _, i, o in mats)
    pct = 100 * total / full
    vals = [float(total), pct] if share else [float(total)]
    answer = numbers(vals, 3 if share else None, units=("params", "%") if share else
                     ("params",), approx=True)

    def with_share(count: int) -> list[float]:
        return [float(count), 100 * count / full] if share else [float(count)]

    mlp = Bi(f"，门控 MLP（W_gate、W_up：{d}→{d_ff}，W_down：{d_ff}→{d}）",
             f", a gated MLP (W_gate, W_up: {d}→{d_ff}; W_down: {d_ff}→{d})") \
        if which == "all" else Bi("", "")
    ask = (Bi("写出 [可训练参数总数, 它占被适配矩阵原有权重的百分比]。",
              "Answer [total trainable parameters, their share of the adapted matrices' "
              "frozen weights in %].") if share else
           Bi("共有多少可训练参数？", "How many trainable parameters are there in total?"))
    prompt = Bi(f"一个 {layers} 层的 Transformer，d_model = {d}{mlp.zh}，注意力的 W_q、W_k、W_v、"
                "W_o "
                f"都是 d_model×d_model。每层给{_WHICH[which].zh}加 LoRA（r = {r}，线性层无 bias）。"
                f"{ask.zh}",
                f"A {layers}-layer Transformer with d_model = {d}{mlp.en}; the attention "
                f"projections W_q, W_k, W_v, W_o are all d_model×d_model. LoRA with r = {r} is "
                f"added to {_WHICH[which].en} in every layer (no linear biases). {ask.en}")
    lines = [Bi(f"{n}（{i}→{o}）：{r}·({i} + {o}) = {big(lora_params(i, o, r))}",
                f"{n} ({i}→{o}): {r}·({i} + {o}) = {big(lora_params(i, o, r))}")
             for n, i, o in mats]
    lines.append(Bi(f"每层 {big(per_layer)}，× {layers} 层 = {big(total)}",
                    f"per layer {big(per_layer)}, × {layers} layers = {big(total)}"))
    if share:
        lines.append(Bi(f"原权重 {layers}·Σ d_in·d_out = {big(full)}；占比 {big(total)} / "
                        f"{big(full)} = {num(pct, 3)}%",
                        f"frozen weights {layers}·Σ d_in·d_out = {big(full)}; share "
                        f"{big(total)} / {big(full)} = {num(pct, 3)}%"))
    mistakes = [
        Mistake(Bi("只算了一层", "counted only one layer"), answer.like(with_share(per_layer))),
    ]
    mistakes += [
        Mistake(Bi("每层只算了一个矩阵", "counted only one matrix per layer"),
                answer.like(with_share(layers * lora_params(mats[0][1], mats[0][2], r)))),
        Mistake(Bi("只算了 A、B 中的一个", "counted only one of A and B"),
                answer.like(with_share(layers * sum(lora_params(i, 0, r) for _, i, _ in mats)))),
    ] if which != "qv" else [  # two square matrices: both slips give half the total
        Mistake(Bi("只算了 A、B 中的一个（或每层只算了一个矩阵）",
                   "counted only one of A and B (or only one matrix per layer)"),
                answer.like(with_share(layers * sum(lora_params(i, 0, r) for _, i, _ in mats)))),
    ]
    mistakes += [
        Mistake(Bi("算成了 r·d_in·d_out", "computed r·d_in·d_out"),
                answer.like(with_share(r * full))),
    ]
    if share:
        mistakes.append(Mistake(Bi("占比写成了小数而不是百分数", "gave the share as a fraction, "
                                   "not a percentage"), answer.like([total, total / full])))
    fmt = (Bi("[整数, 百分比]，如 [4194304, 0.391]、[4,194,304, 0.391%] 或 [4.19M, 0.391]",
              "[integer, percentage], e.g. [4194304, 0.391], [4,194,304, 0.391%] or "
              "[4.19M, 0.391]") if share else None)
    note = Bi("参数总数写精确值或至少 3 位有效数字（相差 0.5% 以内算对）；百分比保留 3 位小数。",
              "Give the count exactly or to at least 3 significant figures (within 0.5% "
              "counts as right); round the percentage to 3 decimals.") if share else None
    return Problem(prompt, answer, steps(*lines), tuple(mistakes), answer_format=fmt,
                   precision=note)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 1:
        return _single(rng)
    return _model(rng, share=difficulty == 3)


KIND = KindDef("lora-params", "training", Bi("LoRA 可训练参数量", "LoRA trainable parameters"),
               "list", build)
