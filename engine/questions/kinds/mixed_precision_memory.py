"""mixed-precision-memory: bytes of model states per parameter and in total.

Per parameter: the weights the forward pass uses (2 bytes in fp16/bf16, 4 in fp32), their
gradients (same width), the optimizer states (Adam m and v, SGD momentum; 4 bytes each,
fp32) and, in mixed precision, an fp32 master copy of the weights (4 bytes). Mixed-precision
Adam is the ZeRO paper's 2 + 2 + 12 = 16 bytes. Activations are not model states.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.text import Bi, num, steps

# name: (weights, grads, master copy, optimizer states), bytes per parameter
SETUPS = {
    "mixed-adam": (2, 2, 4, 8), "fp32-adam": (4, 4, 0, 8), "mixed-sgdm": (2, 2, 4, 4),
    "fp32-sgdm": (4, 4, 0, 4), "bf16-adam": (2, 2, 4, 8), "fp32-sgd": (4, 4, 0, 0),
}
_NAMES = {
    "mixed-adam": Bi("fp16 混合精度 + Adam（fp32 master 权重，fp32 的 m、v）",
                     "fp16 mixed precision with Adam (fp32 master weights, fp32 m and v)"),
    "bf16-adam": Bi("bf16 混合精度 + AdamW（fp32 master 权重，fp32 的 m、v）",
                    "bf16 mixed precision with AdamW (fp32 master weights, fp32 m and v)"),
    "fp32-adam": Bi("纯 fp32 + Adam（m、v 为 fp32）", "plain fp32 with Adam (m and v in fp32)"),
    "mixed-sgdm": Bi("fp16 混合精度 + 带动量的 SGD（fp32 master 权重，fp32 动量）",
                     "fp16 mixed precision with SGD + momentum (fp32 master weights, fp32 "
                     "momentum)"),
    "fp32-sgdm": Bi("纯 fp32 + 带动量的 SGD", "plain fp32 with SGD + momentum"),
    "fp32-sgd": Bi("纯 fp32 + 不带动量的 SGD", "plain fp32 with SGD without momentum"),
}
_MODELS = (0.125, 0.35, 0.77, 1.3, 1.5, 2.7, 3.0, 6.7, 7.0, 8.0, 13.0, 14.0, 20.0, 30.0, 34.0,
           40.0, 65.0, 70.0, 175.0, 180.0)
_GPU = (8, 12, 16, 20, 24, 32, 40, 48, 64, 80, 94, 96, 128, 141, 192)
_CONV = Bi("只算模型状态（权重、梯度、优化器状态和 master 权重，不计激活），1 GB = 10^9 字节。",
           "Count only model states (weights, gradients, optimizer states and master weights; "
           "no activations); 1 GB = 10^9 bytes.")


def _down(x: float) -> float:
    """``x`` rounded down to 2 decimals (a capacity: rounding up would not fit)."""
    return math.floor(x * 100 + 1e-9) / 100


def per_param(setup: str) -> int:
    return sum(SETUPS[setup])


def _breakdown_text(setup: str) -> Bi:
    w, g, master, opt = SETUPS[setup]
    return Bi(f"每个参数：权重 {w} + 梯度 {g} + master {master} + 优化器状态 {opt} = "
              f"{per_param(setup)} 字节",
              f"per parameter: weights {w} + gradients {g} + master {master} + optimizer "
              f"states {opt} = {per_param(setup)} bytes")


def _slips(setup: str) -> list[tuple[Bi, int]]:
    """(name, bytes per parameter) of the usual slips for this setup; slips that give the
    same number for every model are named together."""
    w, g, master, opt = SETUPS[setup]
    raw = [(Bi("只算了权重", "counted only the weights"), w)]
    if master:
        raw += [(Bi("忘了 fp32 master 权重", "forgot the fp32 master weights"), w + g + opt),
                (Bi("梯度按 fp32（4 字节）算了", "counted the gradients in fp32 (4 bytes)"),
                 w + 4 + master + opt)]
    else:
        raw.append((Bi("多算了一份 fp32 master 权重", "added an fp32 master copy"),
                    w + g + 4 + opt))
    if opt == 8:
        raw.append((Bi("Adam 只算了一个状态（m 或 v）", "counted only one Adam state"),
                    w + g + master + 4))
    elif opt == 4:
        raw.append((Bi("动量算成了两个状态（像 Adam 一样）", "counted two momentum states (as "
                       "for Adam)"), w + g + master + 8))
    else:
        raw.append((Bi("给不带动量的 SGD 算了动量", "counted a momentum buffer that plain SGD "
                       "does not keep"), w + g + 4))
    out: list[tuple[Bi, int]] = []
    for name, k in raw:
        same = next((i for i, (_, k2) in enumerate(out) if k2 == k), None)
        if same is None and k != sum(SETUPS[setup]):
            out.append((name, k))
        elif same is not None:
            first = out[same][0]
            out[same] = (Bi(f"{first.zh}（或{name.zh}：结果相同）",
                            f"{first.en} (or {name.en}: the same number)"), k)
    return out


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    setup = pick(rng, tuple(SETUPS))
    psi = pick(rng, _MODELS)
    head = Bi(f"训练配置：{_NAMES[setup].zh}，模型 {psi:g}B 参数。{_CONV.zh}",
              f"Training a {psi:g}B-parameter model with {_NAMES[setup].en}. {_CONV.en}")
    b = per_param(setup)
    if difficulty == 1:
        answer = numbers([b * psi], 2, units=("GB",))
        ask = Bi("模型状态一共占多少 GB？", " How many GB do the model states take in total?")
        lines = [_breakdown_text(setup), Bi(f"{b} × {psi:g}×10^9 = {num(b * psi, 2)} GB",
                                            f"{b} × {psi:g}×10^9 = {num(b * psi, 2)} GB")]
        mistakes = [Mistake(name, answer.like([k * psi])) for name, k in _slips(setup)]
        mistakes.append(Mistake(Bi("按 GiB 换算了", "converted to GiB (2^30 bytes), not GB"),
                                answer.like([b * psi * 1e9 / 2**30])))
    elif difficulty == 2:
        w, g, master, opt = SETUPS[setup]
        vals = [w * psi, g * psi, (master + opt) * psi]
        answer = numbers(vals, 2, units=("GB",))
        ask = Bi("写出 [权重, 梯度, 优化器状态（含 fp32 master 权重）] 各占多少 GB。",
                 " Answer [weights, gradients, optimizer states including any fp32 master "
                 "weights], each in GB.")
        lines = [_breakdown_text(setup), Bi(f"× {psi:g}×10^9：{[num(v, 2) for v in vals]} GB",
                                            f"× {psi:g}×10^9: {[num(v, 2) for v in vals]} GB")]
        mistakes = [Mistake(Bi("master 权重算进了权重而不是优化器状态", "put the master weights "
                               "under weights, not optimizer states"),
                            answer.like([(w + master) * psi, g * psi, opt * psi])),
                    Mistake(Bi("按 GiB 换算了", "converted to GiB (2^30 bytes), not GB"),
                            answer.like([v * 1e9 / 2**30 for v in vals]))]
        if master:
            mistakes.append(Mistake(Bi("忘了 fp32 master 权重", "forgot the fp32 master weights"),
                                    answer.like([w * psi, g * psi, opt * psi])))
        if g == 2:
            mistakes.append(Mistake(Bi("梯度按 fp32（4 字节）算了", "counted the gradients in "
                                       "fp32 (4 bytes)"),
                                    answer.like([w * psi, 4 * psi, (master + opt) * psi])))
    else:
        gpu = pick(rng, _GPU)
        cap = _down(gpu / b)
        answer = numbers([cap], 2, units=["billion"])
        head = Bi(f"训练配置：{_NAMES[setup].zh}。{_CONV.zh}",
                  f"Training with {_NAMES[setup].en}. {_CONV.en}")
        ask = Bi(f"单张 {gpu} GB 的 GPU 只放模型状态，最多能训练多少 B（10^9）参数的模型？",
                 f" If a single {gpu} GB GPU held only the model states, how many billion "
                 "(10^9) parameters could the model have at most?")
        precision = Bi("向下取到 2 位小数（模型必须放得下）。",
                       "Round down to 2 decimals (the model must fit).")
        lines = [_breakdown_text(setup),
                 Bi(f"{gpu} / {b} = {gpu / b:.6g}，向下取到 2 位小数：{num(cap, 2)}B 参数（向上取"
                    "会放不下）",
                    f"{gpu} / {b} = {gpu / b:.6g}, rounded down to 2 decimals: {num(cap, 2)}B "
                    "parameters (rounding up would not fit)")]
        mistakes = [Mistake(name, answer.like([_down(gpu / k)])) for name, k in _slips(setup)
                    if k]
        mistakes.append(Mistake(Bi("把 GB 当成 GiB（多算了 7.4%）", "read the GPU memory as GiB "
                                   "(7.4% too much)"),
                                answer.like([_down(gpu / b * 2**30 / 1e9)])))
        up = math.ceil(gpu / b * 100 - 1e-9) / 100
        if up != cap:
            how = (Bi("四舍五入（向上）", "rounded to nearest (up)") if round(gpu / b, 2) == up
                   else Bi("向上取整", "rounded up"))
            mistakes.append(Mistake(Bi(f"{how.zh}了：这么多参数放不下",
                                       f"{how.en}: that many parameters do not fit"),
                                    answer.like([up])))
        fmt = Bi("一个数（以 B = 10^9 个参数计），向下取到 2 位小数，如 2.66、2.66B 或 26.6亿",
                 "one number of billions of parameters, rounded down to 2 decimals, e.g. 2.66, "
                 "2.66B or 26.6亿")
        return Problem(head + ask, answer, steps(*lines), tuple(mistakes), answer_format=fmt,
                       precision=precision)
    return Problem(head + ask, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("mixed-precision-memory", "training", Bi("混合精度训练的显存（模型状态）",
               "Mixed-precision training memory"), "list", build)
