"""rmsnorm-forward: the output of RMSNorm, y = x / √(mean(x²) + ε) · γ (torch.nn.RMSNorm).

Unlike LayerNorm it neither subtracts the mean nor adds β (Zhang & Sennrich, 2019). The
engine has no RMSNorm, so it is one small pure function here; the mistakes call it, or the
engine's layer_norm, with other arguments.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick, small_ints
from engine.questions.ops import layer_norm
from engine.questions.text import Bi, lst, matrix_block, num, steps


def rms_norm(x: np.ndarray, gamma: np.ndarray, eps: float, eps_inside: bool = True) -> np.ndarray:
    """RMSNorm over the last axis."""
    ms = np.mean(x * x, axis=-1, keepdims=True)
    denom = np.sqrt(ms + eps) if eps_inside else np.sqrt(ms) + eps
    return np.asarray(x / denom * gamma, dtype=np.float64)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    d = pick(rng, (3, 4, 5)) if difficulty < 3 else pick(rng, (3, 4))
    rows = 2 if difficulty == 3 else 1
    x = small_ints(rng, (rows, d), -4, 6)
    while np.any(np.all(x == 0, axis=1)) or np.any(np.ptp(x, axis=1) == 0):
        x = small_ints(rng, (rows, d), -4, 6)
    gamma = np.ones(d) if difficulty == 1 else np.array([pick(rng, (0.5, 1.0, 1.5, 2.0, -1.0))
                                                          for _ in range(d)])
    eps = 1e-6 if difficulty < 3 else pick(rng, (0.5, 1.0, 2.0))
    row = rows - 1
    y = rms_norm(x, gamma, eps)[row]
    answer = numbers(y, 4)
    g_txt = "（新建的模块，weight γ = 1）" if difficulty == 1 else f"，weight γ = {lst(gamma)}"
    g_txt_en = " (a fresh module, weight γ = 1)" if difficulty == 1 else \
        f", weight γ = {lst(gamma)}"
    src = lst(x[0]) if rows == 1 else matrix_block(x)
    which = Bi("", "") if rows == 1 else Bi("第 2 行（第 2 个 token）的", " for the second row "
                                            "(second token)")
    prompt = Bi(f"`nn.RMSNorm({d}, eps={eps:g})`{g_txt}（y = x / √(mean(x²) + eps) · γ，对最后一维"
                f"归一化），输入 {src}。求{which.zh}输出。",
                f"`nn.RMSNorm({d}, eps={eps:g})`{g_txt_en} (y = x / √(mean(x²) + eps) · γ over "
                f"the last dimension) gets the input {src}. What is the output{which.en}?")
    xr = x[row]
    ms = float(np.mean(xr * xr))
    solution = steps(
        Bi(f"mean(x²) = ({' + '.join(num(v * v) for v in xr)})/{d} = {num(ms, 4)}",
           f"mean(x²) = ({' + '.join(num(v * v) for v in xr)})/{d} = {num(ms, 4)}"),
        Bi(f"√({num(ms, 4)} + {eps:g}) = {num(float(np.sqrt(ms + eps)), 4)}；y = x/它 · γ = "
           f"{lst(y, 4)}",
           f"√({num(ms, 4)} + {eps:g}) = {num(float(np.sqrt(ms + eps)), 4)}; y = x / that · γ = "
           f"{lst(y, 4)}"),
    )
    mistakes = [
        Mistake(Bi("按 LayerNorm 算了（减了均值）", "computed LayerNorm (subtracted the mean)"),
                answer.like(layer_norm(x, (d,), gamma, np.zeros(d), eps)[row])),
        Mistake(Bi("除以了 L2 范数（没有除以 d 取均值）", "divided by the L2 norm (no mean over "
                   "d)"), answer.like(xr / np.sqrt(np.sum(xr * xr) + eps) * gamma)),
        Mistake(Bi("没开方：除以了 mean(x²) + eps", "left out the square root: divided by "
                   "mean(x²) + eps"), answer.like(xr / (ms + eps) * gamma)),
    ]
    if difficulty > 1:
        mistakes.append(Mistake(Bi("忘了乘 γ", "forgot γ"),
                                answer.like(rms_norm(x, np.ones(d), eps)[row])))
    if difficulty == 3:
        mistakes.append(Mistake(Bi("eps 放在了根号外", "put eps outside the square root"),
                                answer.like(rms_norm(x, gamma, eps, eps_inside=False)[row])))
        mistakes.append(Mistake(Bi("忽略了 eps", "ignored eps"),
                                answer.like(rms_norm(x, gamma, 0.0)[row])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("rmsnorm-forward", "normalization", Bi("RMSNorm 前向", "RMSNorm forward"),
               "list", build)
