"""group-conv-params: parameters of a group conv and of the standard conv it replaces."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.text import Bi, big, steps
from engine.shapes import conv2d_params


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    per_group = (4, 8, 12, 16, 24, 32, 48, 64)
    g = pick(rng, (2, 4, 8, 16) if difficulty < 3 else (3, 4, 8, 16, 32))
    c_in = g * pick(rng, per_group)
    c_out = c_in if difficulty == 1 else g * pick(rng, per_group)
    k = pick(rng, (3, 5) if difficulty < 3 else (1, 3, 5, 7))
    bias = difficulty >= 2
    grouped = conv2d_params(c_in, c_out, k, groups=g, bias=bias)
    standard = conv2d_params(c_in, c_out, k, bias=bias)
    answer = numbers([grouped, standard], units=("params",))
    b = f", bias={bias}"
    prompt = Bi(f"`nn.Conv2d({c_in}, {c_out}, {k}, groups={g}{b})` 有多少参数？同样配置但 groups=1 "
                "的普通卷积呢？写成 [分组卷积, 普通卷积]。",
                f"How many parameters does `nn.Conv2d({c_in}, {c_out}, {k}, groups={g}{b})` have, "
                "and the same layer with groups=1? Answer [grouped, standard].")
    bt = f" + {c_out}" if bias else ""
    solution = steps(
        Bi(f"分组：每组 {c_in // g}→{c_out // g}，共 {g} 组：{c_out}·({c_in}/{g})·{k}²{bt} = "
           f"{big(grouped)}",
           f"grouped: {g} groups of {c_in // g}→{c_out // g}: {c_out}·({c_in}/{g})·{k}²{bt} = "
           f"{big(grouped)}"),
        Bi(f"普通：{c_out}·{c_in}·{k}²{bt} = {big(standard)}；权重少了 {g} 倍",
           f"standard: {c_out}·{c_in}·{k}²{bt} = {big(standard)}; {g}× fewer weights"),
    )
    w = c_out * (c_in // g) * k * k
    mistakes = [Mistake(Bi("输入、输出通道都除以了 g（相当于除以 g²）",
                           "divided both channel counts by g (so by g²)"),
                        answer.like([w // g + (c_out if bias else 0), standard]))]
    if bias:
        mistakes.append(Mistake(Bi("忘了 bias", "forgot the bias"), answer.like(
            [w, c_out * c_in * k * k])))
        mistakes.append(Mistake(Bi("bias 也除以了 g", "divided the bias by g as well"),
                                answer.like([w + c_out // g, standard])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("group-conv-params", "conv", Bi("分组卷积参数量", "Group conv parameters"), "list",
               build)
