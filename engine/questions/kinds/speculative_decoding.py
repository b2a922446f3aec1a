"""speculative-decoding: expected tokens per target-model pass (Leviathan et al., 2023).

The draft model proposes γ tokens; each is accepted with probability α independently, and
the first rejection stops the run; the target pass always adds one token of its own (the
correction, or a bonus token when all γ were accepted). Expected tokens per pass:
1 + α + … + α^γ = (1 − α^(γ+1)) / (1 − α). With a draft costing c of a target pass, the
expected speed-up in wall time is that number over (γ·c + 1).
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.text import Bi, num, steps


def tokens_per_pass(alpha: float, gamma: int) -> float:
    return (1 - alpha ** (gamma + 1)) / (1 - alpha)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    alpha = pick(rng, (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95))
    gamma = between(rng, 2, 10)
    e = tokens_per_pass(alpha, gamma)
    setup = Bi(f"投机解码：草稿模型每次提出 γ = {gamma} 个 token，每个被目标模型接受的概率为 "
               f"α = {alpha:g}（相互独立，遇到第一个被拒绝的就停止），目标模型每次前向总会再给出 1 "
               "个 token（纠正的或额外的）。",
               f"Speculative decoding: the draft model proposes γ = {gamma} tokens, each "
               f"accepted by the target model with probability α = {alpha:g} (independently; "
               "the first rejection stops the run), and every target pass adds one token of "
               "its own (the correction or a bonus token).")
    no_bonus = (1 - alpha ** gamma) / (1 - alpha)
    if difficulty == 1:
        value = e
        ask = Bi("每次目标模型前向平均产生多少个 token？", " How many tokens does one target "
                 "pass produce on average?")
        lines = [Bi(f"E = (1 − α^(γ+1))/(1 − α) = (1 − {alpha:g}^{gamma + 1})/(1 − {alpha:g}) = "
                    f"{num(e, 2)}", f"E = (1 − α^(γ+1))/(1 − α) = (1 − {alpha:g}^{gamma + 1})/"
                    f"(1 − {alpha:g}) = {num(e, 2)}")]
        slips = [(Bi("漏了目标模型自己给出的那个 token：(1 − α^γ)/(1 − α)", "left out the "
                     "target's own token: (1 − α^γ)/(1 − α)"), no_bonus),
                 (Bi("按 α·γ 算了", "took α·γ"), alpha * gamma),
                 (Bi("按 α·γ + 1 算了（忽略了第一次拒绝就停止）", "took α·γ + 1 (ignored that the "
                     "first rejection stops the run)"), alpha * gamma + 1)]
    elif difficulty == 2:
        c = pick(rng, (0.05, 0.1, 0.2, 0.25))
        value = e / (gamma * c + 1)
        ask = Bi(f"草稿模型一次前向的耗时是目标模型的 c = {c:g}。期望的加速比（墙钟时间）是多少？",
                 f" A draft pass costs c = {c:g} of a target pass. What is the expected "
                 "wall-time speed-up?")
        lines = [Bi(f"每轮 token 数 E = {num(e, 4)}", f"tokens per round E = {num(e, 4)}"),
                 Bi(f"每轮耗时 γ·c + 1 = {gamma * c + 1:g}；加速比 = {num(value, 2)}",
                    f"round cost γ·c + 1 = {gamma * c + 1:g}; speed-up = {num(value, 2)}")]
        slips = [(Bi("忽略了草稿模型的开销", "ignored the draft model's cost"), e),
                 (Bi("漏了目标模型自己给出的那个 token", "left out the target's own token"),
                  no_bonus / (gamma * c + 1)),
                 (Bi("草稿开销只算了一次（c + 1）", "counted the draft cost once (c + 1)"),
                  e / (c + 1))]
    else:
        n = pick(rng, (100, 128, 200, 256, 500, 512, 1000))
        value = n / e
        ask = Bi(f"要生成 {n} 个 token，期望需要多少次目标模型前向？",
                 f" How many target passes are expected to generate {n} tokens?")
        lines = [Bi(f"每次前向 E = {num(e, 4)} 个 token", f"E = {num(e, 4)} tokens per pass"),
                 Bi(f"{n}/E = {num(value, 2)}", f"{n}/E = {num(value, 2)}")]
        slips = [(Bi("漏了目标模型自己给出的那个 token", "left out the target's own token"),
                  n / no_bonus),
                 (Bi("按每次 γ + 1 个 token 算了（都被接受）", "assumed γ + 1 tokens per pass "
                     "(all accepted)"), n / (gamma + 1)),
                 (Bi("按 α·γ + 1 个 token 算了", "took α·γ + 1 tokens per pass"),
                  n / (alpha * gamma + 1))]
    answer = real(value, 2)
    mistakes = tuple(Mistake(name, answer.like([v])) for name, v in slips if math.isfinite(v))
    return Problem(setup + ask, answer, steps(*lines), mistakes)


KIND = KindDef("speculative-decoding", "transformers", Bi("投机解码的期望接受 token 数",
               "Speculative decoding: expected tokens per pass"), "real", build)
