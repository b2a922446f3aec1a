"""How to type an answer (the format line) and how exact it must be (the precision note).

The precision note is added to every prompt whose answer is a number, so the policy is
stated where the question is: exact integers, 3 significant figures for large counts
(``Answer.approx``), or a number of decimals.
"""

from __future__ import annotations

from engine.questions.answers.check import APPROX_MIN
from engine.questions.answers.units import UNITS
from engine.questions.base import Answer
from engine.questions.text import Bi, num

_UNIT_EXAMPLES = {
    "bytes": Bi("GiB、MB、bytes", "GiB, MB, bytes"),
    "flops": Bi("FLOPs、GFLOPs、MACs", "FLOPs, GFLOPs, MACs"),
    "params": Bi("params、个参数", "params"),
    "iters": Bi("次、steps", "iterations, steps"),
    "tokens": Bi("tokens", "tokens"),
    "samples": Bi("个样本、条序列、samples", "samples, sequences"),
    "ratio": Bi("%", "%"),
    "time": Bi("µs、ms、s、h、天、年", "µs, ms, s, h, days, years"),
    "count": Bi("个、张、卡", "GPUs"),
    "pixels": Bi("像素、px", "px"),
    "info": Bi("nats、bits", "nats, bits"),
}


def _places(d: int | None) -> str:
    return "1 decimal" if d == 1 else f"{d} decimals"


def unit_hint(answer: Answer) -> Bi:
    """'a unit may follow' for answers that have one, empty otherwise."""
    dims = []
    for name in dict.fromkeys(answer.units):
        if name and UNITS[name].dim not in dims:
            dims.append(UNITS[name].dim)
    if not dims:
        return Bi("", "")
    zh = "、".join(_UNIT_EXAMPLES[d].zh for d in dims)
    en = ", ".join(_UNIT_EXAMPLES[d].en for d in dims)
    return Bi(f"；可带单位（如 {zh}），会按题目的单位换算", f"; a unit ({en}) may follow and is "
              "converted")


def _integer_format(answer: Answer) -> Bi:
    if answer.rel_tol > 0:
        pct = f"{answer.rel_tol * 100:g}%"
        return Bi(f"一个整数（误差 {pct} 以内算对），如 23296 或 1.2M",
                  f"an integer (within {pct} counts as right), e.g. 23296 or 1.2M")
    if answer.approx and abs(answer.values[0]) >= APPROX_MIN:
        return Bi("一个整数，如 102764544、102,764,544、102.76M 或 1.03亿",
                  "an integer, e.g. 102764544, 102,764,544, 102.76M or 1.03亿")
    return Bi("一个精确的整数，如 23296 或 138,357,544",
              "an exact integer, e.g. 23296 or 138,357,544")


def default_format(answer: Answer) -> Bi:
    """How to type an answer of this type (kinds may override)."""
    d = answer.decimals
    t = answer.type
    if t == "integer":
        return _integer_format(answer) + unit_hint(answer)
    if t == "real":
        if d is None:
            return Bi("一个数，如 0.000165 或 1.65e-4", "a number, e.g. 0.000165 or 1.65e-4"
                      ) + unit_hint(answer)
        ex = num(0.1234, d)
        return Bi(f"一个数，保留 {d} 位小数，如 {ex}（也可用 1.2e-3）",
                  f"a number rounded to {_places(d)}, e.g. {ex} (1.2e-3 also works)"
                  ) + unit_hint(answer)
    if t == "shape":
        return Bi("一个形状，如 (8, 64, 56, 56) 或 8x64x56x56",
                  "a shape such as (8, 64, 56, 56) or 8x64x56x56")
    if t == "list":
        n = len(answer.values)
        if d is None:
            base = (Bi("按顺序写出整数，如 [3, 1, 2] 或 3, 1, 2",
                       "integers in order, e.g. [3, 1, 2] or 3, 1, 2") if n > 1 else
                    Bi("一个整数，如 [65536] 或 65536", "one integer, e.g. [65536] or 65536"))
        elif n == 1:
            ex = num(0.1234, d)
            base = Bi(f"一个数，保留 {d} 位小数，如 {ex}", f"one number rounded to {_places(d)}, "
                      f"e.g. {ex}")
        else:
            ex = ", ".join(num(v, d) for v in (0.1234, -0.5))
            base = Bi(f"按顺序写出各数，每个保留 {d} 位小数，如 [{ex}]",
                      f"the numbers in order, each rounded to {_places(d)}, e.g. [{ex}]")
        return base + unit_hint(answer)
    if t == "set":
        return Bi("下标集合（从 0 开始，顺序不限），如 {0, 2, 3}",
                  "the set of indices (0-based, any order), e.g. {0, 2, 3}")
    if t == "matrix":
        digits = "整数" if d is None else f"保留 {d} 位小数"
        digits_en = "integers" if d is None else f"rounded to {_places(d)}"
        return Bi(f"矩阵（{digits}），如 [[1, 2], [3, 4]] 或 1 2; 3 4（每行用 ; 或换行分隔）",
                  f"a matrix ({digits_en}), e.g. [[1, 2], [3, 4]] or 1 2; 3 4 "
                  "(rows separated by ; or newlines)")
    letters = "/".join(answer.choices)
    return Bi(f"一个选项字母（{letters}）", f"one option letter ({letters})")


_APPROX = Bi("写精确值，或至少 3 位有效数字（与精确值相差 0.5% 以内算对，如 102.76M、1.03亿）。",
             "Give the exact value, or at least 3 significant figures (within 0.5% of the "
             "exact value counts as right, e.g. 102.76M or 1.03亿).")


def precision_note(answer: Answer) -> Bi | None:
    """One sentence on how exact a numeric answer must be; None for shapes, sets, choices."""
    d = answer.decimals
    if answer.type == "integer":
        if answer.rel_tol > 0:
            pct = f"{answer.rel_tol * 100:g}%"
            return Bi(f"与精确值相差 {pct} 以内算对。", f"Within {pct} of the exact value "
                      "counts as right.")
        big = answer.approx and abs(answer.values[0]) >= APPROX_MIN
        return _APPROX if big else Bi("须写出精确的整数。", "The exact integer is required.")
    if answer.type == "real":
        if answer.approx and abs(answer.values[0]) >= APPROX_MIN:
            return _APPROX
        if d is None and answer.rel_tol > 0:
            pct = f"{answer.rel_tol * 100:g}%"
            return Bi(f"与精确值相差 {pct} 以内算对（写 3 位有效数字即可）。",
                      f"Within {pct} of the exact value counts as right (3 significant "
                      "figures are enough).")
        if d == 0:
            return Bi("写出整数。", "Give a whole number.")
        return Bi(f"保留 {d} 位小数。", f"Round to {_places(d)}.")
    if answer.type == "list":
        if d is not None:
            if len(answer.values) == 1:
                return Bi(f"保留 {d} 位小数。", f"Round to {_places(d)}.")
            return Bi(f"每个数保留 {d} 位小数。", f"Round each number to {_places(d)}.")
        if answer.approx and any(abs(v) >= APPROX_MIN for v in answer.values):
            return Bi("写出精确的整数；不小于 10^6 的数也可写至少 3 位有效数字（与精确值相差 "
                      "0.5% 以内算对，如 102.76M）。",
                      "Give the exact integers; numbers of a million or more may also be given "
                      "to at least 3 significant figures (within 0.5% counts as right, e.g. "
                      "102.76M).")
        return (Bi("须写出精确的整数。", "The exact integer is required.")
                if len(answer.values) == 1 else
                Bi("每个数都须是精确的整数。", "Each number must be the exact integer."))
    if answer.type == "matrix" and d is not None:
        return Bi(f"每个元素保留 {d} 位小数。", f"Round each entry to {_places(d)}.")
    return None
