"""adamw-vs-adam: the same steps under Adam with L2 weight decay and under AdamW."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.kinds._optim import grads_text, run, tenth
from engine.questions.ops import Adam, AdamW
from engine.questions.text import Bi, num, plural, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    lr, wd = pick(rng, (0.1, 0.05)), pick(rng, (0.1, 0.2, 0.5))
    n = difficulty
    w0 = tenth(rng, -3, 3)
    grads = [tenth(rng, -1, 1) for _ in range(n)]
    adam = run(Adam(lr=lr, weight_decay=wd), w0, grads)[-1]
    adamw = run(AdamW(lr=lr, weight_decay=wd), w0, grads)[-1]
    answer = numbers([adam, adamw], 4)
    prompt = Bi(f"w₀ = {w0:g}，梯度依次为 {grads_text(grads)}。分别用 `Adam(lr={lr}, "
                f"weight_decay={wd})` 和 `AdamW(lr={lr}, weight_decay={wd})`（其余为默认值）更新 "
                f"{n} 步，写出 [Adam 的结果, AdamW 的结果]。",
                f"w₀ = {w0:g}, {plural(n, 'gradient')} {grads_text(grads)}. Update it for "
                f"{plural(n, 'step')} with "
                f"`Adam(lr={lr}, weight_decay={wd})` and, separately, with `AdamW(lr={lr}, "
                f"weight_decay={wd})` (other arguments default). Answer [Adam result, AdamW "
                "result].")
    solution = steps(
        Bi("Adam：λw 加进梯度（L2），再经过 m̂/(√v̂+ε) 归一化，衰减被自适应缩放了",
           "Adam: λw is added to the gradient (L2) and then normalised by m̂/(√v̂+ε), so the "
           "decay is rescaled"),
        Bi("AdamW：先 w ← w·(1 − lr·λ)（解耦），再做不含 λ 的 Adam 更新",
           "AdamW: first w ← w·(1 − lr·λ) (decoupled), then the Adam step without λ"),
        Bi(f"结果：Adam {num(adam, 6)}，AdamW {num(adamw, 6)}",
           f"results: Adam {num(adam, 6)}, AdamW {num(adamw, 6)}"),
    )
    no_lr = run(AdamW(lr=lr, weight_decay=wd / lr), w0, grads)[-1]
    plain = run(Adam(lr=lr), w0, grads)[-1]
    mistakes = [
        Mistake(Bi("两者弄反了", "swapped the two"), answer.like([adamw, adam])),
        Mistake(Bi("AdamW 的衰减没乘 lr（w ← w(1−λ)）", "AdamW decay without lr (w ← w(1−λ))"),
                answer.like([adam, no_lr])),
        Mistake(Bi("两者都忘了 weight decay", "forgot the weight decay in both"),
                answer.like([plain, plain])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("adamw-vs-a"
               "dam", "optim", Bi("AdamW 与 Adam 的权重衰减", "AdamW vs Adam weight decay"),
               "list", build)
