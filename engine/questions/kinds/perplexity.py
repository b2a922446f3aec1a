"""perplexity: exp of the mean negative log-likelihood per token.

PPL = exp(−(1/N)·Σ ln p_i) = (Π p_i)^(−1/N), the geometric mean of 1/p_i. With log-probs in
bits (base 2) it is 2^(−(1/N)·Σ log₂ p_i): the same number.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.text import Bi, lst, num, steps

_PROBS = (0.05, 0.1, 0.125, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 0.8, 0.9)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n = between(rng, 3, 4) if difficulty == 1 else between(rng, 4, 6)
    p = np.array([pick(rng, _PROBS) for _ in range(n)])
    # the log-probs as shown (4 decimals) are what the answer is computed from
    ln_p = np.log(p) if difficulty == 1 else (
        np.round(np.log(p), 4) if difficulty == 2 else np.round(np.log2(p), 4) * math.log(2))
    p = np.exp(ln_p) if difficulty > 1 else p
    nll = -ln_p
    ppl = float(math.exp(nll.mean()))
    answer = real(ppl, 3)
    if difficulty == 1:
        given = Bi(f"语言模型给一句话的 {n} 个 token 的条件概率依次是 {lst(p)}。",
                   f"A language model gives the {n} tokens of a sentence the conditional "
                   f"probabilities {lst(p)}.")
    elif difficulty == 2:
        given = Bi(f"语言模型给一句话的 {n} 个 token 的对数概率（自然对数）依次是 "
                   f"{lst(ln_p, 4)}。",
                   f"A language model gives the {n} tokens of a sentence the log-probabilities "
                   f"(natural log) {lst(ln_p, 4)}.")
    else:
        given = Bi(f"语言模型给一句话的 {n} 个 token 的对数概率（以 2 为底，单位 bit）依次是 "
                   f"{lst(ln_p / math.log(2), 4)}。",
                   f"A language model gives the {n} tokens of a sentence the log-probabilities "
                   f"in bits (base 2) {lst(ln_p / math.log(2), 4)}.")
    prompt = given + Bi("这句话的困惑度（perplexity）是多少？", " What is the sentence's "
                        "perplexity?")
    base = "2" if difficulty == 3 else "e"
    mean = float(nll.mean() / math.log(2)) if difficulty == 3 else float(nll.mean())
    solution = steps(
        Bi(f"平均负对数似然 = {num(mean, 4)}" + (" bit" if difficulty == 3 else " nats"),
           f"mean negative log-likelihood = {num(mean, 4)}" + (" bits" if difficulty == 3
                                                                else " nats")),
        Bi(f"PPL = {base}^{num(mean, 4)} = {num(ppl, 3)}", f"PPL = {base}^{num(mean, 4)} = "
           f"{num(ppl, 3)}"))
    mistakes = [
        Mistake(Bi("用了总和而不是平均", "used the sum instead of the mean"),
                answer.like([math.exp(nll.sum())])),
        Mistake(Bi("算成了 1/平均概率（算术平均）", "took 1 / the arithmetic mean of the "
                   "probabilities"), answer.like([1 / float(p.mean())])),
        Mistake(Bi("漏了负号（得到 1/PPL）", "dropped the minus sign (got 1/PPL)"),
                answer.like([1 / ppl])),
        Mistake(Bi("给出了平均负对数似然（没有取指数）", "gave the mean negative "
                   "log-likelihood (no exponential)"), answer.like([mean])),
    ]
    if difficulty == 3:
        mistakes.append(Mistake(Bi("bit 数用了 e 为底取指数", "raised e, not 2, to the mean "
                                   "in bits"), answer.like([math.exp(mean)])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("perplexity", "transformers", Bi("由 token 概率算困惑度",
               "Perplexity from token log-probabilities"), "real", build)
