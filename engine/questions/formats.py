"""Default one-sentence answer formats per answer type, in both languages."""

from __future__ import annotations

from engine.questions.base import Answer
from engine.questions.text import Bi


def default_format(answer: Answer) -> Bi:
    """How to type an answer of this type (kinds may override)."""
    d = answer.decimals
    t = answer.type
    if t == "integer":
        if answer.rel_tol > 0:
            pct = f"{answer.rel_tol * 100:g}%"
            return Bi(f"一个整数（误差 {pct} 以内算对），如 23296、1.2M、3.5万",
                      f"an integer (within {pct} counts as right), e.g. 23296, 1.2M or 3.5万")
        return Bi("一个精确的整数，如 23296、138,357,544、1.2M 或 3.5万",
                  "an exact integer, e.g. 23296, 138,357,544, 1.2M or 3.5万")
    if t == "real":
        return Bi(f"一个数，保留 {d} 位小数，如 0.1234（也可用 1.2e-3）",
                  f"a number rounded to {d} decimals, e.g. 0.1234 (1.2e-3 also works)")
    if t == "shape":
        return Bi("一个形状，如 (8, 64, 56, 56) 或 8x64x56x56",
                  "a shape such as (8, 64, 56, 56) or 8x64x56x56")
    if t == "list":
        if d is None:
            return Bi("按顺序写出整数，如 [3, 1, 2] 或 3, 1, 2",
                      "integers in order, e.g. [3, 1, 2] or 3, 1, 2")
        return Bi(f"按顺序写出各数，每个保留 {d} 位小数，如 [0.1234, -0.5]",
                  f"the numbers in order, each rounded to {d} decimals, e.g. [0.1234, -0.5]")
    if t == "set":
        return Bi("下标集合（从 0 开始，顺序不限），如 {0, 2, 3}",
                  "the set of indices (0-based, any order), e.g. {0, 2, 3}")
    if t == "matrix":
        digits = "整数" if d is None else f"保留 {d} 位小数"
        digits_en = "integers" if d is None else f"rounded to {d} decimals"
        return Bi(f"矩阵（{digits}），如 [[1, 2], [3, 4]] 或 1 2; 3 4（每行用 ; 或换行分隔）",
                  f"a matrix ({digits_en}), e.g. [[1, 2], [3, 4]] or 1 2; 3 4 "
                  "(rows separated by ; or newlines)")
    letters = "/".join(answer.choices)
    return Bi(f"一个选项字母（{letters}）", f"one option letter ({letters})")
