"""infonce: the InfoNCE (NT-Xent) loss of one anchor against one positive and K negatives.

L = −log( exp(s⁺/τ) / (exp(s⁺/τ) + Σ_k exp(s_k/τ)) ), the cross-entropy of the similarities
divided by the temperature τ with the positive as the target; the positive is part of the
denominator. Similarities are cosine similarities; at level 3 they come from raw vectors.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.text import Bi, lst, num, steps


def info_nce(pos: float, negs: np.ndarray, tau: float) -> float:
    logits = np.concatenate([[pos], negs]) / tau
    top = logits.max()
    return float(-(logits[0] - top - math.log(np.exp(logits - top).sum())))


def _cos(u: np.ndarray, v: np.ndarray) -> float:
    return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    k = 2 if difficulty == 1 else 3
    tau = pick(rng, (1.0, 0.5) if difficulty == 1 else (0.07, 0.1, 0.2, 0.5))
    if difficulty < 3:
        pos = round(float(rng.uniform(0.2, 0.95)), 2)
        negs = np.round(rng.uniform(-0.6, 0.6, k), 2)
        given = Bi(f"anchor 与正样本的余弦相似度 s⁺ = {num(pos)}，与 {k} 个负样本的相似度 "
                   f"{lst(negs)}", f"The anchor's cosine similarity to its positive is "
                   f"s⁺ = {num(pos)}, to {k} negatives {lst(negs)}")
        lines = []
    else:
        vecs = [np.array([between(rng, -3, 3) or 1, between(rng, -3, 3)], dtype=np.float64)
                for _ in range(k + 2)]
        anchor, positive, others = vecs[0], vecs[1], vecs[2:]
        pos = _cos(anchor, positive)
        negs = np.array([_cos(anchor, v) for v in others])
        given = Bi(f"anchor = {lst(anchor)}，正样本 {lst(positive)}，负样本 "
                   f"{', '.join(lst(v) for v in others)}（相似度用余弦相似度）",
                   f"anchor = {lst(anchor)}, positive {lst(positive)}, negatives "
                   f"{', '.join(lst(v) for v in others)} (similarity = cosine similarity)")
        lines = [Bi(f"s⁺ = {num(pos, 4)}，负样本 {lst(negs, 4)}", f"s⁺ = {num(pos, 4)}, "
                    f"negatives {lst(negs, 4)}")]
    loss = info_nce(pos, negs, tau)
    answer = real(loss, 4, unit="nats")
    prompt = given + Bi(f"，温度 τ = {tau:g}。InfoNCE 损失 −log(exp(s⁺/τ)/Σ exp(s/τ))"
                        "（分母含正样本，自然对数）是多少？",
                        f"; temperature τ = {tau:g}. What is the InfoNCE loss "
                        "−log(exp(s⁺/τ)/Σ exp(s/τ)) (the positive is in the denominator, "
                        "natural log)?")
    lines += [Bi(f"logits = s/τ = {lst(np.concatenate([[pos], negs]) / tau, 4)}",
                 f"logits = s/τ = {lst(np.concatenate([[pos], negs]) / tau, 4)}"),
              Bi(f"L = {num(loss, 4)}", f"L = {num(loss, 4)}")]
    exclusive = float(-(pos / tau) + math.log(np.exp(negs / tau).sum()))
    slips = [(Bi("忘了除以温度 τ", "forgot to divide by τ"), info_nce(pos, negs, 1.0)
              if tau != 1.0 else info_nce(pos, negs, 0.5)),
             (Bi("分母漏了正样本", "left the positive out of the denominator"), exclusive),
             (Bi("乘了 τ 而不是除以 τ", "multiplied by τ instead of dividing"),
              info_nce(pos * tau * tau, negs * tau * tau, tau)),
             (Bi("用了以 2 为底的对数", "used log base 2"), loss / math.log(2))]
    if tau == 1.0:
        slips = slips[1:]
    mistakes = tuple(Mistake(name, answer.like([v])) for name, v in slips)
    return Problem(prompt, answer, steps(*lines), mistakes)


KIND = KindDef("infonce", "losses", Bi("InfoNCE 对比损失", "InfoNCE contrastive loss"), "real",
               build)
