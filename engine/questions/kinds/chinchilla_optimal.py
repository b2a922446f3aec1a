"""chinchilla-optimal: compute-optimal model size N and tokens D for a compute budget C.

With the training cost C ≈ 6·N·D FLOPs and Chinchilla's rule of about 20 tokens per
parameter (D = 20·N; Hoffmann et al., 2022), C = 120·N², so N = √(C/120) and D = 20·N.
Counts this large are judged to 3 significant figures (within 0.5%).
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.text import Bi, steps

_RULE = Bi("约定：训练计算量 C ≈ 6·N·D FLOPs，计算最优时每个参数约 20 个 token（D = 20·N，"
           "Chinchilla）。",
           "Take the training compute as C ≈ 6·N·D FLOPs and the compute-optimal ratio as "
           "20 tokens per parameter (D = 20·N, Chinchilla).")
_GPUS = {"A100": 312, "H100": 989}  # dense bf16 TFLOPS
_PRECISION = Bi("每个数写至少 3 位有效数字（与精确值相差 0.5% 以内算对），如 3.76e9、3.76B 或 37."
                "6亿。",
                "Give each number to at least 3 significant figures (within 0.5% counts as "
                "right), e.g. 3.76e9, 3.76B or 37.6亿.")


def optimal(c: float) -> tuple[float, float]:
    """(N, D) for a budget of ``c`` FLOPs."""
    n = math.sqrt(c / 120)
    return n, 20 * n


def _e(x: float) -> str:
    """1.5e+23 → 1.5×10^23 for prompts."""
    mant, exp = f"{x:.3g}".split("e") if "e" in f"{x:.3g}" else (f"{x:.3g}", "0")
    return f"{mant}×10^{int(exp)}"


def _budget(rng: np.random.Generator) -> Problem:
    c = between(rng, 10, 99) / 10 * 10.0 ** between(rng, 20, 25)
    n, d = optimal(c)
    answer = numbers([round(n), round(d)], units=("params", "tokens"), approx=True)
    prompt = _RULE + Bi(f"计算预算 C = {_e(c)} FLOPs。计算最优的参数量 N 和训练 token 数 D 各是多"
                        "少？"
                        "写出 [N, D]。",
                        f" The budget is C = {_e(c)} FLOPs. What are the compute-optimal "
                        "parameter count N and training tokens D? Answer [N, D].")
    solution = steps(Bi(f"C = 6·N·20N = 120·N² ⇒ N = √(C/120) = √({_e(c)}/120) = {n:.4g}",
                        f"C = 6·N·20N = 120·N² ⇒ N = √(C/120) = √({_e(c)}/120) = {n:.4g}"),
                     Bi(f"D = 20·N = {d:.4g} 个 token", f"D = 20·N = {d:.4g} tokens"))
    mistakes = [
        Mistake(Bi("忘了 6：C = N·D", "forgot the 6: C = N·D"),
                answer.like([math.sqrt(c / 20), 20 * math.sqrt(c / 20)])),
        Mistake(Bi("用了 C = 2·N·D（只算前向）", "used C = 2·N·D (forward only)"),
                answer.like([math.sqrt(c / 40), 20 * math.sqrt(c / 40)])),
        *_budget_slips(c),
        Mistake(Bi("没开方：N = C/120", "forgot the square root: N = C/120"),
                answer.like([c / 120, 20 * c / 120])),
        Mistake(Bi("D 与 N 弄反了（N = 20·D）", "swapped the ratio (N = 20·D)"),
                answer.like([20 * math.sqrt(c / 120), math.sqrt(c / 120)])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes), precision=_PRECISION)


def _given_n(rng: np.random.Generator) -> Problem:
    n = between(rng, 2, 700) / 10
    n_abs = n * 1e9
    d = round(20 * n_abs)
    c = 6 * n_abs * d
    answer = numbers([d, c], units=("tokens", "FLOPs"), approx=True)
    prompt = _RULE + Bi(f"模型有 N = {n:g}B 参数。按计算最优训练，需要多少 token D，总计算量 C 是"
                        "多少 FLOPs？写出 [D, C]。",
                        f" A model has N = {n:g}B parameters. Trained compute-optimally, how "
                        "many tokens D does it need, and what is the total compute C in FLOPs? "
                        "Answer [D, C].")
    solution = steps(Bi(f"D = 20·N = 20·{n:g}×10^9 = {d:.4g}", f"D = 20·N = 20·{n:g}×10^9 = "
                        f"{d:.4g}"),
                     Bi(f"C = 6·N·D = 6·{n:g}×10^9·{d:.4g} = {c:.4g} FLOPs",
                        f"C = 6·N·D = 6·{n:g}×10^9·{d:.4g} = {c:.4g} FLOPs"))
    mistakes = [
        Mistake(Bi("C 用了 2·N·D（只算前向）", "used C = 2·N·D (forward only)"),
                answer.like([d, 2 * n_abs * d])),
        Mistake(Bi("忘了 6：C = N·D", "forgot the 6: C = N·D"), answer.like([d, n_abs * d])),
        Mistake(Bi("按 MACs 算了：C = 3·N·D", "counted multiply-adds: C = 3·N·D"),
                answer.like([d, 3 * n_abs * d])),
        Mistake(Bi("C 写成了 6·N²（漏了 D = 20N）", "wrote C = 6·N² (left out D = 20N)"),
                answer.like([d, 6 * n_abs * n_abs])),
        Mistake(Bi("D 取成了 N（每参数 1 个 token）", "took D = N (one token per parameter)"),
                answer.like([n_abs, 6 * n_abs * n_abs])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes), precision=_PRECISION)


def _hardware(rng: np.random.Generator) -> Problem:
    gpu = pick(rng, tuple(_GPUS))
    count = pick(rng, (64, 128, 256, 512, 1024, 2048, 4096))
    days = pick(rng, (7, 10, 14, 21, 30, 60, 90))
    mfu = pick(rng, (30, 35, 40, 45, 50))
    c = count * _GPUS[gpu] * 1e12 * mfu / 100 * days * 86400
    n, d = optimal(c)
    answer = numbers([round(n), round(d)], units=("params", "tokens"), approx=True)
    prompt = _RULE + Bi(f"集群有 {count} 张 {gpu}（bf16 稠密峰值 {_GPUS[gpu]} TFLOPS），MFU ="
                        f" {mfu}%，"
                        f"训练 {days} 天（每天 86400 秒）。这个预算下计算最优的 [N, D] 是多少？",
                        f" A cluster of {count} {gpu} GPUs (dense bf16 peak {_GPUS[gpu]} TFLOPS) "
                        f"runs at {mfu}% MFU for {days} days (86400 s each). What are the "
                        "compute-optimal [N, D] for this budget?")
    budget = f"C = {count}·{_GPUS[gpu]}×10^12·{mfu / 100:g}·{days}·86400 = {c:.4g} FLOPs"
    solution = steps(Bi(budget, budget),
                     Bi(f"N = √(C/120) = {n:.4g}，D = 20·N = {d:.4g}",
                        f"N = √(C/120) = {n:.4g}, D = 20·N = {d:.4g}"))
    no_mfu = c * 100 / mfu
    mistakes = [
        Mistake(Bi("忘了乘 MFU（按峰值算）", "left out the MFU (used the peak)"),
                answer.like(list(optimal(no_mfu)))),
        Mistake(Bi("天数没换成秒（按小时算了）", "converted days to hours, not seconds"),
                answer.like(list(optimal(c / 3600)))),
        Mistake(Bi("忘了 6：C = N·D", "forgot the 6: C = N·D"),
                answer.like([math.sqrt(c / 20), 20 * math.sqrt(c / 20)])),
        *_budget_slips(c),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes), precision=_PRECISION)


def _budget_slips(c: float) -> list[Mistake]:
    """Solving a budget C for N with the wrong compute formula: multiply-adds (3ND) or
    6N² (the 20 tokens per parameter left out of C)."""
    like = numbers([1.0, 1.0], units=("params", "tokens"), approx=True)
    return [Mistake(Bi("按 MACs 算了：C = 3·N·D ⇒ N = √(C/60)", "counted multiply-adds: "
                       "C = 3·N·D ⇒ N = √(C/60)"),
                    like.like([math.sqrt(c / 60), 20 * math.sqrt(c / 60)])),
            Mistake(Bi("用了 C = 6·N²（漏了 D = 20N）⇒ N = √(C/6)", "used C = 6·N² (left out "
                       "D = 20N) ⇒ N = √(C/6)"),
                    like.like([math.sqrt(c / 6), 20 * math.sqrt(c / 6)]))]


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    return (_budget, _given_n, _hardware)[difficulty - 1](rng)


KIND = KindDef("chinchilla-optimal", "training", Bi("Chinchilla 计算最优的 N 与 D",
               "Chinchilla compute-optimal N and D"), "list", build)
