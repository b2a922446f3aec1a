"""Parse what people type into numbers: tolerant of notation, strict about meaning.

Accepted: ``(8, 64, 56, 56)``, ``8x64x56x56``, ``8×64×56×56``, ``[8,64,56,56]``,
``torch.Size([8, 64, 56, 56])``, ``tensor([0.25, 0.75])``, full-width punctuation, every
number form of ``numbers.read_number`` (suffixes, powers, units), thousands separators
(``138,357,544``; inside a list too, when the list's expected length says so), labels such
as ``tx=0.1``, matrices as nested lists or rows separated by ``;`` or newlines, and choice
letters. Anything else raises ``AnswerParseError`` with the reason in both languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.questions.answers.numbers import (
    EXACT,
    AnswerParseError,
    Num,
    normalize,
    parse_scalar,
    read_number,
)
from engine.questions.answers.units import Unit
from engine.questions.base import AnswerType

__all__ = ["AnswerParseError", "Parsed", "normalize", "parse", "parse_choice", "parse_matrix",
           "parse_numbers", "parse_scalar", "parse_set", "parse_single"]


@dataclass(frozen=True)
class Parsed:
    """A parsed answer in the same flat form as ``base.Answer``.

    ``units`` holds the unit written after each value (None where there was none; empty
    when no value had one); ``sigs`` the significant figures written (empty: exact);
    ``scales`` the conversion factor of each typed unit, once converted (empty: none).
    """

    values: tuple[float, ...] = ()
    cols: int = 0
    letter: str = ""
    units: tuple[Unit | None, ...] = ()
    sigs: tuple[int, ...] = ()
    scales: tuple[float, ...] = ()

    def sig(self, i: int) -> int:
        return self.sigs[i] if self.sigs else EXACT

    def scale(self, i: int) -> float:
        """The typed unit of entry ``i`` over the asked one (1 when none was converted)."""
        return self.scales[i] if self.scales else 1.0


_LABEL = re.compile(r"(?<![\w\u4e00-\u9fff'])[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff']*\s*[=:]")
_TIMES = re.compile(r"(?<=[\d.])\s*[x×X*]\s*(?=[+\-]?[\d.])(?!\d+\s*(?:\^|\*\*))")
_UNIT_GAP = re.compile(r"(?<=[\d.%])\s+(?=[A-Za-z%\u4e00-\u9fff])")
_MULT_GAP = re.compile(r"(?<=\d)((?:[KMGBTkPEZ]|thousand|million|billion|trillion|bn|mn|万|亿)"
                       r")\s+(?=[A-Za-z\u4e00-\u9fff])", re.IGNORECASE)
_SEP = re.compile(r"[,;\s]+")
_WORDS = re.compile(r"\b(?:and|or)\b|和|与|以及|及", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?!\d)")
_PRINTOUT = re.compile(r"^(?:torch\.)?(?:Size|tensor|array|np\.array)\s*\((.*)\)$",
                       re.DOTALL | re.IGNORECASE)
_EMPTY = {"", "{}", "[]", "()", "∅", "none", "empty", "无", "空", "空集"}
_MAX_LEN = 10_000
_LONG_RUN = re.compile(r"[^\s,;，；、]{101,}")  # longer than any number, unit and brackets
_MAX_NUMBERS = 256  # no answer has more entries; a longer list is refused before reading


def _closers(t: str) -> dict[int, int]:
    """Where each bracket opened at index i closes (one pass, so deep nesting stays linear);
    unbalanced brackets close nowhere."""
    closing: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(t):
        if ch in "([{":
            stack.append(i)
        elif ch in ")]}" and stack:
            closing[stack.pop()] = i
    return closing


def _strip_brackets(text: str) -> str:
    """The text without the brackets that wrap all of it: ``[[1, 2]]`` → ``1, 2``."""
    t = text.strip()
    if len(t) < 2 or t[0] not in "([{" or t[-1] not in ")]}":
        return t
    closing = _closers(t)
    start, end = 0, len(t) - 1
    while start < end and closing.get(start) == end:
        start += 1
        end -= 1
        while start <= end and t[start].isspace():
            start += 1
        while end >= start and t[end].isspace():
            end -= 1
    return t[start:end + 1]


def unwrap_printout(text: str) -> str:
    """``torch.Size([4, 16])`` → ``[4, 16]``; ``tensor([1., 2.], dtype=...)`` → ``[1., 2.]``;
    ``tensor(0.3567, grad_fn=<...>)`` → ``0.3567``. Other text is returned unchanged."""
    m = _PRINTOUT.match(text.strip())
    if m is None:
        return text
    inner = m.group(1).strip()
    depth = 0
    for i, ch in enumerate(inner):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0 and re.match(r",\s*[A-Za-z_]+\s*=", inner[i:]):
            return inner[:i].strip()
    return inner


def _prepare(text: str) -> str:
    """Normalized text with printouts unwrapped, labels and 'and'/'和' turned into gaps."""
    t = unwrap_printout(normalize(text))
    return _LABEL.sub(" ", _WORDS.sub(",", t))


def _tokens(t: str) -> list[str]:
    t = _MULT_GAP.sub(r"\1", _UNIT_GAP.sub("", _TIMES.sub(",", t)))
    return [tok for tok in _SEP.split(t.replace("(", " ").replace(")", " ")) if tok]


def read_numbers(text: str, length: int = 0) -> tuple[Num, ...]:
    """An ordered sequence of numbers with their units; brackets optional.

    Commas separate numbers, unless the expected ``length`` is only met by reading runs
    such as ``67,108,864`` (groups of three digits, no spaces) as thousands separators.
    """
    t = _strip_brackets(_prepare(text))
    tokens = _tokens(t)
    if length and len(tokens) != length and _THOUSANDS.search(t):
        joined = _tokens(_THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), t))
        if len(joined) == length:
            tokens = joined
    if not tokens:
        raise AnswerParseError("no numbers found", "没有找到数")
    if len(tokens) > _MAX_NUMBERS:
        raise AnswerParseError(f"{len(tokens)} numbers are more than any answer has",
                               f"{len(tokens)} 个数，比任何答案都多")
    return tuple(read_number(tok) for tok in tokens)


def _plain(nums: tuple[Num, ...], what_en: str, what_zh: str) -> tuple[float, ...]:
    if any(n.unit is not None for n in nums):
        raise AnswerParseError(f"{what_en} has no units", f"{what_zh}不带单位")
    return tuple(n.value for n in nums)


def plain_value(n: Num) -> float:
    """A number where no unit is asked for: ``%`` is a hundredth, a bare ``B`` a billion."""
    if n.unit is None:
        return n.value
    if n.unit.name == "%":
        return n.value * 0.01
    if n.unit.name == "B":
        return n.value * 1e9
    raise AnswerParseError("a unit where a plain number is expected",
                           "这里要的是不带单位的数")


def parse_numbers(text: str, length: int = 0) -> tuple[float, ...]:
    """Plain numbers in order (see ``plain_value``)."""
    return tuple(plain_value(n) for n in read_numbers(text, length))


def read_single(text: str) -> Num:
    """A single number with its unit; thousands separators allowed; labels ignored."""
    t = _strip_brackets(_LABEL.sub("", unwrap_printout(normalize(text))).strip())
    try:
        return read_number(t)
    except AnswerParseError:
        nums = read_numbers(t)
        if len(nums) != 1:
            raise AnswerParseError("expected a single number", "这里只要一个数") from None
        return nums[0]


def parse_single(text: str) -> float:
    """A single plain number (see ``parse_scalar`` for ``%`` and ``B``)."""
    return plain_value(read_single(text))


def parse_set(text: str) -> tuple[float, ...]:
    """Non-negative integer indices in any order; duplicates collapse."""
    t = unwrap_printout(normalize(text))
    if t.lower().strip("{}[]() ") in _EMPTY:
        return ()
    values = _plain(read_numbers(t), "a set of indices", "下标集合")
    if any(v < 0 or not float(v).is_integer() for v in values):
        raise AnswerParseError("indices must be non-negative integers",
                               "下标必须是非负整数")
    return tuple(sorted(set(values)))


def parse_matrix(text: str, cols_hint: int = 0) -> tuple[tuple[float, ...], int]:
    """Rows as nested brackets or separated by ';' / newlines; returns (flat, cols)."""
    inner = _strip_brackets(unwrap_printout(normalize(text)))
    groups = re.findall(r"[\[(]([^\[\]()]*)[\])]", inner)
    parts = groups or [p for p in re.split(r"[;\n|]", inner) if p.strip()]
    if len(parts) > _MAX_NUMBERS:
        raise AnswerParseError(f"{len(parts)} rows are more than any answer has",
                               f"{len(parts)} 行，比任何答案都多")
    rows = [_plain(read_numbers(p), "a matrix", "矩阵") for p in parts]
    if len(rows) == 1 and cols_hint > 0 and len(rows[0]) % cols_hint == 0:
        flat = rows[0]
        rows = [flat[i:i + cols_hint] for i in range(0, len(flat), cols_hint)]
    if not rows or any(len(r) != len(rows[0]) for r in rows):
        raise AnswerParseError("matrix rows must all have the same length",
                               "矩阵每一行的长度必须相同")
    return tuple(v for r in rows for v in r), len(rows[0])


def parse_choice(text: str, choices: tuple[str, ...]) -> str:
    """One option letter, tolerating '(B)', 'B.', 'b', '选 B', 'option B'."""
    t = normalize(text).upper()
    t = re.sub(r"^(?:选项|选|答案|OPTION|ANSWER)\s*[:=]?\s*", "", t)
    t = re.sub(r"^[\s(\[]+|[\s)\].:]+$", "", t)
    if t in choices:
        return t
    raise AnswerParseError("expected one option letter", "这里只要一个选项字母")


def _with_units(nums: tuple[Num, ...]) -> Parsed:
    units = tuple(n.unit for n in nums)
    return Parsed(tuple(n.value for n in nums),
                  units=units if any(u is not None for u in units) else (),
                  sigs=tuple(n.sig for n in nums))


def parse(text: str, answer_type: AnswerType, cols_hint: int = 0,
          choices: tuple[str, ...] = (), length: int = 0) -> Parsed:
    """Parse ``text`` as ``answer_type``; raises ``AnswerParseError`` on failure.

    ``length`` is the number of entries a list expects (it decides how ``1,234`` reads).
    """
    if len(text) > _MAX_LEN:
        raise AnswerParseError("the answer is too long", "答案太长了")
    if not text.strip():
        raise AnswerParseError("the answer is empty", "答案是空的")
    gaps = text.count(",") + text.count(";") + text.count(" ") + text.count("\n")
    if gaps > 4 * _MAX_NUMBERS:
        raise AnswerParseError(f"{gaps} separators are more than any answer has",
                               f"{gaps} 个分隔符，比任何答案都多")
    run = _LONG_RUN.search(text)
    if run is not None:
        n = len(run.group(0))
        raise AnswerParseError(f"{n} characters without a space or comma cannot be a number",
                               f"连续 {n} 个字符没有空格或逗号，不可能是一个数")
    if answer_type in ("integer", "real"):
        return _with_units((read_single(text),))
    if answer_type == "list":
        return _with_units(read_numbers(text, length))
    if answer_type == "shape":
        return Parsed(_plain(read_numbers(text, length), "a shape", "形状"))
    if answer_type == "set":
        return Parsed(parse_set(text))
    if answer_type == "matrix":
        flat, cols = parse_matrix(text, cols_hint)
        return Parsed(flat, cols)
    return Parsed(letter=parse_choice(text, choices))
