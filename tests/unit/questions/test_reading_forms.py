"""Reading the forms issue 23 lists: superscript exponents, µs/us/μs, unit words in English
and Chinese, multiplier words, counts asked in billions, converted units judged at the stated
precision in their own unit, and bad input refused quickly with a reason."""

from __future__ import annotations

import math
import time

import pytest

from engine.questions.answers.numbers import read_number
from engine.questions.base import Answer, Problem, integer, numbers, real
from engine.questions.judge import judge
from engine.questions.text import Bi


def problem(answer: Answer) -> Problem:
    return Problem(Bi("题", "question"), answer, Bi("解", "solution"))


def right(answer: Answer, text: str) -> bool:
    v = judge(problem(answer), text, "en")
    assert v.readable, (text, v.reason)
    return v.correct


@pytest.mark.parametrize(("text", "value"), [
    ("10⁹", 1e9), ("3.76×10⁹", 3.76e9), ("3.76 × 10⁹", 3.76e9), ("9.5×10⁻⁵", 9.5e-5),
    ("2³⁰", 2.0**30), ("1.5×2¹⁰", 1536.0), ("10⁺³", 1e3), ("-2⁴", -16.0),
])
def test_superscript_exponents(text: str, value: float) -> None:
    assert read_number(text).value == pytest.approx(value, rel=1e-12)


def test_superscripts_inside_a_list() -> None:
    assert right(numbers([3.76e9, 2.0], approx=True), "3.76×10⁹, 2")


@pytest.mark.parametrize("text", ["12000 µs", "12000µs", "12000 us", "12000 μs", "12000 微秒",
                                  "12 ms", "0.012 s", "12000000 ns"])
def test_microseconds_in_every_spelling(text: str) -> None:
    assert right(real(12.0, 1, unit="ms"), text)


@pytest.mark.parametrize(("text", "answer"), [
    ("512 samples", integer(512, unit="samples")), ("512 个样本", integer(512, unit="samples")),
    ("512 sequences", integer(512, unit="samples")), ("512 条序列", integer(512, unit="samples")),
    ("224 px", integer(224)), ("224 像素", integer(224)), ("8 GPUs", integer(8, unit="count")),
    ("8 卡", integer(8, unit="count")), ("8 张卡", integer(8)),
    ("2 years", real(730.0, 1, unit="days")), ("2 年", real(730.0, 1, unit="days")),
    ("730 days", real(2.0, 2, unit="years")), ("730 天", real(2.0, 2, unit="years")),
    ("824B tokens", integer(824e9, unit="tokens")), ("824 B tokens", integer(824e9)),
    ("8.24e11 tokens", integer(824e9, unit="tokens")), ("300K tokens", integer(3e5)),
    ("1.4T tokens", integer(1.4e12, unit="tokens")), ("2M tokens", integer(2e6)),
    ("3.2 billion", integer(3.2e9)), ("3.2 billion tokens", integer(3.2e9, unit="tokens")),
    ("7 million params", integer(7e6, unit="params")), ("1.5 trillion", integer(1.5e12)),
    ("3 PFLOPs", integer(3e15, unit="FLOPs")), ("3 EFLOPs", integer(3e18, unit="FLOPs")),
    ("5.76 ZFLOPs", integer(5.76e21, unit="FLOPs")), ("2.88 ZMACs", integer(5.76e21, unit="FLOPs")),
    ("1.2 nats", real(1.2, 2, unit="nats")), ("1.7312 bits", real(1.2, 2, unit="nats")),
    ("1 bit", real(math.log(2), 4, unit="nats")),
])
def test_unit_and_multiplier_words(text: str, answer: Answer) -> None:
    assert right(answer, text)


def test_a_list_with_multiplier_words_and_units() -> None:
    assert right(numbers([824e9, 5.0], units=["tokens", "days"]), "824B tokens, 5 days")
    assert right(numbers([3.2e9, 5.0], units=["tokens", "days"]), "3.2 billion tokens, 5 天")


@pytest.mark.parametrize("text", ["3.33", "3.33B", "3.33 B", "33.3亿", "3.33e9", "3.33×10⁹",
                                  "3.33 billion", "3.33B params", "3,330,000,000"])
def test_a_count_asked_in_billions(text: str) -> None:
    assert right(numbers([3.33], 2, units=["billion"]), text)


@pytest.mark.parametrize("text", ["3.34", "3.34B", "33.4亿", "3.33 GiB"])
def test_a_count_asked_in_billions_refuses_other_values(text: str) -> None:
    assert not judge(problem(numbers([3.33], 2, units=["billion"])), text, "en").correct


@pytest.mark.parametrize(("text", "ok"), [
    ("447.03 GiB", True), ("480.00 GB", True), ("480000 MB", True), ("447.04 GiB", False),
    ("447.02 GiB", False), ("447 GiB", False), ("0.48 TB", True), ("480.01 GB", False),
])
def test_a_converted_unit_at_the_stated_precision(text: str, ok: bool) -> None:
    """480 GB is 447.0348 GiB: 447.03 is the one right 2-decimal value in GiB."""
    assert right(real(480.0, 2, unit="GB"), text) is ok


def test_a_count_word_on_a_plain_number_is_read_and_a_size_is_not() -> None:
    assert right(integer(11), "11 px")
    v = judge(problem(integer(11)), "11 GiB", "en")
    assert not v.correct and v.diagnosis is not None and "unit" in v.diagnosis


BAD = [
    "1" * 1_000_000,                      # a 1 MB answer
    "9" * 9_000,                          # thousands of digits (under the length limit)
    "1e" + "9" * 9_000,                   # an exponent with thousands of digits
    "9**9**9", "1e999999", "10^99999", "1<<99999", "2^2^2^2^2",
    "(" * 4_000 + "1" + ")" * 4_000,      # deeply nested brackets
    "[" * 4_000 + "]" * 4_000,
    "1/" * 3_000 + "1",                   # a tower of fractions
    "1, " * 3_000,                        # thousands of numbers
    "[1,2];" * 1_500,                     # thousands of rows
    "x" * 9_000, "a=" * 4_000,            # one long word, thousands of labels
]


def _seconds(answer: Answer, text: str, repeat: int) -> float:
    p = problem(answer)
    start = time.perf_counter()
    for _ in range(repeat):
        judge(p, text, "en")
    return (time.perf_counter() - start) / repeat


@pytest.mark.parametrize("answer", [real(0.25, 2), numbers([1.0, 2.0]), integer(7)])
def test_bad_input_is_unreadable_with_a_reason_and_fast(answer: Answer) -> None:
    """Each bad answer costs at most 100 short answers' time (a ratio, so the test holds on
    a loaded machine; measured about 10): refused by length, runs and counts before any
    arithmetic."""
    short = min(_seconds(answer, "0.25", 200) for _ in range(3))
    for text in BAD:
        v = judge(problem(answer), text, "en")
        assert v.parse_error and v.reason, text[:20]
        assert "Exceeds" not in v.reason and "recursion" not in v.reason, v.reason
        took = min(_seconds(answer, text, 2) for _ in range(3))
        assert took < 100 * short, (text[:20], took, short)
