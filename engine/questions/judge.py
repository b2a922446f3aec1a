"""Judge one typed answer against a built problem: readable or not, right or not, and which
named mistakes produce it.

Every named mistake whose value matches is named ("either … or …"), so a diagnosis never
picks one of two explanations at random. Units are part of the reading: a unit of the
wrong dimension and a decimal/binary byte prefix swapped (GB for GiB) are named mistakes.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.questions.answers.check import (
    Match,
    UnitMismatch,
    compare,
    display,
    prefix_family_used,
    to_answer_units,
)
from engine.questions.answers.parse import AnswerParseError, Parsed, parse
from engine.questions.answers.units import counterpart, dim_name
from engine.questions.base import Answer, Problem
from engine.questions.formats import default_format
from engine.questions.model import Verdict
from engine.questions.text import Bi, num


def either(names: Sequence[Bi]) -> Bi:
    """One name, or all of them: 'either A, or B'."""
    if len(names) == 1:
        return names[0]
    return Bi("以下之一：" + "；或者".join(n.zh for n in names),
              "either " + ", or ".join(n.en for n in names))


def read(problem: Problem, answer: str) -> Parsed:
    """The typed answer parsed for this problem's answer type and expected length."""
    a = problem.answer
    return parse(str(answer), a.type, a.cols, a.choices, length=len(a.values))


def diagnoses(problem: Problem, got: Parsed, raw: Parsed) -> list[Bi]:
    """Every named mistake that produces ``got`` (in the answer's units), plus a swapped
    byte prefix when reading ``raw``'s unit with the other family makes it right."""
    names = [m.name for m in problem.mistakes if compare(m.answer, got).correct]
    unit = prefix_family_used(raw)
    if unit is not None and not names:
        try:
            swapped = to_answer_units(problem.answer, raw, swap_prefix=True)
        except UnitMismatch:
            return names
        other = counterpart(unit)
        if other is not None and compare(problem.answer, swapped).correct:
            names.append(Bi(f"把 {unit.name} 和 {other.name} 弄混了（1 {_base(unit.name)}，"
                            f"1 {_base(other.name)}）",
                            f"confused {unit.name} with {other.name} (1 {_base(unit.name)}, "
                            f"1 {_base(other.name)})"))
    return names


def wrong_dimensions(expected: Answer, got: Parsed) -> Bi | None:
    """For a wrong shape: which dimensions are wrong (numbered from 1), or that the number
    of dimensions is, so a shape scored 0 still says how close it was."""
    want, have = expected.values, got.values
    if len(have) != len(want):
        return Bi(f"维数不对：写了 {len(have)} 维，应为 {len(want)} 维",
                  f"wrong number of dimensions: {len(have)} written, {len(want)} expected")
    wrong = [(i, h, w) for i, (h, w) in enumerate(zip(have, want, strict=True), start=1)
             if h != w]
    if not wrong:
        return None
    zh = "；".join(f"第 {i} 维应为 {num(w)}，写的是 {num(h)}" for i, h, w in wrong)
    en = "; ".join(f"dimension {i} should be {num(w)}, not {num(h)}" for i, h, w in wrong)
    return Bi(zh, en)


def _base(name: str) -> str:
    powers = {"K": 1, "M": 2, "G": 3, "T": 4, "P": 5}
    p = powers[name[0]]
    return f"{name} = 2^{10 * p} B" if "i" in name else f"{name} = 10^{3 * p} B"


def _feedback(match: Match, expected: str, diag: Bi | None, dims: Bi | None = None) -> Bi:
    if match.correct:
        if match.rounded:
            return Bi(f"正确！（按有效数字取整，算对）精确值是 {expected}。",
                      f"Correct! (rounded, within the stated tolerance) The exact value is "
                      f"{expected}.")
        return Bi("正确！", "Correct!")
    if match.score > 0:
        pct = f"{match.score:.0%}"
        text = Bi(f"部分正确（得分 {pct}）。正确答案是 {expected}。",
                  f"Partly right (score {pct}). The expected answer is {expected}.")
    else:
        text = Bi(f"不对。正确答案是 {expected}。",
                  f"Not right. The expected answer is {expected}.")
    if diag is not None:
        text = text + Bi(f"你的答案正是一个常见错误：{diag.zh}。",
                         f" Your answer matches a common mistake: {diag.en}.")
    if dims is not None:
        text = text + Bi(f"{dims.zh}。", f" {dims.en[:1].upper()}{dims.en[1:]}.")
    return text


def judge(problem: Problem, answer: str, lang: str = "zh") -> Verdict:
    """Judge ``answer`` against a built problem; never raises on the answer."""
    expected = display(problem.answer)
    solution = problem.solution.get(lang)
    try:
        raw = read(problem, answer)
    except (AnswerParseError, ValueError, OverflowError, ArithmeticError) as exc:
        fmt = (problem.answer_format or default_format(problem.answer)).get(lang)
        why = Bi(getattr(exc, "zh", str(exc)), str(exc))
        msg = Bi(f"无法读懂你的答案（{why.zh}）。请按此格式作答：{fmt}。",
                 f"Could not read your answer ({why.en}). Please answer as {fmt}.")
        return Verdict(False, 0.0, expected, msg.get(lang), None, solution, parse_error=True,
                       reason=why.get(lang))
    try:
        got = to_answer_units(problem.answer, raw)
    except UnitMismatch as exc:
        asked = dim_name(exc.dim)
        wrong_unit = Bi(f"单位不对：题目要的是{asked.zh}，你写的单位是 {exc.typed.name}",
                        f"wrong unit: the question asks for {asked.en}, and you wrote "
                        f"{exc.typed.name}")
        fb = _feedback(Match(False, 0.0), expected, wrong_unit)
        return Verdict(False, 0.0, expected, fb.get(lang), wrong_unit.get(lang), solution,
                       mistake=wrong_unit.get(lang))
    match = compare(problem.answer, got)
    names = [] if match.correct else diagnoses(problem, got, raw)
    diag = either(names) if names else None
    dims = (wrong_dimensions(problem.answer, got)
            if problem.answer.type == "shape" and not match.correct else None)
    feedback = _feedback(match, expected, diag, dims)
    mistake = diag.get(lang) if diag else None
    if dims is not None:  # the diagnosis says which dimension, beside any named mistake
        diag = dims if diag is None else Bi(f"{diag.zh}（{dims.zh}）", f"{diag.en} ({dims.en})")
    return Verdict(match.correct, float(match.score), expected, feedback.get(lang),
                   diag.get(lang) if diag else None, solution, mistake=mistake)
