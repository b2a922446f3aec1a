"""sampling-probs: next-token probabilities after temperature, top-k and top-p (nucleus).

Temperature divides the logits before the softmax; top-k keeps the k most likely tokens;
top-p keeps the smallest set of most likely tokens whose probability reaches p (the token
that crosses p is kept, as in Hugging Face's TopPLogitsWarper); kept probabilities are
renormalised and the others become 0. Temperature is applied first.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.ops import softmax
from engine.questions.text import Bi, lst, steps

_TEMPS = (0.5, 0.7, 0.8, 1.0, 1.5, 2.0)


def keep_top_k(p: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros_like(p)
    idx = np.argsort(-p, kind="stable")[:k]
    out[idx] = p[idx]
    return np.asarray(out / out.sum(), dtype=np.float64)


def keep_top_p(p: np.ndarray, top_p: float, keep_crossing: bool = True) -> np.ndarray:
    order = np.argsort(-p, kind="stable")
    cum = np.cumsum(p[order])
    n = int(np.searchsorted(cum, top_p - 1e-12)) + (1 if keep_crossing else 0)
    n = max(1, min(n, len(p)))
    out = np.zeros_like(p)
    out[order[:n]] = p[order[:n]]
    return np.asarray(out / out.sum(), dtype=np.float64)


def _logits(rng: np.random.Generator) -> np.ndarray:
    n = pick(rng, (4, 5))
    z = np.round(rng.uniform(-1, 3, n), 1)
    while len(set(z.tolist())) < n:
        z = np.round(rng.uniform(-1, 3, n), 1)
    return np.asarray(z, dtype=np.float64)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    z = _logits(rng)
    t = pick(rng, _TEMPS if difficulty == 1 else _TEMPS[:-1])
    while difficulty == 1 and t == 1.0:
        t = pick(rng, _TEMPS)
    p = softmax(z / t)
    while difficulty == 3 and not _clear(p):  # keep the token that crosses p unambiguous
        z = _logits(rng)
        p = softmax(z / t)
    base = Bi(f"下一个 token 的 logits = {lst(z)}，temperature T = {t:g}（先把 logits 除以 T 再 "
              "softmax）。", f"Next-token logits = {lst(z)}, temperature T = {t:g} (the logits "
              "are divided by T before the softmax).")
    lines = [Bi(f"softmax(z/T) = {lst(p, 4)}", f"softmax(z/T) = {lst(p, 4)}")]
    mult = softmax(z * t)
    if difficulty == 1:
        answer = numbers(p, 4)
        ask = Bi("采样概率分布是什么？", " What is the sampling distribution?")
        mistakes = [Mistake(Bi("把 logits 乘了 T", "multiplied the logits by T"),
                            answer.like(mult)),
                    Mistake(Bi("忘了 temperature（T = 1）", "ignored the temperature (T = 1)"),
                            answer.like(softmax(z))),
                    Mistake(Bi("把 softmax 后的概率除以了 T（没有重新归一化）", "divided the "
                               "probabilities by T (not renormalised)"),
                            answer.like(softmax(z) / t))]
        return Problem(base + ask, answer, steps(*lines), tuple(mistakes))
    if difficulty == 2:
        k = pick(rng, (2, 3))
        out = keep_top_k(p, k)
        ask = Bi(f"再做 top-k（k = {k}）：保留概率最大的 {k} 个 token 并重新归一化，其余为 0。写"
                 "出最终"
                 "的采样概率（按原 token 顺序）。",
                 f" Then top-k with k = {k}: keep the {k} most likely tokens and renormalise, "
                 "the rest become 0. Give the final sampling probabilities (in token order).")
        lines.append(Bi(f"保留前 {k} 个并归一化：{lst(out, 4)}",
                        f"keep the top {k} and renormalise: {lst(out, 4)}"))
        unnorm = np.where(out > 0, p, 0.0)
        answer = numbers(out, 4)
        mistakes = [Mistake(Bi("保留后没有重新归一化", "did not renormalise after truncating"),
                            answer.like(unnorm)),
                    Mistake(Bi("忘了 temperature（T = 1）", "ignored the temperature (T = 1)"),
                            answer.like(keep_top_k(softmax(z), k))),
                    Mistake(Bi("把 logits 乘了 T", "multiplied the logits by T"),
                            answer.like(keep_top_k(mult, k)))]
        return Problem(base + ask, answer, steps(*lines), tuple(mistakes))
    cum = np.cumsum(np.sort(p)[::-1])
    top_p = pick(rng, _clear(p))
    out = keep_top_p(p, top_p)
    ask = Bi(f"再做 top-p（p = {top_p}）：按概率从大到小累加，保留累计概率刚好达到 {top_p} 的最小"
             "集合"
             "（越过 p 的那个 token 也保留），重新归一化，其余为 0。写出最终的采样概率（按原 toke"
             "n 顺序）。",
             f" Then top-p with p = {top_p}: keep the smallest set of most likely tokens whose "
             f"cumulative probability reaches {top_p} (the token that crosses p is kept), "
             "renormalise, the rest become 0. Give the final sampling probabilities (in token "
             "order).")
    lines.append(Bi(f"从大到小的累计概率：{lst(cum, 4)}", f"cumulative, largest first: "
                    f"{lst(cum, 4)}"))
    lines.append(Bi(f"保留 {int(np.count_nonzero(out))} 个并归一化：{lst(out, 4)}",
                    f"keep {int(np.count_nonzero(out))} and renormalise: {lst(out, 4)}"))
    answer = numbers(out, 4)
    mistakes = [Mistake(Bi("没保留越过 p 的那个 token", "dropped the token that crosses p"),
                        answer.like(keep_top_p(p, top_p, keep_crossing=False))),
                Mistake(Bi("保留后没有重新归一化", "did not renormalise after truncating"),
                        answer.like(np.where(out > 0, p, 0.0))),
                Mistake(Bi("先做 top-p 再调 temperature", "applied top-p before the temperature"),
                        answer.like(_after(z, t, top_p)))]
    return Problem(base + ask, answer, steps(*lines), tuple(mistakes))


def _clear(p: np.ndarray) -> list[float]:
    """Top-p thresholds at least 0.005 away from every cumulative probability."""
    cum = np.cumsum(np.sort(p)[::-1])
    return [v for v in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95) if np.min(np.abs(cum - v)) >= 0.005]


def _after(z: np.ndarray, t: float, top_p: float) -> np.ndarray:
    """Top-p chosen on the T = 1 distribution, temperature applied to the survivors."""
    keep = keep_top_p(softmax(z), top_p) > 0
    out = np.where(keep, softmax(z / t), 0.0)
    return np.asarray(out / out.sum(), dtype=np.float64)


KIND = KindDef("sampling-probs", "transformers", Bi("采样概率：temperature、top-k、top-p",
               "Sampling: temperature, top-k, top-p"), "list", build)
