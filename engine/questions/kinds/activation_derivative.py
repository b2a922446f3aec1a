"""activation-derivative: value (level 1) or derivative (levels 2–3) of an activation."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import pick
from engine.questions.ops import activation, activation_grad
from engine.questions.text import Bi, num, steps

FORMULAS = {
    "sigmoid": (r"\sigma(x) = 1/(1+e^{-x})", r"\sigma'(x) = \sigma(x)(1-\sigma(x))"),
    "tanh": (r"\tanh x", r"1 - \tanh^2 x"),
    "silu": (r"x\,\sigma(x)", r"\sigma(x)\,(1 + x(1-\sigma(x)))"),
    "softplus": (r"\ln(1+e^x)", r"\sigma(x)"),
    "leaky_relu": (r"\max(x, 0.01x)", r"1 \text{ if } x>0 \text{ else } 0.01"),
    "elu": (r"x \text{ if } x>0 \text{ else } e^x-1", r"1 \text{ if } x>0 \text{ else } e^x"),
    "gelu": (r"x\,\Phi(x)", r"\Phi(x) + x\,\varphi(x)"),
}
# Names with the arguments the answer depends on (PyTorch's defaults, written out).
LABELS = {
    "gelu": ("GELU（精确 erf 形式，approximate='none'）",
             "GELU (exact erf form, approximate='none')"),
    "leaky_relu": ("LeakyReLU（negative_slope=0.01）", "LeakyReLU (negative_slope=0.01)"),
    "elu": ("ELU（alpha=1）", "ELU (alpha=1)"),
    "softplus": ("Softplus（beta=1）", "Softplus (beta=1)"),
    "silu": ("SiLU（x·σ(x)）", "SiLU (x·σ(x))"),
    "sigmoid": ("Sigmoid", "sigmoid"),
    "tanh": ("Tanh", "tanh"),
}
LEVELS = {1: ("sigmoid", "tanh", "silu", "softplus"),
          2: ("sigmoid", "tanh", "leaky_relu", "elu", "softplus"),
          3: ("gelu", "silu")}


def _f(name: str, x: float) -> float:
    return float(activation(name, np.array([x]))[0])


def _df(name: str, x: float) -> float:
    return float(activation_grad(name, np.array([x]))[0])


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    name = pick(rng, LEVELS[difficulty])
    x = round(float(rng.uniform(-3, 3)), 1)
    if name in ("leaky_relu", "elu") or x == 0.0:
        x = -abs(x) if x != 0.0 else -0.5
    deriv = difficulty > 1
    value = _df(name, x) if deriv else _f(name, x)
    answer = real(value, 4)
    label, label_en = LABELS.get(name, (name, name))
    what = Bi("导数（dy/dx）", "derivative dy/dx") if deriv else Bi("输出值", "value")
    gap = "" if label.endswith("）") else " "
    prompt = Bi(f"激活函数 {label}{gap}在 x = {x:g} 处的{what.zh}是多少？",
                f"What is the {what.en} of the {label_en} activation at x = {x:g}?")
    formula = FORMULAS[name][1 if deriv else 0]
    solution = steps(Bi(f"公式：${formula}$", f"formula: ${formula}$"),
                     Bi(f"代入 x = {x:g}：{num(value, 4)}", f"at x = {x:g}: {num(value, 4)}"))
    other = _f(name, x) if deriv else _df(name, x)
    mistakes = [Mistake(Bi("把函数值和导数弄混了", "gave the value for the derivative or vice "
                           "versa"), answer.like([other]))]
    s = _f("sigmoid", x)
    if name == "sigmoid" and not deriv:
        mistakes.append(Mistake(Bi("指数的符号错了：1/(1+e^x)", "wrong sign in the exponent: "
                                   "1/(1+e^x)"), answer.like([_f("sigmoid", -x)])))
    if name == "tanh" and not deriv:
        mistakes.append(Mistake(Bi("用了 2σ(x)−1（应为 2σ(2x)−1）", "used 2σ(x)−1 instead of "
                                   "2σ(2x)−1"), answer.like([2 * s - 1])))
    if name == "tanh" and deriv:
        mistakes.append(Mistake(Bi("忘了平方：1 − tanh x", "forgot the square: 1 − tanh x"),
                                answer.like([1 - _f("tanh", x)])))
    if name == "silu":
        mistakes.append(Mistake(Bi("只写了 σ(x)（漏了 x 或乘积法则）", "gave σ(x) only (missed the "
                                   "factor x or the product rule)"), answer.like([s])))
    if name == "leaky_relu":
        mistakes.append(Mistake(Bi("当成了 ReLU（负半轴为 0）", "treated it as ReLU (0 for x<0)"),
                                answer.like([0.0])))
    if name == "gelu":
        mistakes.append(Mistake(Bi("只写了 Φ(x)，漏了 x·φ(x)", "gave Φ(x) only, missing x·φ(x)"),
                                answer.like([_f("gelu", x) / x])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("activation-derivative", "basics", Bi("激活函数的值与导数",
               "Activation values and derivatives"), "real", build)
