"""kl-entropy: entropy, cross-entropy and KL divergence of small discrete distributions.

H(p) = −Σ p ln p, H(p, q) = −Σ p ln q, KL(p‖q) = Σ p ln(p/q) = H(p, q) − H(p); natural
logs, so the answers are in nats. KL is not symmetric: KL(q‖p) is another number.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.text import Bi, lst, num, steps


def _dist(rng: np.random.Generator, k: int) -> np.ndarray:
    """k probabilities in hundredths, each at least 0.05, summing to 1."""
    while True:
        cuts = np.sort(rng.choice(np.arange(5, 96), k - 1, replace=False))
        p = np.diff(np.concatenate([[0], cuts, [100]])) / 100
        if p.min() >= 0.05:
            return np.asarray(p, dtype=np.float64)


def entropy(p: np.ndarray) -> float:
    return float(-(p * np.log(p)).sum())


def cross(p: np.ndarray, q: np.ndarray) -> float:
    return float(-(p * np.log(q)).sum())


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    k = 3 if difficulty == 1 else 4 if difficulty == 2 else int(rng.integers(3, 5))
    p = _dist(rng, k)
    q = _dist(rng, k)
    while np.allclose(p, q):
        q = _dist(rng, k)
    h, hpq, hqp = entropy(p), cross(p, q), cross(q, p)
    kl, kl_rev = hpq - h, hqp - entropy(q)
    if difficulty == 1:
        value = h
        ask = Bi(f"分布 p = {lst(p)}。熵 H(p) 是多少 nats（自然对数）？",
                 f"A distribution p = {lst(p)}. What is its entropy H(p) in nats (natural "
                 "log)?")
        lines = [Bi(f"H(p) = −Σ p ln p = {num(h, 4)}", f"H(p) = −Σ p ln p = {num(h, 4)}")]
        slips = [(Bi("用了以 2 为底的对数（bits）", "used log base 2 (bits)"), h / math.log(2)),
                 (Bi("漏了负号", "dropped the minus sign"), -h),
                 (Bi("用了以 10 为底的对数", "used log base 10"), h / math.log(10))]
    elif difficulty == 2:
        value = hpq
        ask = Bi(f"真实分布 p = {lst(p)}，模型分布 q = {lst(q)}。交叉熵 H(p, q) 是多少 nats？",
                 f"True distribution p = {lst(p)}, model distribution q = {lst(q)}. What is "
                 "the cross-entropy H(p, q) in nats?")
        lines = [Bi(f"H(p, q) = −Σ p ln q = {num(hpq, 4)}", f"H(p, q) = −Σ p ln q = "
                    f"{num(hpq, 4)}")]
        slips = [(Bi("p 与 q 对调了：H(q, p)", "swapped p and q: H(q, p)"), hqp),
                 (Bi("算成了 KL(p‖q)", "gave KL(p‖q)"), kl),
                 (Bi("用了以 2 为底的对数（bits）", "used log base 2 (bits)"), hpq / math.log(2))]
    else:
        value = kl
        ask = Bi(f"p = {lst(p)}，q = {lst(q)}。KL(p‖q) 是多少 nats？",
                 f"p = {lst(p)}, q = {lst(q)}. What is KL(p‖q) in nats?")
        lines = [Bi(f"KL(p‖q) = Σ p ln(p/q) = H(p, q) − H(p) = {num(hpq, 4)} − {num(h, 4)} = "
                    f"{num(kl, 4)}", f"KL(p‖q) = Σ p ln(p/q) = H(p, q) − H(p) = {num(hpq, 4)} − "
                    f"{num(h, 4)} = {num(kl, 4)}")]
        slips = [(Bi("方向反了：KL(q‖p)", "took the other direction: KL(q‖p)"), kl_rev),
                 (Bi("给出了交叉熵 H(p, q)", "gave the cross-entropy H(p, q)"), hpq),
                 (Bi("用了以 2 为底的对数（bits）", "used log base 2 (bits)"), kl / math.log(2)),
                 (Bi("符号反了：Σ p ln(q/p)", "flipped the sign: Σ p ln(q/p)"), -kl)]
    answer = real(value, 4, unit="nats")
    mistakes = tuple(Mistake(name, answer.like([v])) for name, v in slips)
    return Problem(ask, answer, steps(*lines), mistakes)


KIND = KindDef("kl-entropy", "losses", Bi("熵、交叉熵与 KL 散度",
               "Entropy, cross-entropy and KL divergence"), "real", build)
