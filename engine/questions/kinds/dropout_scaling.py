"""dropout-scaling: inverted dropout scales kept units by 1/(1−p) in training, nothing in eval."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, choice
from engine.questions.draw import pick, small_ints
from engine.questions.ops import dropout
from engine.questions.text import Bi, lst, num, steps

LETTERS = ("A", "B", "C", "D")


def _options(rng: np.random.Generator, values: list[str]) -> tuple[list[str], list[str]]:
    """Shuffle the four option texts; returns (texts in letter order, letter of each input)."""
    order = [int(i) for i in rng.permutation(4)]
    texts = [values[i] for i in order]
    letters = [LETTERS[order.index(i)] for i in range(4)]
    return texts, letters


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    p = pick(rng, (0.1, 0.2, 0.25, 0.4))
    keep = 1 - p
    if difficulty < 3:
        x = float(pick(rng, (1.0, 2.0, 3.0, 4.0, 5.0, 6.0)))
        unit = np.array([x])
        if difficulty == 1:
            out, mask = dropout(unit, p, rng)
            while not mask[0]:  # the question is about a unit the mask keeps
                out, mask = dropout(unit, p, rng)
            y = float(out[0])
            vals = [num(y, 4), num(x, 4), num(x * keep, 4), num(x / p, 4)]
            q = Bi(f"`nn.Dropout(p={p})` 在训练模式下，某个没有被丢弃的输入值为 {x:g}，输出是"
                   "多少？",
                   f"In training mode, `nn.Dropout(p={p})` keeps an input whose value is {x:g}. "
                   "What is the output value?")
            names = [Bi("没有除以 1−p", "did not rescale by 1/(1−p)"),
                     Bi("乘了保留概率 1−p", "multiplied by the keep probability 1−p"),
                     Bi("除以了 p 而不是 1−p", "divided by p instead of 1−p")]
            why = Bi(f"inverted dropout：训练时保留的值乘 1/(1−p) = 1/{keep:g}：{x:g}/{keep:g} = "
                     f"{num(y, 4)}", f"inverted dropout multiplies kept values by 1/(1−p) in "
                     f"training: {x:g}/{keep:g} = {num(y, 4)}")
        else:
            y = float(dropout(unit, p, rng, training=False)[0][0])
            vals = [num(y, 4), num(x * keep, 4), num(x / keep, 4), num(x * p, 4)]
            q = Bi(f"`nn.Dropout(p={p})` 在 eval 模式下，输入 {x:g} 的输出是多少？",
                   f"In eval mode, what does `nn.Dropout(p={p})` output for the input {x:g}?")
            names = [Bi("eval 时乘了 1−p（原始 dropout 的做法）",
                        "scaled by 1−p at eval (the original, non-inverted dropout)"),
                     Bi("eval 时也除以了 1−p", "rescaled by 1/(1−p) at eval as well"),
                     Bi("eval 时乘了 p", "multiplied by p at eval")]
            why = Bi("inverted dropout 在训练时已经缩放过，eval 时是恒等映射", "inverted dropout "
                     "already rescaled during training, so eval is the identity")
    else:
        xs = small_ints(rng, (4,), 1, 6)
        ys, mask = dropout(xs, p, rng)
        while mask.all() or not mask.any():
            ys, mask = dropout(xs, p, rng)
        vals = [lst(ys, 3), lst(xs * mask, 3), lst(xs * mask * keep, 3),
                lst(xs * ~mask / keep, 3)]
        kept = [i for i in range(4) if mask[i]]
        q = Bi(f"`nn.Dropout(p={p})` 训练模式，输入 {lst(xs)}，随机掩码保留了下标 {kept}（从 0 开"
               "始）。输出是？",
               f"`nn.Dropout(p={p})` in training mode gets {lst(xs)}; the random mask keeps indic"
               "es "
               f"{kept} (0-based). What is the output?")
        names = [Bi("没有除以 1−p", "did not rescale by 1/(1−p)"),
                 Bi("乘了保留概率 1−p", "multiplied by the keep probability 1−p"),
                 Bi("掩码用反了（保留了被丢弃的）", "applied the mask the wrong way round")]
        why = Bi(f"被丢弃的位置置 0，保留的乘 1/{keep:g}：{lst(ys, 3)}",
                 f"dropped positions become 0, kept ones are multiplied by 1/{keep:g}: "
                 f"{lst(ys, 3)}")
    texts, letters = _options(rng, vals)
    menu = "\n".join(f"- {LETTERS[i]}. {texts[i]}" for i in range(4))
    prompt = q + Bi(f"\n\n{menu}", f"\n\n{menu}")
    answer = choice(letters[0], LETTERS)
    mistakes = tuple(Mistake(names[i], answer.like(letters[i + 1])) for i in range(3))
    return Problem(prompt, answer, steps(why, Bi(f"答案：{letters[0]}", f"answer: {letters[0]}")),
                   mistakes)


KIND = KindDef("dropout-scaling", "normalization", Bi("Dropout 的缩放", "Inverted dropout scaling"),
               "choice", build)
