"""Read one typed number: digits, exponents, powers, suffixes, units, significant figures.

Accepted: ``23296``, ``138,357,544``, ``1.2e-3``, ``2.5×10^6``, ``10^6``, ``2^30``,
``2**30``, ``1<<30``, ``1.5×2^20``, superscripts ``3.76×10⁹``, ``9.5×10⁻⁵``, ``2³⁰``,
fractions ``1/9``, multipliers ``K M G B T 万 亿`` and ``billion``/``million``/``trillion``,
``%``, and a unit after the digits (``12.50GiB``, ``340918272FLOPs``, ``223次``). The
result keeps the unit apart (the question decides what it converts to) and counts the
significant figures written, which the rounding policy for large counts needs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from engine.questions.answers.units import Unit, split_suffix

EXACT = 99  # significant figures of a form that is exact by construction (2^30, 1/9)


class AnswerParseError(ValueError):
    """The text could not be read as an answer of the requested type.

    ``str(error)`` is the English reason; ``error.zh`` the Chinese one.
    """

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.zh = zh or en


@dataclass(frozen=True)
class Num:
    """A typed number: value with its multiplier applied, the unit written, the sig figs."""

    value: float
    unit: Unit | None = None
    sig: int = EXACT


_NUMBER = (r"([+-]?)(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+\.?\d*|\.\d+)"
           r"(?:e([+-]?\d+))?")
_SCALAR = re.compile("^" + _NUMBER + r"(?:[x×*·](\d+)(?:\^|\*\*)([+-]?\d+))?(.*)$")
_POWER = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(?:\^|\*\*)([+-]?\d+)(.*)$")
_SHIFT = re.compile(r"^([+-]?)(\d+)<<(\d+)(.*)$")
_PLAIN = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?$")
_PREFIX = re.compile(r"^(?:≈|~|约|大约|about|approx\.?)\s*", re.IGNORECASE)

_SUPERSCRIPT = re.compile("[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPER_MAP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_ASCII_MAP = str.maketrans({"−": "-", "–": "-", "—": "-", "、": ",", "。": ".", "【": "[",
                            "】": "]", "〔": "(", "〕": ")", "\r": None})


def normalize(text: str) -> str:
    """Full-width to ASCII (NFKC), Chinese punctuation and minus signs to ASCII, trimmed;
    superscript exponents become powers (``10⁻⁵`` → ``10^-5``, ``2³⁰`` → ``2^30``) before
    NFKC would flatten them into digits (``10⁹`` read as 109)."""
    if text.isascii():
        return text.replace("\r", "").strip()
    text = _SUPERSCRIPT.sub(lambda m: "^" + m.group(0).translate(_SUPER_MAP), text)
    return unicodedata.normalize("NFKC", text).translate(_ASCII_MAP).strip()


def sig_figs(digits: str) -> int:
    """Significant figures of a mantissa as written: ``102.76`` → 5, ``1.03`` → 3,
    ``100000000`` → 1 (trailing zeros of a whole number are not significant), ``1.00`` → 3."""
    d = digits.replace(",", "").lstrip("+-")
    if "." in d:
        core = d.replace(".", "").lstrip("0")
        return max(1, len(core))
    return max(1, len(d.lstrip("0").rstrip("0")))


def _finite(value: float, token: str) -> float:
    if not math.isfinite(value):
        raise AnswerParseError(f"{token.strip()!r} is not a finite number",
                               f"{token.strip()!r} 不是一个有限的数")
    return value


def _not_a_number(token: str) -> AnswerParseError:
    return AnswerParseError(f"{token.strip()!r} is not a number",
                            f"{token.strip()!r} 不是一个数")


def _out_of_range(token: str) -> AnswerParseError:
    return AnswerParseError(f"{token.strip()!r} is out of range", f"{token.strip()!r} 超出范围")


def _with_suffix(value: float, suffix: str, token: str, sig: int) -> Num:
    read = split_suffix(suffix)
    if read is None:
        raise _not_a_number(token)
    scale, unit = read
    return Num(_finite(value * scale, token), unit, sig)


_MAX_TOKEN = 100  # characters: no number a question asks for is longer


def read_number(token: str) -> Num:
    """One number with its unit; raises ``AnswerParseError`` when it is not one.

    A token longer than ``_MAX_TOKEN`` characters or with more than one ``/`` is refused
    before any arithmetic, so a million digits or ``1/1/1/…`` cannot cost time."""
    if len(token) > _MAX_TOKEN:
        raise AnswerParseError(f"a number of {len(token)} characters is too long to be an "
                               "answer", f"一个 {len(token)} 个字符的数太长了，不可能是答案")
    t = normalize(token)
    if _PLAIN.match(t):
        return Num(_finite(float(t), token), None, sig_figs(t.lower().split("e")[0]))
    t = _PREFIX.sub("", t).replace(" ", "").rstrip(".")
    if "/" in t:
        if t.count("/") > 1:
            raise _not_a_number(token)
        num, _, den = t.partition("/")
        d = read_number(den)
        if d.value == 0.0:
            raise AnswerParseError(f"division by zero in {token!r}", f"{token!r} 中除以了 0")
        n = read_number(num)
        return Num(_finite(n.value / d.value, token), n.unit or d.unit, EXACT)
    t = t.replace("E", "e")
    for pattern in (_SHIFT, _POWER):
        m = pattern.match(t)
        if m is not None:
            sign, base, exp, suffix = m.groups()
            if abs(int(exp)) > 1000:
                raise _out_of_range(token)
            try:
                value = float(int(base) << int(exp)) if pattern is _SHIFT else \
                    float(base) ** int(exp)
            except OverflowError:
                raise _out_of_range(token) from None
            return _with_suffix(-value if sign == "-" else value, suffix, token, EXACT)
    m = _SCALAR.match(t)
    if m is None:
        raise _not_a_number(token)
    sign, digits, exp, base, power, suffix = m.groups()
    if abs(int(exp or 0)) > 300 or abs(int(power or 0)) > 1000:
        raise _out_of_range(token)
    try:
        value = float(digits.replace(",", "")) * 10.0 ** int(exp or 0)
        if base is not None:
            value *= float(base) ** int(power)
    except OverflowError:
        raise _out_of_range(token) from None
    sig = sig_figs(digits) if base in (None, "10") else EXACT  # 1.5×2^20 is exact as typed
    return _with_suffix(-value if sign == "-" else value, suffix, token, sig)


def parse_scalar(token: str) -> float:
    """One plain number: ``1.2M``, ``12.5%`` (a hundredth), ``4.2B`` (billions), ``1/9``."""
    num = read_number(token)
    if num.unit is None:
        return num.value
    if num.unit.name == "%":
        return num.value * 0.01
    if num.unit.name == "B":
        return num.value * 1e9
    raise AnswerParseError(f"{token.strip()!r} has a unit where a plain number is expected",
                           f"{token.strip()!r} 带了单位，这里要的是一个纯数")
