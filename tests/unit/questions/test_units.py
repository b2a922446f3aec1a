"""Reading answers as people type them: units, powers, sig figs, thousands inside lists,
PyTorch printouts, and the rounding policy for large counts (one test per rule)."""

from __future__ import annotations

import pytest

from engine.questions.answers.numbers import EXACT, read_number, sig_figs
from engine.questions.answers.parse import AnswerParseError, parse, read_numbers
from engine.questions.base import Answer, Mistake, Problem, integer, numbers, real, shape
from engine.questions.judge import judge
from engine.questions.text import Bi


def problem(answer: Answer, *mistakes: Mistake) -> Problem:
    return Problem(Bi("题", "question"), answer, Bi("解", "solution"), mistakes)


GIB = 12.5  # 13,421,772,800 bytes = 12.5 GiB = 13.42 GB


@pytest.mark.parametrize("text", ["12.50 GiB", "12.5GiB", "12.50 gib", "12.5", "12.50",
                                  "13421772800 bytes", "13,421,772,800 B", "13.42 GB",
                                  "13.4217728GB", "12800 MiB", "0.01220703125 TiB"])
def test_bytes_convert_into_the_asked_unit(text: str) -> None:
    assert judge(problem(real(GIB, 2, unit="GiB")), text, "en").correct, text


def test_decimal_for_binary_prefix_is_a_named_mistake() -> None:
    v = judge(problem(real(GIB, 2, unit="GiB")), "12.5GB", "en")
    assert v.readable and not v.correct
    assert v.diagnosis is not None and "GB" in v.diagnosis and "GiB" in v.diagnosis
    assert "2^30" in v.diagnosis and "10^9" in v.diagnosis
    zh = judge(problem(real(512.0, 2, unit="MB")), "512 MiB", "zh")
    assert zh.diagnosis is not None and "MiB" in zh.diagnosis and "弄混" in zh.diagnosis


@pytest.mark.parametrize("text", ["1073741824 bytes", "1073741824", "2^30", "2**30", "1<<30",
                                  "1 GiB", "1024 MiB", "1,073,741,824 字节", "1073741824B"])
def test_byte_counts_and_powers(text: str) -> None:
    assert judge(problem(integer(2**30, unit="B")), text, "en").correct, text


@pytest.mark.parametrize(("text", "value"), [
    ("2^30", 2.0**30), ("2**30", 2.0**30), ("1<<30", 2.0**30), ("10^6", 1e6),
    ("1.5×2^20", 1.5 * 2**20), ("2^-3", 0.125), ("3*2**10", 3072), ("-2^4", -16),
])
def test_powers(text: str, value: float) -> None:
    n = read_number(text)
    assert n.value == value and n.unit is None and n.sig == EXACT


@pytest.mark.parametrize("text", ["10^1000", "2**5000", "1<<2000"])
def test_huge_powers_are_out_of_range(text: str) -> None:
    with pytest.raises(AnswerParseError):
        read_number(text)


def test_flops_and_macs_convert_under_the_stated_convention() -> None:
    flops = problem(integer(340_918_272, unit="FLOPs", approx=True))
    for text in ("340918272 FLOPs", "340918272", "170459136 MACs", "0.340918272 GFLOPs",
                 "340.92M FLOPs"):
        assert judge(flops, text, "en").correct, text
    macs = problem(integer(170_459_136, unit="MACs"))
    assert judge(macs, "340918272 FLOPs", "en").correct
    assert not judge(macs, "170459136 FLOPs", "en").correct


@pytest.mark.parametrize(("text", "ok"), [
    ("102764544 params", True), ("102764544", True), ("102,764,544个参数", True),
    ("102.76M", True), ("1.03亿", True), ("102.8M params", True), ("0.103B", True),
    ("1.0e8", False), ("1e8", False), ("103M", True), ("100000000", False), ("1.02亿", False),
])
def test_large_counts_to_three_significant_figures(text: str, ok: bool) -> None:
    v = judge(problem(integer(102_764_544, unit="params", approx=True)), text, "en")
    assert v.correct is ok, text
    if ok and text.replace(",", "").split()[0].split("个")[0] != "102764544":
        assert "102764544" in v.feedback  # right when rounded: the exact value is shown


def test_exact_policy_refuses_rounded_counts() -> None:
    exact = problem(integer(102_764_544, unit="params"))
    assert not judge(exact, "102.76M", "en").correct
    assert judge(exact, "102764544 params", "en").correct


def test_rounding_policy_is_only_for_counts_of_a_million_or_more() -> None:
    small = problem(integer(23_296, approx=True))
    assert not judge(small, "23.3K", "en").correct
    assert judge(small, "23,296", "en").correct


@pytest.mark.parametrize(("text", "wrote"), [("102764544 FLOPs", "FLOPs"),
                                             ("98 GiB", "GiB"), ("5%", "%")])
def test_a_contradicting_unit_is_a_named_mistake(text: str, wrote: str) -> None:
    v = judge(problem(integer(102_764_544, unit="params", approx=True)), text, "en")
    assert v.readable and not v.correct and v.score == 0.0
    assert v.diagnosis is not None and "parameter count" in v.diagnosis and wrote in v.diagnosis


def test_a_unit_on_a_plain_number_is_a_named_mistake() -> None:
    v = judge(problem(real(0.3567, 4)), "0.3567 GiB", "zh")
    assert v.readable and not v.correct and v.diagnosis is not None and "单位" in v.diagnosis
    assert judge(problem(real(0.125, 4)), "12.5%", "en").correct


@pytest.mark.parametrize("text", ["223", "223 iterations", "223次", "223 steps", "223 个",
                                  "223 iters", "223步"])
def test_iteration_words(text: str) -> None:
    assert judge(problem(integer(223, unit="iters")), text, "zh").correct, text


@pytest.mark.parametrize("text", ["[67108864, 3.125%]", "67,108,864, 3.125",
                                  "[67,108,864, 3.125%]", "67108864 params, 3.125 %",
                                  "(67108864，3.125)"])
def test_count_and_percentage_list(text: str) -> None:
    answer = numbers([67_108_864, 3.125], 3, units=("params", "%"))
    assert judge(problem(answer), text, "en").correct, text


def test_percentage_given_as_a_fraction_is_not_right() -> None:
    answer = numbers([67_108_864, 3.125], 3, units=("params", "%"))
    assert not judge(problem(answer), "67108864, 0.03125", "en").correct


@pytest.mark.parametrize(("text", "length", "values"), [
    ("67,108,864, 3.125", 2, (67108864.0, 3.125)),
    ("81,920", 1, (81920.0,)),
    ("1,234", 2, (1.0, 234.0)),
    ("8,128,256", 3, (8.0, 128.0, 256.0)),
    ("1,234,567, 89", 2, (1234567.0, 89.0)),
    ("1,234", 0, (1.0, 234.0)),
])
def test_thousands_separators_inside_lists_follow_the_expected_length(
        text: str, length: int, values: tuple[float, ...]) -> None:
    assert tuple(n.value for n in read_numbers(text, length)) == values


@pytest.mark.parametrize(("text", "values"), [
    ("torch.Size([4, 16, 9, 27])", (4.0, 16.0, 9.0, 27.0)),
    ("Size([4, 16, 9, 27])", (4.0, 16.0, 9.0, 27.0)),
    ("tensor([4, 16, 9, 27])", (4.0, 16.0, 9.0, 27.0)),
])
def test_torch_shape_printouts(text: str, values: tuple[float, ...]) -> None:
    assert parse(text, "shape").values == values
    assert judge(problem(shape([int(v) for v in values])), text, "en").correct


@pytest.mark.parametrize(("text", "kind", "values"), [
    ("tensor([0.2500, 0.7500])", "list", (0.25, 0.75)),
    ("tensor([0.2500, 0.7500], dtype=torch.float64)", "list", (0.25, 0.75)),
    ("tensor(0.3567)", "real", (0.3567,)),
    ("tensor(0.3567, grad_fn=<NllLossBackward0>)", "real", (0.3567,)),
    ("tensor([1., 2., 3.])", "list", (1.0, 2.0, 3.0)),
    ("tensor([0, 2, 3])", "set", (0.0, 2.0, 3.0)),
    ("array([1, 2])", "list", (1.0, 2.0)),
])
def test_tensor_printouts(text: str, kind: str, values: tuple[float, ...]) -> None:
    assert parse(text, kind).values == values  # type: ignore[arg-type]


def test_tensor_matrix_printout() -> None:
    assert parse("tensor([[1., 2.],\n        [3., 4.]])", "matrix").values == (1.0, 2.0, 3.0,
                                                                               4.0)


@pytest.mark.parametrize(("digits", "sig"), [("102.76", 5), ("1.03", 3), ("100000000", 1),
                                             ("1.00", 3), ("0.00120", 3), ("102764544", 9),
                                             ("1,234,000", 4), ("-340", 2)])
def test_significant_figures(digits: str, sig: int) -> None:
    assert sig_figs(digits) == sig


@pytest.mark.parametrize("text", ["12.5 parsecs", "12.5 GiBs", "5 GX", "1.2.3 GiB"])
def test_unknown_units_are_unreadable_with_a_reason(text: str) -> None:
    v = judge(problem(real(GIB, 2, unit="GiB")), text, "en")
    assert not v.readable and v.parse_error and v.reason and not v.correct
    assert "GiB" in v.feedback  # the format line says what to type
    assert judge(problem(real(GIB, 2, unit="GiB")), text, "zh").reason != v.reason


def test_units_refused_where_they_mean_nothing() -> None:
    with pytest.raises(AnswerParseError):
        parse("(8, 64) GiB", "shape")
    with pytest.raises(AnswerParseError):
        parse("{0, 2} FLOPs", "set")
