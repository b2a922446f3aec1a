"""Parse what people type into numbers: tolerant of notation, strict about meaning.

Accepted: ``(8, 64, 56, 56)``, ``8x64x56x56``, ``8×64×56×56``, ``[8,64,56,56]``,
full-width punctuation, scientific notation, ``1.2e-3``, ``1.2×10^6``, suffixes
``K M G B T 万 亿 %``, thousands separators (``138,357,544``) for single numbers,
fractions ``1/9``, labels such as ``tx=0.1``, matrices as nested lists or rows separated
by ``;`` or newlines, and choice letters. Anything else raises ``AnswerParseError``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from engine.questions.base import AnswerType


class AnswerParseError(ValueError):
    """The text could not be read as an answer of the requested type."""


@dataclass(frozen=True)
class Parsed:
    """A parsed answer in the same flat form as ``base.Answer``."""

    values: tuple[float, ...] = ()
    cols: int = 0
    letter: str = ""


_SUFFIX = {
    "": 1.0, "k": 1e3, "K": 1e3, "千": 1e3, "M": 1e6, "百万": 1e6, "千万": 1e7,
    "G": 1e9, "B": 1e9, "T": 1e12, "万": 1e4, "亿": 1e8, "%": 0.01,
}
_SCALAR = re.compile(
    r"^([+-]?)(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+\.?\d*|\.\d+)"
    r"(?:e([+-]?\d+))?"
    r"(?:[x×*·]10\^?([+-]?\d+))?"
    r"(k|K|千|M|百万|千万|G|B|T|万|亿|%)?$"
)
_PLAIN = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?$")
_LABEL = re.compile(r"[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff']*\s*[=:]")
_PREFIX = re.compile(r"^(?:≈|~|约|大约|about|approx\.?)\s*", re.IGNORECASE)
_TIMES = re.compile(r"(?<=[\d.])\s*[x×X*]\s*(?=[+\-]?[\d.])")
_SEP = re.compile(r"[,;\s]+")
_WORDS = re.compile(r"\b(?:and|or)\b|和|与|以及|及", re.IGNORECASE)
_EMPTY = {"", "{}", "[]", "()", "∅", "none", "empty", "无", "空", "空集"}
_MAX_LEN = 10_000


_ASCII_MAP = str.maketrans({"−": "-", "–": "-", "—": "-", "、": ",", "。": ".", "【": "[",
                            "】": "]", "〔": "(", "〕": ")", "\r": None})


def normalize(text: str) -> str:
    """Full-width to ASCII (NFKC), Chinese punctuation and minus signs to ASCII, trimmed."""
    if text.isascii():
        return text.replace("\r", "").strip()
    return unicodedata.normalize("NFKC", text).translate(_ASCII_MAP).strip()


def parse_scalar(token: str) -> float:
    """One number, with suffixes, exponent, thousands separators or a fraction a/b."""
    t = normalize(token)
    if _PLAIN.match(t):
        fast = float(t)
        if math.isfinite(fast):
            return fast
        raise AnswerParseError(f"{token.strip()!r} is not a finite number")
    t = _PREFIX.sub("", t).replace(" ", "").rstrip(".")
    t = t.replace("E", "e")
    if "/" in t:
        num, _, den = t.partition("/")
        d = parse_scalar(den)
        if d == 0.0:
            raise AnswerParseError(f"division by zero in {token!r}")
        return parse_scalar(num) / d
    if t.startswith("10^") or t.startswith("10**"):
        t = "1×10^" + t.split("^", 1)[-1] if "^" in t else "1×10^" + t[4:]
    m = _SCALAR.match(t.replace("**", "^"))
    if m is None:
        raise AnswerParseError(f"{token.strip()!r} is not a number")
    sign, digits, exp, exp10, suffix = m.groups()
    power = int(exp or 0) + int(exp10 or 0)
    if abs(power) > 300:
        raise AnswerParseError(f"{token.strip()!r} is out of range")
    value = float(digits.replace(",", "")) * 10.0**power * _SUFFIX[suffix or ""]
    if not math.isfinite(value):
        raise AnswerParseError(f"{token.strip()!r} is not a finite number")
    return -value if sign == "-" else value


def _wraps(t: str) -> bool:
    """True when t[0] opens a bracket that closes exactly at t[-1]."""
    if len(t) < 2 or t[0] not in "([{" or t[-1] not in ")]}":
        return False
    depth = 0
    for i, ch in enumerate(t):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0 and i < len(t) - 1:
                return False
    return depth == 0


def _strip_brackets(text: str) -> str:
    t = text.strip()
    while _wraps(t):
        t = t[1:-1].strip()
    return t


def parse_numbers(text: str) -> tuple[float, ...]:
    """An ordered sequence: brackets optional; separators , ; whitespace x × *."""
    t = _LABEL.sub(" ", _WORDS.sub(",", normalize(text)))
    t = _strip_brackets(t)
    t = _TIMES.sub(",", t)
    tokens = [tok for tok in _SEP.split(t.replace("(", " ").replace(")", " ")) if tok]
    if not tokens:
        raise AnswerParseError("no numbers found")
    return tuple(parse_scalar(tok) for tok in tokens)


def parse_single(text: str) -> float:
    """A single number; thousands separators allowed; labels such as ``loss=`` ignored."""
    t = _LABEL.sub("", normalize(text)).strip()
    t = _strip_brackets(t)
    try:
        return parse_scalar(t)
    except AnswerParseError:
        values = parse_numbers(t)
        if len(values) != 1:
            raise AnswerParseError("expected a single number") from None
        return values[0]


def parse_set(text: str) -> tuple[float, ...]:
    """Non-negative integer indices in any order; duplicates collapse."""
    t = normalize(text)
    if t.lower().strip("{}[]() ") in _EMPTY:
        return ()
    values = parse_numbers(t)
    if any(v < 0 or not float(v).is_integer() for v in values):
        raise AnswerParseError("indices must be non-negative integers")
    return tuple(sorted(set(values)))


def parse_matrix(text: str, cols_hint: int = 0) -> tuple[tuple[float, ...], int]:
    """Rows as nested brackets or separated by ';' / newlines; returns (flat, cols)."""
    t = normalize(text)
    inner = _strip_brackets(t)
    groups = re.findall(r"[\[(]([^\[\]()]*)[\])]", inner)
    if groups:
        rows = [parse_numbers(g) for g in groups]
    else:
        parts = [p for p in re.split(r"[;\n|]", inner) if p.strip()]
        rows = [parse_numbers(p) for p in parts]
    if len(rows) == 1 and cols_hint > 0 and len(rows[0]) % cols_hint == 0:
        flat = rows[0]
        rows = [flat[i:i + cols_hint] for i in range(0, len(flat), cols_hint)]
    if not rows or any(len(r) != len(rows[0]) for r in rows):
        raise AnswerParseError("matrix rows must all have the same length")
    return tuple(v for r in rows for v in r), len(rows[0])


def parse_choice(text: str, choices: tuple[str, ...]) -> str:
    """One option letter, tolerating '(B)', 'B.', 'b', '选 B', 'option B'."""
    t = normalize(text).upper()
    t = re.sub(r"^(?:选项|选|答案|OPTION|ANSWER)\s*[:=]?\s*", "", t)
    t = re.sub(r"^[\s(\[]+|[\s)\].:]+$", "", t)
    if t in choices:
        return t
    raise AnswerParseError("expected one option letter")


def parse(text: str, answer_type: AnswerType, cols_hint: int = 0,
          choices: tuple[str, ...] = ()) -> Parsed:
    """Parse ``text`` as ``answer_type``; raises ``AnswerParseError`` on failure."""
    if len(text) > _MAX_LEN:
        raise AnswerParseError("the answer is too long")
    if not text.strip():
        raise AnswerParseError("the answer is empty")
    if answer_type in ("integer", "real"):
        return Parsed((parse_single(text),))
    if answer_type in ("shape", "list"):
        return Parsed(parse_numbers(text))
    if answer_type == "set":
        return Parsed(parse_set(text))
    if answer_type == "matrix":
        flat, cols = parse_matrix(text, cols_hint)
        return Parsed(flat, cols)
    return Parsed(letter=parse_choice(text, choices))
