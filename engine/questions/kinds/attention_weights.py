"""attention-weights: scaled dot-product attention by hand, softmax(q·Kᵀ/√d_k)·V.

Small integer vectors keep the dot products hand-computable. The hardest level adds a causal
mask: query i sees keys 0..i only, the masked logits are −∞ before the softmax, so the
remaining weights still sum to 1 (zeroing after the softmax does not).
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick, small_ints
from engine.questions.ops import softmax
from engine.questions.text import Bi, lst, matrix_block, steps


def weights(q: np.ndarray, keys: np.ndarray, scale: float) -> np.ndarray:
    return np.asarray(softmax(keys @ q / scale), dtype=np.float64)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    d = pick(rng, (2, 4))
    n = pick(rng, (3, 4))
    keys = small_ints(rng, (n, d), -2, 2)
    q = small_ints(rng, (d,), -2, 2)
    while not np.any(q) or len(set((keys @ q).tolist())) < 2:
        q = small_ints(rng, (d,), -2, 2)
    scale = math.sqrt(d)
    row = between(rng, 1, n - 2) if difficulty == 3 else n - 1
    visible = keys[:row + 1] if difficulty == 3 else keys
    w = weights(q, visible, scale)
    dots = visible @ q
    kind = Bi("", "")
    if difficulty == 3:
        kind = Bi(f"使用 causal mask：这是序列中第 {row} 个位置（从 0 开始）的 query，只能看到 ke"
                  f"y 0..{row}"
                  "（被屏蔽的 logit 在 softmax 前置为 −∞）。",
                  f" A causal mask is used: this is the query at position {row} (0-based), "
                  f"which sees keys 0..{row} only (masked logits are set to −∞ before the "
                  "softmax).")
    setup = Bi(f"Scaled dot-product attention，d_k = {d}：q = {lst(q)}，K（每行一个 key）= "
               f"{matrix_block(keys)}",
               f"Scaled dot-product attention with d_k = {d}: q = {lst(q)}, K (one key per row) "
               f"= {matrix_block(keys)}") + kind
    lines = [Bi(f"q·k = {lst(dots)}，除以 √d_k = {scale:g}：{lst(dots / scale, 4)}",
                f"q·k = {lst(dots)}, divided by √d_k = {scale:g}: {lst(dots / scale, 4)}"),
             Bi(f"softmax：{lst(w, 4)}", f"softmax: {lst(w, 4)}")]
    if difficulty == 2:
        dv = pick(rng, (2, 3))
        values = small_ints(rng, (n, dv), -3, 4)
        out = w @ values
        answer = numbers(out, 4)
        prompt = setup + Bi(f"V（每行一个 value）= {matrix_block(values)}输出向量是多少？",
                            f"V (one value per row) = {matrix_block(values)}What is the output "
                            "vector?")
        lines.append(Bi(f"输出 = Σ wᵢ·vᵢ = {lst(out, 4)}", f"output = Σ wᵢ·vᵢ = {lst(out, 4)}"))
        mistakes = [Mistake(Bi("没有除以 √d_k", "did not divide by √d_k"),
                            answer.like(weights(q, keys, 1.0) @ values)),
                    Mistake(Bi("除以了 d_k 而不是 √d_k", "divided by d_k, not √d_k"),
                            answer.like(weights(q, keys, d) @ values)),
                    Mistake(Bi("没做 softmax，直接用缩放后的分数加权", "weighted by the scaled "
                               "scores without the softmax"),
                            answer.like((dots / scale) @ values))]
        return Problem(prompt, answer, steps(*lines), tuple(mistakes))
    full = np.zeros(n)
    full[:len(w)] = w
    answer = numbers(full, 4)
    ask = Bi("注意力权重（对每个 key，按顺序，被屏蔽的写 0）是多少？",
             " What are the attention weights (one per key, in order; 0 for masked keys)?") \
        if difficulty == 3 else Bi("注意力权重（对每个 key，按顺序）是多少？",
                                   " What are the attention weights (one per key, in order)?")
    mistakes = [Mistake(Bi("没有除以 √d_k", "did not divide by √d_k"),
                        answer.like(np.pad(weights(q, visible, 1.0), (0, n - len(w))))),
                Mistake(Bi("除以了 d_k 而不是 √d_k", "divided by d_k, not √d_k"),
                        answer.like(np.pad(weights(q, visible, d), (0, n - len(w)))))]
    if difficulty == 3:
        after = weights(q, keys, scale)
        after[row + 1:] = 0.0
        mistakes.append(Mistake(Bi("softmax 之后才把未来位置置 0（没有重新归一化）",
                                   "zeroed the future positions after the softmax (not "
                                   "renormalised)"), answer.like(after)))
        mistakes.append(Mistake(Bi("没有用 mask", "did not apply the mask"),
                                answer.like(weights(q, keys, scale))))
    return Problem(setup + ask, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("attention-weights", "transformers", Bi("Scaled dot-product attention 手算",
               "Scaled dot-product attention by hand"), "list", build)
