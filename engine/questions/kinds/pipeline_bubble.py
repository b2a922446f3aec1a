"""pipeline-bubble: idle time of a GPipe-style pipeline (p stages, m micro-batches).

With equal stages, one batch takes m + p − 1 slots of (forward + backward) time per
micro-batch, of which p − 1 are fill and drain, so the bubble is (p − 1)/(m + p − 1) of
the total (GPipe; 1F1B has the same bubble). Megatron-LM quotes (p − 1)/m instead: bubble
over ideal time, a different ratio, which is one of the named mistakes.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.text import Bi, num, steps

_SETUP = Bi("流水线并行（GPipe 调度）：模型均匀切成 p 个 stage，一个 batch 切成 m 个 micro-batch，"
            "每个 stage 处理一个 micro-batch 的时间相同，通信忽略不计。",
            "Pipeline parallelism (GPipe schedule): the model is split into p equal stages, "
            "a batch into m micro-batches, every stage takes the same time per micro-batch, "
            "and communication is ignored.")


def bubble(p: int, m: int) -> float:
    """Fraction of the batch time a stage sits idle."""
    return (p - 1) / (m + p - 1)


def _fraction(rng: np.random.Generator) -> Problem:
    p, m = between(rng, 2, 16), between(rng, 1, 64)
    while p - 1 == m:  # (p−1)/m would be 1 = p/(m+p)... keep the slips apart
        m = between(rng, 1, 64)
    value = 100 * bubble(p, m)
    answer = real(value, 2, unit="%")
    prompt = _SETUP + Bi(f"p = {p}，m = {m}。bubble（空闲时间）占一个 batch 总时间的百分之多少？",
                         f" p = {p}, m = {m}. What percentage of the batch time is bubble "
                         "(idle time)?")
    solution = steps(Bi(f"总时长 m + p − 1 = {m + p - 1} 个时间片，其中 p − 1 = {p - 1} 个是填充和"
                        "排空",
                        f"the batch takes m + p − 1 = {m + p - 1} slots, p − 1 = {p - 1} of them "
                        "filling and draining"),
                     Bi(f"bubble = {p - 1}/{m + p - 1} = {num(value, 2)}%",
                        f"bubble = {p - 1}/{m + p - 1} = {num(value, 2)}%"))
    mistakes = [
        Mistake(Bi("用了 (p−1)/m（bubble 与理想时间之比，不是占总时间的比例）",
                   "used (p−1)/m (bubble over the ideal time, not over the total)"),
                answer.like([100 * (p - 1) / m])),
        Mistake(Bi("写成了小数而不是百分数", "gave a fraction, not a percentage"),
                answer.like([bubble(p, m)]).rounded(4)),
        Mistake(Bi("算成了利用率（1 − bubble）", "gave the utilisation (1 − bubble)"),
                answer.like([100 - value])),
        Mistake(Bi("漏了 −1：p/(m+p)", "dropped the −1: p/(m+p)"),
                answer.like([100 * p / (m + p)])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _step_time(rng: np.random.Generator) -> Problem:
    p, m = between(rng, 2, 12), between(rng, 2, 48)
    tf = between(rng, 5, 60) / 2
    tb = 2 * tf if rng.integers(2) else between(rng, 10, 120) / 2
    value = (m + p - 1) * (tf + tb)
    answer = real(value, 1, unit="ms")
    prompt = _SETUP + Bi(f"p = {p}，m = {m}；每个 stage 对一个 micro-batch 的前向 {tf:g} ms、反向 "
                         f"{tb:g} ms（先做完所有前向再做所有反向）。一个 batch 从第一个前向开始到"
                         "最后一个"
                         "反向结束要多少 ms？",
                         f" p = {p}, m = {m}; a stage takes {tf:g} ms forward and {tb:g} ms "
                         "backward per micro-batch (all forwards, then all backwards). How many "
                         "ms does one batch take from the first forward to the last backward?")
    solution = steps(Bi(f"前向阶段 (m + p − 1)·t_f = {m + p - 1}·{tf:g}，反向阶段 (m + p − 1)·t_b"
                        " = "
                        f"{m + p - 1}·{tb:g}",
                        f"forward phase (m + p − 1)·t_f = {m + p - 1}·{tf:g}, backward phase "
                        f"(m + p − 1)·t_b = {m + p - 1}·{tb:g}"),
                     Bi(f"合计 {num(value, 1)} ms（其中 bubble {(p - 1) * (tf + tb):g} ms）",
                        f"total {num(value, 1)} ms (bubble {(p - 1) * (tf + tb):g} ms)"))
    mistakes = [
        Mistake(Bi("没算 bubble：m·(t_f + t_b)", "left out the bubble: m·(t_f + t_b)"),
                answer.like([m * (tf + tb)])),
        Mistake(Bi("不流水地串行执行：p·m·(t_f + t_b)", "ran the stages without overlap: "
                   "p·m·(t_f + t_b)"), answer.like([p * m * (tf + tb)])),
        Mistake(Bi("漏了反向", "left out the backward pass"), answer.like([(m + p - 1) * tf])),
        Mistake(Bi("bubble 只算在前向：(m+p−1)·t_f + m·t_b", "put the bubble on the forward "
                   "only: (m+p−1)·t_f + m·t_b"), answer.like([(m + p - 1) * tf + m * tb])),
        Mistake(Bi("漏了 −1：(m + p)·(t_f + t_b)", "dropped the −1: (m + p)·(t_f + t_b)"),
                answer.like([(m + p) * (tf + tb)])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _fewest(rng: np.random.Generator) -> Problem:
    p = between(rng, 2, 32)
    target = pick(rng, (1, 2, 3, 4, 5, 8, 10, 15, 20, 25))
    x = target / 100
    m = math.ceil((p - 1) * (1 - x) / x - 1e-9)
    answer = real(m, 0, unit="count")
    prompt = _SETUP + Bi(f"p = {p}。要让 bubble 不超过一个 batch 总时间的 {target}%，"
                         "m 至少取多少？",
                         f" p = {p}. What is the smallest m that keeps the bubble at or below "
                         f"{target}% of the batch time?")
    solution = steps(Bi(f"(p−1)/(m+p−1) ≤ {x:g} ⇒ m ≥ (p−1)(1−{x:g})/{x:g} = "
                        f"{(p - 1) * (1 - x) / x:.4g}",
                        f"(p−1)/(m+p−1) ≤ {x:g} ⇒ m ≥ (p−1)(1−{x:g})/{x:g} = "
                        f"{(p - 1) * (1 - x) / x:.4g}"),
                     Bi(f"向上取整：m = {m}（bubble {num(100 * bubble(p, m), 2)}%）",
                        f"round up: m = {m} (bubble {num(100 * bubble(p, m), 2)}%)"))
    mistakes = [
        Mistake(Bi("用了 (p−1)/m ≤ x", "used (p−1)/m ≤ x"),
                answer.like([math.ceil((p - 1) / x - 1e-9)])),
        Mistake(Bi("向下取整了（bubble 会超标）", "rounded down (the bubble would be too big)"),
                answer.like([math.floor((p - 1) * (1 - x) / x + 1e-9)])),
        Mistake(Bi("漏了 −1：p/(m+p) ≤ x", "dropped the −1: p/(m+p) ≤ x"),
                answer.like([math.ceil(p * (1 - x) / x - 1e-9)])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    return (_fraction, _step_time, _fewest)[difficulty - 1](rng)


KIND = KindDef("pipeline-bubble", "training", Bi("流水线并行的 bubble", "Pipeline bubble"),
               "real", build)
