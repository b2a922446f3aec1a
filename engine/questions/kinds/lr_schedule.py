"""lr-schedule: the learning rate at step t under linear warmup + cosine / linear / step decay.

Steps count from t = 0. Warmup is linear from 0: lr_t = η·t/T_w for t < T_w. Cosine decay
after warmup: η_min + ½(η − η_min)(1 + cos(π(t − T_w)/(T − T_w))); linear decay:
η − (η − η_min)(t − T_w)/(T − T_w); StepLR: η·γ^⌊t/s⌋. Learning rates span orders of
magnitude, so the answer is judged within 0.5% (3 significant figures are enough).
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.text import Bi, steps

_PEAKS = (1e-4, 2e-4, 3e-4, 5e-4, 6e-4, 1e-3, 2e-3, 0.05, 0.1, 0.2, 0.4)
_TOL = 0.005


def warmup_cosine(t: float, peak: float, t_w: float, total: float, floor: float = 0.0) -> float:
    """Linear warmup from 0, then cosine decay to ``floor`` at ``total``."""
    if t < t_w:
        return peak * t / t_w
    return floor + 0.5 * (peak - floor) * (1 + math.cos(math.pi * (t - t_w) / (total - t_w)))


def warmup_linear(t: float, peak: float, t_w: float, total: float, floor: float = 0.0) -> float:
    """Linear warmup from 0, then linear decay to ``floor`` at ``total``."""
    if t < t_w:
        return peak * t / t_w
    return peak - (peak - floor) * (t - t_w) / (total - t_w)


def _g(x: float) -> str:
    return f"{x:g}"


def _setup(peak: float, t_w: int, total: int, floor: float, decay: str) -> Bi:
    warm = (Bi(f"前 T_w = {t_w} 步从 0 线性 warmup 到峰值（lr_t = η·t/T_w，t 从 0 数）；",
               f"linear warmup from 0 over the first T_w = {t_w} steps (lr_t = η·t/T_w, t "
               "counted from 0); ") if t_w else Bi("没有 warmup（t 从 0 数）；",
                                                   "no warmup (t counted from 0); "))
    rest = {"cosine": Bi(f"之后按余弦在第 T = {total} 步降到 η_min = {_g(floor)}",
                         f"then cosine decay reaching η_min = {_g(floor)} at step T = {total}"),
            "linear": Bi(f"之后线性下降，在第 T = {total} 步降到 η_min = {_g(floor)}",
                         f"then linear decay reaching η_min = {_g(floor)} at step T = {total}")
            }[decay]
    return Bi(f"学习率调度：峰值 η = {_g(peak)}，{warm.zh}{rest.zh}。",
              f"Learning-rate schedule: peak η = {_g(peak)}, {warm.en}{rest.en}.")


def _warmup_decay(rng: np.random.Generator, difficulty: int) -> Problem:
    peak = pick(rng, _PEAKS)
    t_w = 0 if difficulty == 1 and rng.integers(2) else pick(rng, (100, 200, 500, 1000, 2000,
                                                                  4000, 5000, 10000))
    total = t_w + pick(rng, (10, 20, 50, 100)) * pick(rng, (100, 500, 1000, 2000))
    decay = "linear" if difficulty == 3 and rng.integers(2) else "cosine"
    floor = 0.0 if difficulty == 1 else pick(rng, (0.0, 0.1 * peak, peak / 100))
    floor = float(f"{floor:.3g}")
    early = t_w > 0 and (difficulty == 1 or rng.integers(4) == 0)
    # early in the warmup, so that (t+1)/T_w is more than 0.5% away from t/T_w
    t = between(rng, 1, min(t_w - 1, 150)) if early else between(rng, t_w + 1, total - 1)
    f = warmup_linear if decay == "linear" else warmup_cosine
    value = f(t, peak, t_w, total, floor)
    answer = real(value, None, _TOL)
    prompt = _setup(peak, t_w, total, floor, decay) + Bi(f"第 t = {t} 步的学习率是多少？",
                                                         f" What is the learning rate at step "
                                                         f"t = {t}?")
    if t < t_w:
        lines = [Bi(f"t < T_w，仍在 warmup：{_g(peak)}·{t}/{t_w} = {value:.6g}",
                    f"t < T_w, still warming up: {_g(peak)}·{t}/{t_w} = {value:.6g}")]
    else:
        frac = (t - t_w) / (total - t_w)
        shape = (f"½(1 + cos(π·{frac:.6g}))" if decay == "cosine" else f"(1 − {frac:.6g})")
        lines = [Bi(f"衰减进度 (t − T_w)/(T − T_w) = ({t} − {t_w})/({total} − {t_w}) = {frac:.6g}",
                    f"decay progress (t − T_w)/(T − T_w) = ({t} − {t_w})/({total} − {t_w}) = "
                    f"{frac:.6g}"),
                 Bi(f"lr = η_min + (η − η_min)·{shape} = {value:.6g}",
                    f"lr = η_min + (η − η_min)·{shape} = {value:.6g}")]
    mistakes = []
    if t < t_w:
        mistakes.append(Mistake(Bi("warmup 用了 (t+1)/T_w", "used (t+1)/T_w in the warmup"),
                                answer.like([peak * (t + 1) / t_w])))
        mistakes.append(Mistake(Bi("忽略了 warmup，直接按衰减阶段算", "ignored the warmup and "
                                   "used the decay formula"),
                                answer.like([f(t, peak, 0, total, floor)])))
        mistakes.append(Mistake(Bi("warmup 从 η_min 而不是从 0 开始", "started the warmup from "
                                   "η_min instead of 0"),
                                answer.like([floor + (peak - floor) * t / t_w])))
    else:
        if t_w:
            mistakes.append(Mistake(Bi("衰减进度没减去 warmup：t/T", "measured the decay from "
                                       "step 0: t/T"),
                                    answer.like([f(t * (total - t_w) / total + t_w, peak, t_w,
                                                   total, floor)])))
        if floor:
            mistakes.append(Mistake(Bi("忘了 η_min", "forgot η_min"),
                                    answer.like([f(t, peak, t_w, total)])))
        if decay == "cosine":
            frac = (t - t_w) / (total - t_w)
            mistakes.append(Mistake(Bi("漏了 ½(1 + cos)：用了 η·cos(π·进度)", "left out "
                                       "½(1 + cos): used η·cos(π·progress)"),
                                    answer.like([floor + (peak - floor) * math.cos(
                                        math.pi * frac)])))
            mistakes.append(Mistake(Bi("余弦里漏了 π：cos(进度)", "left π out of the cosine: "
                                       "cos(progress)"),
                                    answer.like([floor + 0.5 * (peak - floor) * (
                                        1 + math.cos(frac))])))
            mistakes.append(Mistake(Bi("按线性衰减算了", "used a linear decay"),
                                    answer.like([warmup_linear(t, peak, t_w, total, floor)])))
        else:
            mistakes.append(Mistake(Bi("按余弦衰减算了", "used a cosine decay"),
                                    answer.like([warmup_cosine(t, peak, t_w, total, floor)])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


def _step(rng: np.random.Generator) -> Problem:
    peak = pick(rng, (0.1, 0.05, 0.01, 0.2, 0.4, 1e-3))
    size, gamma = pick(rng, (10, 20, 30, 40, 50)), pick(rng, (0.1, 0.5, 0.2, 0.3))
    t = between(rng, size + 1, 4 * size)
    value = peak * gamma ** (t // size)
    answer = real(value, None, _TOL)
    prompt = Bi(f"`torch.optim.lr_scheduler.StepLR(optimizer, step_size={size}, gamma={gamma})`，"
                f"初始学习率 {_g(peak)}，每个 epoch 结束调用一次 scheduler.step()（epoch 从 0 数"
                "）。"
                f"第 {t} 个 epoch 用的学习率是多少？",
                f"`torch.optim.lr_scheduler.StepLR(optimizer, step_size={size}, "
                f"gamma={gamma})` with initial lr {_g(peak)}; scheduler.step() is called at "
                f"the end of every epoch (epochs counted from 0). What learning rate does "
                f"epoch {t} use?")
    k = t // size
    solution = steps(Bi(f"已衰减 ⌊{t}/{size}⌋ = {k} 次：{_g(peak)}·{gamma}^{k} = {value:.6g}",
                        f"decayed ⌊{t}/{size}⌋ = {k} times: {_g(peak)}·{gamma}^{k} = "
                        f"{value:.6g}"))
    mistakes = [Mistake(Bi("多衰减了一次（γ^(⌊t/s⌋+1)，按 ⌈t/s⌉ 算也是这样）", "decayed once too "
                           "often (γ^(⌊t/s⌋+1), as ⌈t/s⌉ gives)"), answer.like([value * gamma])),
                Mistake(Bi("少衰减了一次（γ^(⌊t/s⌋−1)）", "decayed once too few "
                           "(γ^(⌊t/s⌋−1))"), answer.like([value / gamma])),
                Mistake(Bi("乘成了 η·γ·⌊t/s⌋", "multiplied η·γ·⌊t/s⌋ instead of raising γ to a "
                           "power"), answer.like([peak * gamma * k]))]
    return Problem(prompt, answer, solution, tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 3 and rng.integers(3) == 0:
        return _step(rng)
    return _warmup_decay(rng, difficulty)


KIND = KindDef("lr-schedule", "optim", Bi("学习率调度（warmup + 衰减）",
               "Learning-rate schedule (warmup + decay)"), "real", build)
