"""init-std: weight initialisation scales, Xavier/Glorot and Kaiming/He, as torch.nn.init
computes them, and PyTorch's default for Linear and Conv2d.

fan_in = in_features (or C_in/groups·k_h·k_w), fan_out = out_features (or C_out/groups·
k_h·k_w). Xavier: std = gain·√(2/(fan_in + fan_out)), uniform bound = gain·√(6/(fan_in +
fan_out)). Kaiming: std = gain/√fan, uniform bound = gain·√(3/fan), gain = √2 for ReLU.
PyTorch's default is kaiming_uniform_(a=√5): gain = √(2/(1 + 5)), bound = 1/√fan_in.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import pick
from engine.questions.text import Bi, num, steps

_FEATURES = (64, 100, 128, 192, 256, 300, 384, 512, 768, 1000, 1024, 2048, 3072, 4096)
_CHANNELS = (3, 16, 32, 48, 64, 96, 128, 192, 256, 384, 512)


def _linear(rng: np.random.Generator) -> Problem:
    fi, fo = pick(rng, _FEATURES), pick(rng, _FEATURES)
    while fi == fo:
        fo = pick(rng, _FEATURES)
    uniform = bool(rng.integers(2))
    if uniform:
        value = math.sqrt(6 / (fi + fo))
        what = Bi("`nn.init.xavier_uniform_`（gain = 1）得到的均匀分布边界 a（U(−a, a)）",
                  "the bound a of `nn.init.xavier_uniform_` (gain = 1), U(−a, a)")
    else:
        value = math.sqrt(2 / (fi + fo))
        what = Bi("`nn.init.xavier_normal_`（gain = 1）的标准差", "the standard deviation of "
                  "`nn.init.xavier_normal_` (gain = 1)")
    answer = real(value, 4)
    prompt = Bi(f"`nn.Linear({fi}, {fo})` 的权重（形状 {fo}×{fi}）。求{what.zh}。",
                f"The weight of `nn.Linear({fi}, {fo})` (shape {fo}×{fi}). What is {what.en}?")
    solution = steps(Bi(f"fan_in = {fi}，fan_out = {fo}", f"fan_in = {fi}, fan_out = {fo}"),
                     Bi(f"√({6 if uniform else 2}/({fi} + {fo})) = {num(value, 4)}",
                        f"√({6 if uniform else 2}/({fi} + {fo})) = {num(value, 4)}"))
    other = math.sqrt(2 / (fi + fo)) if uniform else math.sqrt(6 / (fi + fo))
    mistakes = [Mistake(Bi("均匀分布边界与正态标准差弄混了（差 √3）", "mixed up the uniform bound "
                           "and the normal std (a factor of √3)"), answer.like([other])),
                Mistake(Bi("只用了 fan_in（按 Kaiming 的分母）", "used only fan_in"),
                        answer.like([math.sqrt((6 if uniform else 2) / (2 * fi))])),
                Mistake(Bi("给出了方差而不是标准差/边界", "gave the variance, not the std or "
                           "bound"), answer.like([value * value]))]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _kaiming(rng: np.random.Generator) -> Problem:
    c_in, c_out, k = pick(rng, _CHANNELS), pick(rng, _CHANNELS[1:]), pick(rng, (1, 3, 5, 7))
    mode = pick(rng, ("fan_in", "fan_out"))
    fan = (c_in if mode == "fan_in" else c_out) * k * k
    value = math.sqrt(2) / math.sqrt(fan)
    answer = real(value, 4)
    prompt = Bi(f"`nn.Conv2d({c_in}, {c_out}, kernel_size={k})` 的权重用 `nn.init.kaiming_normal_("
                f"w, mode='{mode}', nonlinearity='relu')` 初始化（gain = √2）。标准差是多少？",
                f"The weight of `nn.Conv2d({c_in}, {c_out}, kernel_size={k})` is initialised "
                f"with `nn.init.kaiming_normal_(w, mode='{mode}', nonlinearity='relu')` "
                "(gain = √2). What is its standard deviation?")
    solution = steps(Bi(f"{mode} = {c_in if mode == 'fan_in' else c_out}·{k}·{k} = {fan}",
                        f"{mode} = {c_in if mode == 'fan_in' else c_out}·{k}·{k} = {fan}"),
                     Bi(f"std = √2/√{fan} = {num(value, 4)}", f"std = √2/√{fan} = "
                        f"{num(value, 4)}"))
    other = (c_out if mode == "fan_in" else c_in) * k * k
    mistakes = [Mistake(Bi("fan 只用了通道数（漏了 k²）", "left k² out of the fan"),
                        answer.like([math.sqrt(2 / (fan // (k * k)))])),
                Mistake(Bi("忘了 ReLU 的 gain √2", "forgot ReLU's gain √2"),
                        answer.like([1 / math.sqrt(fan)])),
                Mistake(Bi("fan_in 与 fan_out 用反了", "used the other fan mode"),
                        answer.like([math.sqrt(2 / other)])),
                Mistake(Bi("给出了均匀分布的边界 √(6/fan)", "gave the uniform bound √(6/fan)"),
                        answer.like([math.sqrt(6 / fan)]))]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _default(rng: np.random.Generator) -> Problem:
    c_in = pick(rng, _CHANNELS[1:])
    g = pick(rng, tuple(x for x in (1, 1, 2, 4) if c_in % x == 0))
    c_out, k = pick(rng, _CHANNELS[1:]), pick(rng, (1, 3, 5))
    while c_out % g:
        c_out = pick(rng, _CHANNELS[1:])
    fan_in = c_in // g * k * k
    value = 1 / math.sqrt(fan_in)
    answer = real(value, 4)
    groups = f", groups={g}" if g > 1 else ""
    prompt = Bi(f"PyTorch 默认初始化 `nn.Conv2d({c_in}, {c_out}, kernel_size={k}{groups})` 的权重："
                "`kaiming_uniform_(w, a=√5)`，即 gain = √(2/(1 + a²))，边界 = gain·√(3/fan_in)。"
                "权重均匀分布 U(−b, b) 的边界 b 是多少？",
                f"PyTorch initialises the weight of `nn.Conv2d({c_in}, {c_out}, kernel_size={k}"
                f"{groups})` with `kaiming_uniform_(w, a=√5)`: gain = √(2/(1 + a²)) and bound = "
                "gain·√(3/fan_in). What is the bound b of the uniform U(−b, b)?")
    solution = steps(Bi(f"fan_in = (C_in/groups)·k² = ({c_in}/{g})·{k}² = {fan_in}",
                        f"fan_in = (C_in/groups)·k² = ({c_in}/{g})·{k}² = {fan_in}"),
                     Bi(f"gain = √(2/6) = 1/√3，b = (1/√3)·√(3/{fan_in}) = 1/√{fan_in} = "
                        f"{num(value, 4)}",
                        f"gain = √(2/6) = 1/√3, b = (1/√3)·√(3/{fan_in}) = 1/√{fan_in} = "
                        f"{num(value, 4)}"))
    mistakes = [Mistake(Bi("gain 取了 √2（ReLU）", "took gain = √2 (ReLU)"),
                        answer.like([math.sqrt(2) * math.sqrt(3 / fan_in)])),
                Mistake(Bi("fan_in 漏了 k²", "left k² out of fan_in"),
                        answer.like([1 / math.sqrt(c_in // g)])),
                Mistake(Bi("用了 fan_out", "used fan_out"),
                        answer.like([1 / math.sqrt(c_out // g * k * k)]))]
    if g > 1:
        mistakes.append(Mistake(Bi("忽略了 groups", "ignored groups"),
                                answer.like([1 / math.sqrt(c_in * k * k)])))
    return Problem(prompt, answer, solution, tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    return (_linear, _kaiming, _default)[difficulty - 1](rng)


KIND = KindDef("init-std", "basics", Bi("权重初始化的尺度（Xavier/Kaiming）",
               "Weight initialisation scale (Xavier / Kaiming)"), "real", build)
