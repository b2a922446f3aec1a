"""zero-memory: model-state memory per GPU under ZeRO stages 1/2/3 (mixed-precision Adam).

ZeRO's accounting (Rajbhandari et al., 2019): fp16 parameters 2Ψ, fp16 gradients 2Ψ and
K·Ψ bytes of optimizer states, K = 12 for Adam (fp32 master weights, m and v). Stage 1
shards the optimizer states over N data-parallel GPUs, stage 2 also the gradients, stage 3
also the parameters. Activations and buffers are outside this count, as the prompt says.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.text import Bi, num, steps

_MODELS = (1.3, 1.5, 2.7, 6.7, 7.0, 7.5, 13.0, 30.0, 40.0, 65.0, 70.0, 175.0)  # billions
_GPUS = (4, 8, 16, 32, 64, 128, 256, 512, 1024)
_MEMORY = (16, 24, 32, 40, 48, 64, 80, 96, 141)


def zero_gb(psi: float, n: int, stage: int, k: float = 12, grad_bytes: float = 2,
            param_bytes: float = 2) -> float:
    """Model-state GB per GPU (Ψ in billions, so bytes per parameter × Ψ is GB)."""
    opt = k * psi / n if stage >= 1 else k * psi
    grads = grad_bytes * psi / n if stage >= 2 else grad_bytes * psi
    params = param_bytes * psi / n if stage >= 3 else param_bytes * psi
    return params + grads + opt


def min_gpus(psi: float, budget: float, stage: int, k: float = 12) -> int:
    """Fewest GPUs whose per-GPU model states fit in ``budget`` GB under ``stage``."""
    kept = {1: 4.0, 2: 2.0, 3: 0.0}[stage] * psi  # the unsharded part
    sharded = (k + 4.0 - kept / psi) * psi
    return max(1, math.ceil(sharded / (budget - kept) - 1e-12))


_SETUP = Bi("混合精度 Adam 训练，按 ZeRO 论文的记法：fp16 参数 2Ψ、fp16 梯度 2Ψ、优化器状态 KΨ 字节"
            "（K = 12：fp32 master 权重、m、v 各 4 字节），只算这些模型状态（不计激活和临时缓冲），"
            "1 GB = 10^9 字节。",
            "Mixed-precision Adam in the ZeRO paper's accounting: fp16 parameters 2Ψ, fp16 "
            "gradients 2Ψ and optimizer states KΨ bytes (K = 12: fp32 master weights, m and v, "
            "4 bytes each); count only these model states (no activations or buffers), "
            "1 GB = 10^9 bytes.")
_RULES = Bi("stage 1 切分优化器状态，stage 2 再切分梯度，stage 3 再切分参数：每卡 "
            "4Ψ + 12Ψ/N、2Ψ + 14Ψ/N、16Ψ/N",
            "stage 1 shards the optimizer states, stage 2 also the gradients, stage 3 also the "
            "parameters: per GPU 4Ψ + 12Ψ/N, 2Ψ + 14Ψ/N, 16Ψ/N")


def _per_gpu(rng: np.random.Generator, all_stages: bool) -> Problem:
    psi, n = pick(rng, _MODELS), pick(rng, _GPUS)
    stages = (1, 2, 3) if all_stages else (pick(rng, (1, 2, 3)),)
    vals = [zero_gb(psi, n, s) for s in stages]
    answer = numbers(vals, 2, units=("GB",))
    setup = Bi(f"Ψ = {psi:g}B 参数，N = {n} 张 GPU 做数据并行。",
               f" Ψ = {psi:g}B parameters, data parallel over N = {n} GPUs.")
    ask = (Bi("分别用 ZeRO stage 1、2、3 时，每张卡的模型状态占多少 GB？写出 [stage 1, stage 2, "
              "stage 3]。", " How many GB of model states does each GPU hold under ZeRO stage "
              "1, 2 and 3? Answer [stage 1, stage 2, stage 3].") if all_stages else
           Bi(f"用 ZeRO stage {stages[0]} 时，每张卡的模型状态占多少 GB？",
              f" How many GB of model states does each GPU hold under ZeRO stage {stages[0]}?"))
    lines = [_RULES] + [Bi(f"stage {s}：{num(v, 2)} GB", f"stage {s}: {num(v, 2)} GB")
                        for s, v in zip(stages, vals, strict=True)]

    def like(f: object) -> list[float]:
        return [f(s) for s in stages]  # type: ignore[operator]

    mistakes = [
        Mistake(Bi("没有切分（按 DDP 每卡 16Ψ）", "did not shard anything (DDP's 16Ψ per GPU)"),
                answer.like(like(lambda s: zero_gb(psi, n, 0)))),
        Mistake(Bi("忘了 fp32 master 权重（K 取成 8）", "forgot the fp32 master weights (K = 8)"),
                answer.like(like(lambda s: zero_gb(psi, n, s, k=8)))),
        Mistake(Bi("按 GiB（2^30 字节）换算了", "converted to GiB (2^30 bytes), not GB"),
                answer.like(like(lambda s: zero_gb(psi, n, s) * 1e9 / 2**30))),
        Mistake(Bi("梯度按 fp32（4 字节）算了", "counted the gradients in fp32 (4 bytes)"),
                answer.like(like(lambda s: zero_gb(psi, n, s, grad_bytes=4)))),
    ]
    if all_stages:
        mistakes.append(Mistake(Bi("stage 2 按 stage 1 算了（梯度没切分）", "counted stage 2 as "
                                   "stage 1 (gradients not sharded)"),
                                answer.like([vals[0], vals[0], vals[2]])))
    if not all_stages:
        s = stages[0]
        mistakes.append(Mistake(Bi("把所有模型状态都除以了 N（当成 stage 3）",
                                   "divided every model state by N (as in stage 3)"),
                                answer.like([zero_gb(psi, n, 3)])))
        mistakes.append(Mistake(Bi(f"按 stage {s - 1 if s > 1 else 2} 的切分方式算了",
                                   f"sharded as stage {s - 1 if s > 1 else 2} does"),
                                answer.like([zero_gb(psi, n, s - 1 if s > 1 else 2)])))
    return Problem(_SETUP + setup + ask, answer, steps(*lines), tuple(mistakes))


def _fewest(rng: np.random.Generator) -> Problem:
    budget = pick(rng, _MEMORY)
    psi = between(rng, budget, 4 * budget) / 10  # stage 2 fits: 2Ψ < budget
    vals = [min_gpus(psi, budget, s) for s in (2, 3)]
    answer = numbers(vals, units=("count",))
    ask = Bi(f"Ψ = {psi:g}B 参数，每张 GPU 只能给模型状态 {budget} GB。分别用 ZeRO stage 2、3 时，"
             "至少要几张 GPU（整数张，不要求 2 的幂）？写出 [stage 2, stage 3]。",
             f" Ψ = {psi:g}B parameters, and each GPU has {budget} GB for model states. How "
             "many GPUs are needed at least under ZeRO stage 2 and stage 3 (any whole number, "
             "not necessarily a power of 2)? Answer [stage 2, stage 3].")
    lines = [_RULES,
             Bi(f"stage 2：2Ψ = {num(2 * psi)} GB 不切分，14Ψ/N ≤ {budget} − {num(2 * psi)}，"
                f"N ≥ {vals[0]}（向上取整）",
                f"stage 2: 2Ψ = {num(2 * psi)} GB stays whole, 14Ψ/N ≤ {budget} − "
                f"{num(2 * psi)}, N ≥ {vals[0]} (rounded up)"),
             Bi(f"stage 3：16Ψ/N ≤ {budget}，N ≥ {vals[1]}（向上取整）",
                f"stage 3: 16Ψ/N ≤ {budget}, N ≥ {vals[1]} (rounded up)")]

    def floor_n(s: int) -> int:
        kept = {1: 4.0, 2: 2.0, 3: 0.0}[s] * psi
        return max(1, math.floor((16 * psi - kept) / (budget - kept)))

    mistakes = [
        Mistake(Bi("向下取整了（放不下）", "rounded down (the states would not fit)"),
                answer.like([floor_n(s) for s in (2, 3)])),
        Mistake(Bi("stage 2 也按 16Ψ/N 算了（梯度之外的参数也切分了）",
                   "used 16Ψ/N for stage 2 as well (sharded the parameters too)"),
                answer.like([vals[1], vals[1]])),
        Mistake(Bi("忘了 fp32 master 权重（K 取成 8）", "forgot the fp32 master weights (K = 8)"),
                answer.like([min_gpus(psi, budget, s, k=8) for s in (2, 3)])),
        Mistake(Bi("按 GiB 与 GB 混算了（显存当成 GiB）", "took the budget in GiB (2^30 bytes)"),
                answer.like([min_gpus(psi, budget * 2**30 / 1e9, s) for s in (2, 3)])),
    ]
    if 4 * psi < budget:  # stage 1 fits at all
        mistakes.append(Mistake(Bi("stage 2 按 stage 1 算了（梯度没切分）", "counted stage 2 as "
                                   "stage 1 (gradients not sharded)"),
                                answer.like([min_gpus(psi, budget, 1), vals[1]])))
    return Problem(_SETUP + Bi(ask.zh, ask.en), answer, steps(*lines), tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 3:
        return _fewest(rng)
    return _per_gpu(rng, all_stages=difficulty == 2)


KIND = KindDef("zero-memory", "training", Bi("ZeRO 各 stage 每卡显存", "ZeRO memory per GPU"),
               "list", build)
