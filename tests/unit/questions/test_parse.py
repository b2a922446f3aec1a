"""Parsing what people type: every accepted notation, including Chinese ones."""

from __future__ import annotations

import pytest

from engine.questions.answers.parse import (
    AnswerParseError,
    parse,
    parse_choice,
    parse_matrix,
    parse_numbers,
    parse_set,
    parse_single,
)


@pytest.mark.parametrize("text", [
    "(8, 64, 56, 56)", "8x64x56x56", "8×64×56×56", "[8,64,56,56]", "8 X 64 X 56 X 56",
    "（8，64，56，56）", "[8, 64, 56, 56]", "8*64*56*56", "8, 64, 56, 56", "8 64 56 56",
    "【8，64，56，56】", "N=8, C=64, H=56, W=56", "(8、64、56、56)",
])
def test_shape_notations(text: str) -> None:
    assert parse_numbers(text) == (8.0, 64.0, 56.0, 56.0)


@pytest.mark.parametrize(("text", "value"), [
    ("23296", 23296), ("138,357,544", 138357544), ("1.2M", 1.2e6), ("3.5G", 3.5e9),
    ("3.5万", 35000), ("1.2亿", 1.2e8), ("2万", 20000), ("1.5e6", 1.5e6), ("1.5E-3", 1.5e-3),
    ("2.5×10^6", 2.5e6), ("2.5x10^-3", 2.5e-3), ("10^6", 1e6), ("-0.25", -0.25),
    ("−0.25", -0.25), ("１２３４", 1234), ("0。5", 0.5), ("12.5%", 0.125), ("1/9", 1 / 9),
    ("3K", 3000), ("4.2B", 4.2e9), ("≈ 0.3567", 0.3567), ("约 25.6M", 25.6e6),
    ("loss = 0.3567", 0.3567), (" 42 ", 42), ("(42)", 42), ("+7", 7), (".5", 0.5),
    ("1,234.5", 1234.5), ("138，357，544", 138357544), ("3.5 万", 35000),
])
def test_single_numbers(text: str, value: float) -> None:
    assert parse_single(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("text", ["abc", "1..2", "1,23", "", "1/0", "nan", "inf", "1e999",
                                  "12,34,567", "0x10", "1_000"])
def test_bad_single_numbers(text: str) -> None:
    with pytest.raises(AnswerParseError):
        parse_single(text)


def test_thousands_separators_only_for_single_numbers() -> None:
    assert parse_numbers("1,234") == (1.0, 234.0)
    assert parse_single("1,234") == 1234.0


@pytest.mark.parametrize("text", [
    "[[1, 2], [3, 4]]", "1 2; 3 4", "1, 2\n3, 4", "[1 2; 3 4]", "((1,2),(3,4))",
    "1 2 ; 3 4", "［［1，2］，［3，4］］", "1 2\r\n3 4", "[1, 2]\n[3, 4]", "1 2 | 3 4",
])
def test_matrix_notations(text: str) -> None:
    assert parse_matrix(text) == ((1.0, 2.0, 3.0, 4.0), 2)


def test_matrix_flat_list_uses_expected_width() -> None:
    assert parse_matrix("1 2 3 4", cols_hint=2) == ((1.0, 2.0, 3.0, 4.0), 2)
    with pytest.raises(AnswerParseError):
        parse_matrix("1 2; 3")


@pytest.mark.parametrize("text", ["{0, 2, 3}", "0 2 3", "3, 2, 0", "[0,2,3]", "0、2、3",
                                  "0, 2 and 3", "0，2 和 3", "{3,0,2,2}"])
def test_set_notations(text: str) -> None:
    assert parse_set(text) == (0.0, 2.0, 3.0)


@pytest.mark.parametrize("text", ["{}", "none", "无", "∅", "空集"])
def test_empty_set(text: str) -> None:
    assert parse_set(text) == ()


def test_set_rejects_negative_and_fractional_indices() -> None:
    for text in ("-1, 2", "0.5"):
        with pytest.raises(AnswerParseError):
            parse_set(text)


@pytest.mark.parametrize("text", ["B", "b", "(B)", "B.", "选 B", "选项B", "答案：B", "option b",
                                  " Ｂ ", "[B]"])
def test_choice_letters(text: str) -> None:
    assert parse_choice(text, ("A", "B", "C", "D")) == "B"


@pytest.mark.parametrize("text", ["E", "AB", "", "1"])
def test_bad_choice(text: str) -> None:
    with pytest.raises(AnswerParseError):
        parse_choice(text, ("A", "B", "C", "D"))


def test_parse_dispatches_on_type() -> None:
    assert parse("1.2M", "integer").values == (1.2e6,)
    assert parse("8x3", "shape").values == (8.0, 3.0)
    assert parse("1 2; 3 4", "matrix").cols == 2
    assert parse("c", "choice", choices=("A", "B", "C")).letter == "C"
    with pytest.raises(AnswerParseError):
        parse("   ", "real")
    with pytest.raises(AnswerParseError):
        parse("1" * 20_000, "real")
