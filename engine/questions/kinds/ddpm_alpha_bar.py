"""ddpm-alpha-bar: DDPM's forward process in closed form, ᾱ_t = Π_{s≤t}(1 − β_s) and
x_t = √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε (Ho et al., 2020), on short schedules one can multiply by hand.

The linear schedule is β_s = β₁ + (s − 1)(β_T − β₁)/(T − 1), s = 1..T, as in the paper (whose
T = 1000 runs from 10⁻⁴ to 0.02); here T is small and the βs large enough to matter.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.text import Bi, lst, num, steps


def linear_betas(b1: float, b_t: float, t_max: int) -> np.ndarray:
    return np.asarray(np.linspace(b1, b_t, t_max), dtype=np.float64)


def alpha_bar(betas: np.ndarray, t: int) -> float:
    return float(np.prod(1.0 - betas[:t]))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 1:
        betas = np.round(rng.uniform(0.02, 0.3, between(rng, 3, 5)), 2)
        t = len(betas)
        sched = Bi(f"DDPM 前向过程的 β₁..β_{t} = {lst(betas)}。",
                   f"A DDPM forward process has β₁..β_{t} = {lst(betas)}.")
    else:
        t_max = between(rng, 5, 10)
        b1, b_t = pick(rng, (0.01, 0.02, 0.05)), pick(rng, (0.2, 0.3, 0.4, 0.5))
        betas = linear_betas(b1, b_t, t_max)
        t = between(rng, 3, t_max)
        sched = Bi(f"DDPM 前向过程用线性 β：T = {t_max}，β_s = β₁ + (s−1)(β_T − β₁)/(T−1)，β₁ = "
                   f"{b1}，"
                   f"β_T = {b_t}（s = 1..T）。",
                   f"A DDPM forward process uses a linear schedule: T = {t_max}, β_s = β₁ + "
                   f"(s−1)(β_T − β₁)/(T−1), β₁ = {b1}, β_T = {b_t} (s = 1..T).")
    ab = alpha_bar(betas, t)
    lines = [Bi(f"β₁..β_{t} = {lst(betas[:t], 4)}", f"β₁..β_{t} = {lst(betas[:t], 4)}"),
             Bi(f"ᾱ_{t} = Π(1 − β_s) = {num(ab, 6)}", f"ᾱ_{t} = Π(1 − β_s) = {num(ab, 6)}")]
    slips = [(Bi("用了 1 − Σβ（把连乘当成了求和）", "used 1 − Σβ (a sum instead of the product)"),
              1 - float(np.sum(betas[:t]))),
             (Bi("只用了最后一步的 α_t = 1 − β_t", "used only the last step's α_t = 1 − β_t"),
              1 - float(betas[t - 1])),
             (Bi("连乘了 β 而不是 1 − β", "multiplied the βs, not 1 − β"),
              float(np.prod(betas[:t])))]
    if difficulty == 1:
        answer = real(ab, 4)
        mistakes = [Mistake(name, answer.like([v])) for name, v in slips]
        return Problem(sched + Bi(f"求 ᾱ_{t}。", f" What is ᾱ_{t}?"), answer, steps(*lines),
                       tuple(mistakes))
    if difficulty == 2:
        value = math.sqrt(1 - ab)
        answer = real(value, 4)
        ask = Bi(f"x_{t} = √ᾱ_{t}·x₀ + √(1−ᾱ_{t})·ε，噪声 ε 的系数 √(1−ᾱ_{t}) 是多少？",
                 f" In x_{t} = √ᾱ_{t}·x₀ + √(1−ᾱ_{t})·ε, what is the noise coefficient "
                 f"√(1−ᾱ_{t})?")
        lines.append(Bi(f"√(1 − {num(ab, 6)}) = {num(value, 4)}", f"√(1 − {num(ab, 6)}) = "
                        f"{num(value, 4)}"))
        mistakes = [Mistake(name, answer.like([math.sqrt(max(0.0, 1 - v))])) for name, v in slips]
        mistakes += [Mistake(Bi("忘了开方：1 − ᾱ_t", "forgot the square root: 1 − ᾱ_t"),
                             answer.like([1 - ab])),
                     Mistake(Bi("给出了信号系数 √ᾱ_t", "gave the signal coefficient √ᾱ_t"),
                             answer.like([math.sqrt(ab)]))]
        return Problem(sched + ask, answer, steps(*lines), tuple(mistakes))
    x0, eps = round(float(rng.uniform(-2, 2)), 1), round(float(rng.uniform(-2, 2)), 1)
    while x0 == 0 or eps == 0:
        x0, eps = round(float(rng.uniform(-2, 2)), 1), round(float(rng.uniform(-2, 2)), 1)
    value = math.sqrt(ab) * x0 + math.sqrt(1 - ab) * eps
    answer = real(value, 4)
    ask = Bi(f"x₀ = {x0:g}，采样到的噪声 ε = {eps:g}。用闭式 x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε 求 x_{t}。",
             f" x₀ = {x0:g} and the sampled noise is ε = {eps:g}. Using x_t = √ᾱ_t·x₀ + "
             f"√(1−ᾱ_t)·ε, what is x_{t}?")
    lines.append(Bi(f"x_{t} = {num(math.sqrt(ab), 4)}·{x0:g} + {num(math.sqrt(1 - ab), 4)}·"
                    f"{eps:g} = "
                    f"{num(value, 4)}",
                    f"x_{t} = {num(math.sqrt(ab), 4)}·{x0:g} + {num(math.sqrt(1 - ab), 4)}·"
                    f"{eps:g} = {num(value, 4)}"))
    mistakes = [Mistake(name, answer.like([math.sqrt(max(0.0, v)) * x0
                                           + math.sqrt(max(0.0, 1 - v)) * eps]))
                for name, v in slips]
    mistakes.append(Mistake(Bi("忘了开方：ᾱ_t·x₀ + (1−ᾱ_t)·ε", "forgot the square roots: "
                               "ᾱ_t·x₀ + (1−ᾱ_t)·ε"), answer.like([ab * x0 + (1 - ab) * eps])))
    return Problem(sched + ask, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("ddpm-alpha-bar", "training", Bi("DDPM 的 ᾱ_t 与加噪闭式",
               "DDPM ᾱ_t and the closed-form noising"), "real", build)
