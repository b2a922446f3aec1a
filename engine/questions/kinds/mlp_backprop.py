"""mlp-backprop: one gradient entry of a two-layer MLP, by hand.

h = ReLU(W1·x + b1), y = w2·h + b2 (one output), loss L = ½(y − t)² (or (y − t)² at level
3, as MSELoss). With δ = ∂L/∂y = (y − t) (twice that without the ½):
∂L/∂w2[j] = δ·h[j]; ∂L/∂b1[j] = δ·w2[j]·1[z_j > 0]; ∂L/∂W1[j, k] = δ·w2[j]·1[z_j > 0]·x[k].
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, small_ints
from engine.questions.text import Bi, lst, matrix_block, num, steps


def forward(x: np.ndarray, w1: np.ndarray, b1: np.ndarray, w2: np.ndarray,
            b2: float) -> tuple[np.ndarray, np.ndarray, float]:
    z = w1 @ x + b1
    h = np.maximum(z, 0.0)
    return z, h, float(w2 @ h + b2)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    hidden = 2 if difficulty == 1 else 3
    while True:
        x = small_ints(rng, (2,), -2, 3)
        w1 = small_ints(rng, (hidden, 2), -2, 2)
        b1 = small_ints(rng, (hidden,), -1, 1)
        w2 = rng.choice(np.array([-2.0, -1.0, 1.0, 2.0]), hidden)
        b2 = float(between(rng, -1, 1))
        t = float(between(rng, -3, 3))
        z, h, y = forward(x, w1, b1, w2, b2)
        if y != t and np.any(z > 0) and np.any(z < 0) and np.all(z != 0) and np.all(w2 != 0):
            break
    half = difficulty < 3
    delta = (y - t) if half else 2 * (y - t)
    mask = (z > 0).astype(np.float64)
    if difficulty == 1:
        j = between(rng, 0, hidden - 1)
        grad = delta * h[j]
        target = Bi(f"∂L/∂w2[{j}]", f"∂L/∂w2[{j}]")
        chain = f"δ·h[{j}] = {num(delta)}·{num(h[j])}"
        slips = [(Bi("把 ReLU 前的 z 当成了 h", "used the pre-activation z instead of h"),
                  delta * z[j]),
                 (Bi("符号反了（t − y）", "flipped the sign (t − y)"), -grad),
                 (Bi("多乘了 2（忘了 ½ 与平方的导数抵消）", "multiplied by 2 (the ½ cancels the "
                     "square's 2)"), 2 * grad)]
    else:
        j = int(rng.choice(np.flatnonzero(mask))) if rng.integers(4) else between(rng, 0,
                                                                                  hidden - 1)
        k = between(rng, 0, 1)
        grad = delta * w2[j] * mask[j] * x[k]
        target = Bi(f"∂L/∂W1[{j}, {k}]", f"∂L/∂W1[{j}, {k}]")
        chain = f"δ·w2[{j}]·1[z_{j} > 0]·x[{k}] = {num(delta)}·{num(w2[j])}·{num(mask[j])}·" \
                f"{num(x[k])}"
        no_mask = delta * w2[j] * x[k]
        slips = [(Bi("漏了 ReLU 的导数（没乘 1[z > 0]）", "left out the ReLU derivative "
                     "1[z > 0]"), no_mask),
                 (Bi("符号反了（t − y）", "flipped the sign (t − y)"), -grad),
                 (Bi("漏了 x[k]（按 ∂L/∂b1 算了）", "left out x[k] (computed ∂L/∂b1)"),
                  delta * w2[j] * mask[j])]
        if half:
            slips.append((Bi("多乘了 2（忘了 ½ 与平方的导数抵消）", "multiplied by 2 (the ½ "
                              "cancels the square's 2)"), 2 * grad))
        else:
            slips.append((Bi("漏了平方求导的 2（按 ½(y − t)² 算了）", "left out the square's 2 "
                              "(used ½(y − t)²)"), grad / 2))
    answer = real(grad, 2)
    loss = "L = ½(y − t)²" if half else "L = (y − t)²（MSELoss）"
    loss_en = "L = ½(y − t)²" if half else "L = (y − t)² (MSELoss)"
    prompt = Bi(f"两层 MLP：h = ReLU(W1·x + b1)，y = w2·h + b2（一个输出），{loss}。"
                f"x = {lst(x)}，W1 ={matrix_block(w1)}b1 = {lst(b1)}，w2 = {lst(w2)}，"
                f"b2 = {num(b2)}，目标 t = {num(t)}。求 {target.zh}。",
                f"A two-layer MLP: h = ReLU(W1·x + b1), y = w2·h + b2 (one output), "
                f"{loss_en}. x = {lst(x)}, W1 ={matrix_block(w1)}b1 = {lst(b1)}, "
                f"w2 = {lst(w2)}, b2 = {num(b2)}, target t = {num(t)}. What is {target.en}?")
    solution = steps(
        Bi(f"z = W1·x + b1 = {lst(z)}，h = {lst(h)}，y = {num(y)}",
           f"z = W1·x + b1 = {lst(z)}, h = {lst(h)}, y = {num(y)}"),
        Bi(f"δ = ∂L/∂y = {'y − t' if half else '2(y − t)'} = {num(delta)}",
           f"δ = ∂L/∂y = {'y − t' if half else '2(y − t)'} = {num(delta)}"),
        Bi(f"{target.zh} = {chain} = {num(grad)}", f"{target.en} = {chain} = {num(grad)}"))
    mistakes = tuple(Mistake(name, answer.like([v])) for name, v in slips)
    return Problem(prompt, answer, solution, mistakes)


KIND = KindDef("mlp-backprop", "basics", Bi("两层 MLP 手算反向传播",
               "Backprop through a two-layer MLP by hand"), "real", build)
