"""grad-clip: gradient clipping by global norm, as torch.nn.utils.clip_grad_norm_ does it.

All gradients are treated as one vector: total = ‖g‖₂ over every tensor, coefficient =
max_norm / (total + 1e-6) capped at 1, and every gradient is multiplied by it, so the
direction is kept. Clipping each tensor on its own, or each entry (clip by value), are the
usual slips.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick, small_ints
from engine.questions.text import Bi, lst, num, steps

EPS = 1e-6


def clip(grads: list[np.ndarray], max_norm: float) -> tuple[float, float, list[np.ndarray]]:
    """(total norm, coefficient, clipped gradients)."""
    total = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    coef = min(1.0, max_norm / (total + EPS))
    return total, coef, [g * coef for g in grads]


def _draw(rng: np.random.Generator, count: int) -> list[np.ndarray]:
    grads = [small_ints(rng, (pick(rng, (2, 3)),), -6, 6) for _ in range(count)]
    while any(not np.any(g) for g in grads):
        grads = [small_ints(rng, (pick(rng, (2, 3)),), -6, 6) for _ in range(count)]
    return grads


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    count = 1 if difficulty == 1 else 2
    grads = _draw(rng, count)
    total0 = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    under = difficulty == 3 and rng.integers(4) == 0
    max_norm = (round(total0 + pick(rng, (0.5, 1.0, 2.0)), 1) if under else
                pick(rng, tuple(v for v in (0.5, 1.0, 2.0, 3.0, 5.0) if v < total0 - 0.05)))
    total, coef, clipped = clip(grads, max_norm)
    names = ["w", "b"][:count]
    shown = "，".join(f"{n}.grad = {lst(g)}" for n, g in zip(names, grads, strict=True))
    shown_en = ", ".join(f"{n}.grad = {lst(g)}" for n, g in zip(names, grads, strict=True))
    setup = Bi(f"{shown}，调用 `torch.nn.utils.clip_grad_norm_(params, max_norm={max_norm:g})`"
               "（L2 范数，所有参数的梯度合起来算一个总范数，系数 = max_norm/(总范数 + 1e-6)，不"
               "超过 1）。",
               f"{shown_en}; call `torch.nn.utils.clip_grad_norm_(params, "
               f"max_norm={max_norm:g})` (L2 norm over all gradients together, coefficient = "
               "max_norm/(total norm + 1e-6), capped at 1).")
    lines = [Bi(f"总范数 = √(Σg²) = {num(total, 4)}", f"total norm = √(Σg²) = {num(total, 4)}"),
             Bi(f"系数 = min(1, {max_norm:g}/{num(total, 4)}) = {num(coef, 4)}",
                f"coefficient = min(1, {max_norm:g}/{num(total, 4)}) = {num(coef, 4)}")]
    per_tensor = [g * min(1.0, max_norm / (float(np.linalg.norm(g)) + EPS)) for g in grads]
    by_value = [np.clip(g, -max_norm, max_norm) for g in grads]
    if difficulty == 2:
        answer = numbers([total, coef], 4)
        ask = Bi("写出 [总范数, 缩放系数]。", " Answer [total norm, scaling coefficient].")
        l1 = float(sum(np.abs(g).sum() for g in grads))
        mistakes = [
            Mistake(Bi("用了 L1 范数", "used the L1 norm"),
                    answer.like([l1, min(1.0, max_norm / (l1 + EPS))])),
            Mistake(Bi("没开方（用了平方和）", "forgot the square root (used Σg²)"),
                    answer.like([total**2, min(1.0, max_norm / (total**2 + EPS))])),
            Mistake(Bi("系数写反了（总范数/max_norm）", "inverted the coefficient (norm / "
                       "max_norm)"), answer.like([total, total / max_norm])),
        ]
        return Problem(setup + ask, answer, steps(*lines), tuple(mistakes))
    last = clipped[-1]
    answer = numbers(last, 4)
    which = Bi("裁剪后的梯度是多少？", " What is the clipped gradient?") if count == 1 else \
        Bi(f"裁剪后 {names[-1]}.grad 是多少？", f" What is {names[-1]}.grad after clipping?")
    lines.append(Bi(f"{names[-1]}.grad × {num(coef, 4)} = {lst(last, 4)}",
                    f"{names[-1]}.grad × {num(coef, 4)} = {lst(last, 4)}"))
    mistakes = [
        Mistake(Bi("按值裁剪到 [−max_norm, max_norm]", "clipped each entry to [−max_norm, "
                   "max_norm] (clip by value)"), answer.like(by_value[-1])),
        Mistake(Bi("用了 L1 范数", "used the L1 norm"), answer.like(
            grads[-1] * min(1.0, max_norm / (float(sum(np.abs(g).sum() for g in grads)) + EPS)))),
    ]
    if under:
        mistakes.append(Mistake(Bi("范数没超过 max_norm 也放大到了 max_norm", "rescaled to norm "
                                   "max_norm although the norm was below it"),
                                answer.like(grads[-1] * max_norm / total)))
    if count > 1:
        mistakes.append(Mistake(Bi("每个参数单独裁剪（不是全局范数）", "clipped each tensor by "
                                   "its own norm (not the global norm)"),
                                answer.like(per_tensor[-1])))
    return Problem(setup + which, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("grad-clip", "optim", Bi("梯度裁剪（按全局范数）", "Gradient clipping by norm"),
               "list", build)
