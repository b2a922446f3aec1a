"""training-flops: transformer training and inference compute (≈ 6ND, 2N per token) and the
training time it implies.

Convention (Kaplan et al.; the note 107): a forward pass costs about 2N FLOPs per token
(one multiply-add per parameter), the backward about twice that, so training costs
C ≈ 6·N·D; full activation recomputation adds one more forward (≈ 8·N·D); attention's
n²-terms are ignored. Time = C / (GPUs · peak FLOPS · MFU). Counts this large are judged
to 3 significant figures.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import Answer, KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.text import Bi, num, steps

_CONV = Bi("约定：前向每个 token 约 2N FLOPs（每个参数一次乘加），反向约为前向的 2 倍，训练 C ≈ 6"
           "·N·D；"
           "忽略注意力的 n² 项。",
           "Convention: a forward pass costs about 2N FLOPs per token (one multiply-add per "
           "parameter), the backward about twice that, so training costs C ≈ 6·N·D; "
           "attention's n² terms are ignored.")
_PRECISION = Bi("写至少 3 位有效数字（与精确值相差 0.5% 以内算对），如 8.40e22 或 8.40×10^22。",
                "Give at least 3 significant figures (within 0.5% counts as right), e.g. "
                "8.40e22 or 8.40×10^22.")
_GPUS = {"A100": 312, "H100": 989, "V100": 125}  # dense fp16/bf16 tensor-core TFLOPS


def _t_as_billion(answer: Answer) -> Mistake:
    """Reading the T of a token count as 10^9, not 10^12."""
    return Mistake(Bi("把 token 数的 T 当成了 10^9（T = 10^12）", "read the T of the token count "
                      "as 10^9 (T is 10^12)"), answer)


def _tokens(d: float) -> str:
    return f"{d / 1e12:g}T" if d >= 1e12 else f"{d / 1e9:g}B"


def _train(rng: np.random.Generator, recompute: bool) -> Problem:
    n = between(rng, 1, 700) / 10 * 1e9
    d = pick(rng, (0.3, 0.5, 1, 1.4, 2, 3, 5, 10, 15)) * 1e12 if recompute else \
        between(rng, 1, 150) / 10 * 1e12
    factor = 8 if recompute else 6
    c = factor * n * d
    answer = real(c, None, 0.005, unit="FLOPs")
    extra = (Bi("训练时对全部激活做重计算（反向前把前向再做一遍）。",
                " Training uses full activation recomputation (the forward pass is run once "
                "more before the backward).") if recompute else Bi("", ""))
    prompt = _CONV + extra + Bi(f"模型 N = {n / 1e9:g}B 参数，训练 D = {_tokens(d)} 个 token。训"
                                "练总"
                                "计算量是多少 FLOPs？",
                                f" A model with N = {n / 1e9:g}B parameters is trained on D = "
                                f"{_tokens(d)} tokens. How many FLOPs does training take?")
    lines = [Bi("前向 2ND + 反向 4ND" + (" + 重算的前向 2ND" if recompute else ""),
                "forward 2ND + backward 4ND" + (" + recomputed forward 2ND" if recompute
                                                else "")),
             Bi(f"C = {factor}·{n:.4g}·{d:.4g} = {c:.4g} FLOPs",
                f"C = {factor}·{n:.4g}·{d:.4g} = {c:.4g} FLOPs")]
    mistakes = [Mistake(Bi("只算了前向：2ND", "counted only the forward pass: 2ND"),
                        answer.like([2 * n * d])),
                Mistake(Bi("按 MACs 算了（少了 2 倍）", "counted MACs, not FLOPs (half)"),
                        answer.like([c / 2])),
                Mistake(Bi("只算了 N·D（漏了每个参数每个 token 的系数）", "used N·D (left out the "
                           "FLOPs per parameter per token)"), answer.like([n * d]))]
    if d >= 1e12:
        mistakes.append(_t_as_billion(answer.like([c / 1000])))
    if recompute:
        mistakes.append(Mistake(Bi("忘了重计算的那次前向（6ND）", "forgot the recomputed forward "
                                   "(6ND)"), answer.like([6 * n * d])))
    else:  # (with recomputation 4ND is also the MAC count, so only here)
        mistakes.append(Mistake(Bi("反向只算了和前向一样多：4ND", "took the backward as costly "
                                   "as the forward: 4ND"), answer.like([4 * n * d])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes), precision=_PRECISION)


def _inference(rng: np.random.Generator) -> Problem:
    n = between(rng, 1, 700) / 10 * 1e9
    tokens = pick(rng, (100, 256, 500, 1000, 2048, 4096)) * pick(rng, (1, 10, 1000, 10**6))
    c = 2 * n * tokens
    answer = real(c, None, 0.005, unit="FLOPs")
    prompt = _CONV + Bi(f"用 N = {n / 1e9:g}B 参数的模型推理，一共生成 {tokens} 个 token（每个 to"
                        "ken 一次"
                        "前向）。总共约多少 FLOPs？",
                        f" A model with N = {n / 1e9:g}B parameters generates {tokens} tokens "
                        "at inference (one forward pass per token). About how many FLOPs is that "
                        "in total?")
    solution = steps(Bi(f"推理只有前向：2N·tokens = 2·{n:.4g}·{tokens} = {c:.4g} FLOPs",
                        f"inference is forward only: 2N·tokens = 2·{n:.4g}·{tokens} = {c:.4g} "
                        "FLOPs"))
    mistakes = [Mistake(Bi("按训练的 6N 每 token 算了", "used the training cost 6N per token"),
                        answer.like([3 * c])),
                Mistake(Bi("每个 token 只算了 N（按 MACs）", "used N per token (MACs)"),
                        answer.like([c / 2]))]
    return Problem(prompt, answer, solution, tuple(mistakes), precision=_PRECISION)


def _days(rng: np.random.Generator) -> Problem:
    n = between(rng, 10, 700) / 10 * 1e9
    d = between(rng, 2, 150) / 10 * 1e12
    gpu = pick(rng, tuple(_GPUS))
    count = pick(rng, (64, 128, 256, 512, 1024, 2048, 4096))
    mfu = pick(rng, (30, 35, 40, 45, 50, 55))
    c = 6 * n * d
    rate = count * _GPUS[gpu] * 1e12 * mfu / 100
    days = c / rate / 86400
    answer = real(days, None, 0.005, unit="days")
    prompt = _CONV + Bi(f"N = {n / 1e9:g}B 参数、D = {_tokens(d)} 个 token，用 {count} 张 {gpu}（"
                        "稠密峰值 "
                        f"{_GPUS[gpu]} TFLOPS）训练，MFU = {mfu}%。大约要训练多少天？",
                        f" N = {n / 1e9:g}B parameters and D = {_tokens(d)} tokens, trained on "
                        f"{count} {gpu} GPUs (dense peak {_GPUS[gpu]} TFLOPS) at {mfu}% MFU. "
                        "About how many days does training take?")
    solution = steps(Bi(f"C = 6ND = {c:.4g} FLOPs", f"C = 6ND = {c:.4g} FLOPs"),
                     Bi(f"有效算力 {count}·{_GPUS[gpu]}×10^12·{mfu / 100:g} = {rate:.4g} FLOP/s",
                        f"sustained rate {count}·{_GPUS[gpu]}×10^12·{mfu / 100:g} = {rate:.4g} "
                        "FLOP/s"),
                     Bi(f"{c:.4g} / {rate:.4g} = {c / rate:.4g} s = {num(days, 2)} 天",
                        f"{c:.4g} / {rate:.4g} = {c / rate:.4g} s = {num(days, 2)} days"))
    mistakes = [Mistake(Bi("忘了 MFU（按峰值算）", "left out the MFU (used the peak)"),
                        answer.like([days * mfu / 100])),
                Mistake(Bi("C 用了 2ND", "used C = 2ND"), answer.like([days / 3])),
                Mistake(Bi("算成了小时数", "gave hours, not days"), answer.like([days * 24])),
                Mistake(Bi("C 只算了 N·D", "used C = N·D"), answer.like([days / 6])),
                Mistake(Bi("TFLOPS 按 10^9 换算了", "took TFLOPS as 10^9 FLOP/s"),
                        answer.like([days * 1000]))]
    if d >= 1e12:
        mistakes.append(_t_as_billion(answer.like([days / 1000])))
    precision = Bi("与精确值相差 0.5% 以内算对（写 3 位有效数字即可）。",
                   "Within 0.5% of the exact value counts as right (3 significant figures are "
                   "enough).")
    return Problem(prompt, answer, solution, tuple(mistakes), precision=precision)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 1:
        return _train(rng, recompute=False)
    if difficulty == 2:
        return _train(rng, recompute=True) if rng.integers(2) else _inference(rng)
    return _days(rng)


KIND = KindDef("training-flops", "training", Bi("训练与推理计算量（6ND）",
               "Training and inference FLOPs (6ND)"), "real", build)
