"""dilated-kernel: effective kernel size of a dilated conv, and the output size it gives."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import between, pick
from engine.questions.kinds._common import CONV_FORMULA, conv_size_line
from engine.questions.text import Bi, steps
from engine.shapes import conv_output_size, effective_kernel_size


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    k = pick(rng, (2, 3, 4, 5, 7)) if difficulty == 1 else pick(rng, (3, 5, 7))
    d = between(rng, 2, 18) if difficulty == 1 else between(rng, 2, 6)
    k_eff = effective_kernel_size(k, d)
    eff_line = Bi(f"等效卷积核：$d(k-1)+1 = {d}\\cdot({k}-1)+1 = {k_eff}$",
                  f"effective kernel: $d(k-1)+1 = {d}\\cdot({k}-1)+1 = {k_eff}$")
    if difficulty == 1:
        answer = integer(k_eff)
        prompt = Bi(f"kernel_size={k}、dilation={d} 的卷积，等效的卷积核边长是多少？",
                    f"A conv has kernel_size={k} and dilation={d}. What is its effective kernel "
                    "size (side length)?")
        mistakes = [
            Mistake(Bi("直接用了 k·d", "used k·d"), answer.like([k * d])),
            Mistake(Bi("漏了 +1：d(k−1)", "forgot the +1: d(k−1)"), answer.like([d * (k - 1)])),
        ]
        return Problem(prompt, answer, steps(eff_line), tuple(mistakes))
    s = 1 if difficulty == 2 else pick(rng, (2, 3))
    p = between(rng, 0, k_eff // 2)
    h = between(rng, k_eff + 2, 80)
    out = conv_output_size(h, k, s, p, d)
    answer = integer(out)
    prompt = Bi(f"输入边长 {h}，卷积 kernel_size={k}、stride={s}、padding={p}、dilation={d}。"
                "输出边长是多少？",
                f"An input of side {h} goes through a conv with kernel_size={k}, stride={s}, "
                f"padding={p}, dilation={d}. What is the output side length?")
    solution = steps(eff_line, CONV_FORMULA, conv_size_line("H", h, k, s, p, d, out))
    mistakes = [Mistake(Bi("忽略了 dilation", "ignored the dilation"),
                        answer.like([conv_output_size(h, k, s, p)]))]
    if h + 2 * p - k * d >= 0:
        mistakes.append(Mistake(Bi("等效核用了 k·d", "used k·d as the effective kernel"),
                                answer.like([conv_output_size(h, k * d, s, p)])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("dilated-kernel", "conv", Bi("空洞卷积等效核", "Dilated conv effective kernel"),
               "integer", build)
