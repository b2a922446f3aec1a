"""Units people write after a number, and what each one means.

A unit has a dimension (bytes, FLOPs, parameters, iterations, ...) and a factor to the
dimension's base (1 GiB = 2^30 bytes, 1 MAC = 2 FLOPs under the convention the prompts
state). An answer declares the unit its values are in; a typed unit of the same dimension
is converted, a unit of another dimension is a named mistake, and a byte unit with the
other family of prefixes (GB for GiB) is the named prefix mistake.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from engine.questions.text import Bi


@dataclass(frozen=True)
class Unit:
    """A unit: canonical name, dimension, factor to the dimension's base, prefix family."""

    name: str
    dim: str
    factor: float
    family: str = ""  # "dec" or "bin" for byte units with a prefix


_BYTES = {
    "B": 1.0, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15,
    "KiB": 2.0**10, "MiB": 2.0**20, "GiB": 2.0**30, "TiB": 2.0**40, "PiB": 2.0**50,
}
_DEC_TO_BIN = {"KB": "KiB", "MB": "MiB", "GB": "GiB", "TB": "TiB", "PB": "PiB"}
_BIN_TO_DEC = {b: d for d, b in _DEC_TO_BIN.items()}

UNITS: dict[str, Unit] = {
    name: Unit(name, "bytes", f, "dec" if name in _DEC_TO_BIN else
               ("bin" if name in _BIN_TO_DEC else "")) for name, f in _BYTES.items()
}
UNITS.update({
    "FLOPs": Unit("FLOPs", "flops", 1.0),
    "MACs": Unit("MACs", "flops", 2.0),  # the prompts state 1 multiply-add = 2 FLOPs
    "params": Unit("params", "params", 1.0),
    "iters": Unit("iters", "iters", 1.0),
    "tokens": Unit("tokens", "tokens", 1.0),
    "samples": Unit("samples", "samples", 1.0),
    "count": Unit("count", "count", 1.0),
    "%": Unit("%", "ratio", 0.01),
    "ratio": Unit("ratio", "ratio", 1.0),
    "ms": Unit("ms", "time", 1e-3),
    "s": Unit("s", "time", 1.0),
    "min": Unit("min", "time", 60.0),
    "h": Unit("h", "time", 3600.0),
    "days": Unit("days", "time", 86400.0),
    "years": Unit("years", "time", 365.0 * 86400.0),
    "us": Unit("µs", "time", 1e-6),
    "ns": Unit("ns", "time", 1e-9),
    "px": Unit("px", "pixels", 1.0),
    "sequences": Unit("sequences", "samples", 1.0),
    "nats": Unit("nats", "info", 1.0),
    "bits": Unit("bits", "info", math.log(2.0)),
    # a count stated in billions ("how many B (10^9) parameters"): 3.33 = 3.33B = 33.3亿
    "billion": Unit("billion", "params", 1e9),
})

# Words people type for each unit (matched case-insensitively unless listed in _EXACT).
_WORDS: dict[str, tuple[str, ...]] = {
    "B": ("byte", "bytes", "字节", "个字节"),
    "FLOPs": ("flops", "flop", "次浮点运算"),
    "MACs": ("macs", "mac", "madds", "macc", "maccs", "乘加", "次乘加"),
    "params": ("params", "param", "parameters", "parameter", "参数", "个参数"),
    "iters": ("iterations", "iteration", "iters", "iter", "its", "steps", "step", "次", "步",
              "次迭代", "步迭代", "updates"),
    "tokens": ("tokens", "token", "个token"),
    "samples": ("samples", "sample", "样本", "个样本", "条样本"),
    "sequences": ("sequences", "sequence", "seqs", "seq", "条序列", "个序列", "条"),
    "count": ("个", "gpus", "gpu", "张", "张卡", "块", "块卡", "cards", "card", "卡", "个gpu",
              "张gpu", "块gpu", "台", "台gpu", "devices", "device"),
    "px": ("px", "pixel", "pixels", "像素", "个像素"),
    "nats": ("nats", "nat", "奈特"),
    "bits": ("bits", "bit", "比特"),
    "%": ("%", "percent", "pct"),
    "ms": ("ms", "msec", "millisecond", "milliseconds", "毫秒"),
    "s": ("s", "sec", "secs", "second", "seconds", "秒"),
    "min": ("min", "mins", "minute", "minutes", "分钟"),
    "h": ("h", "hr", "hrs", "hour", "hours", "小时"),
    "days": ("d", "day", "days", "天"),
    "years": ("y", "yr", "yrs", "year", "years", "年"),
    "us": ("us", "μs", "µs", "usec", "microsecond", "microseconds", "微秒"),
    "ns": ("ns", "nanosecond", "nanoseconds", "纳秒"),
}
_LOOKUP = {w.lower(): name for name, words in _WORDS.items() for w in words}
_BYTE_UNIT = re.compile(r"^([kmgtp])(i?)b$", re.IGNORECASE)
# Multipliers that may stand before a unit word ("7B params", "1.5万次", "340M FLOPs").
MULTIPLIERS = {
    "k": 1e3, "K": 1e3, "千": 1e3, "M": 1e6, "百万": 1e6, "千万": 1e7, "G": 1e9, "B": 1e9,
    "T": 1e12, "P": 1e15, "万": 1e4, "亿": 1e8,
}
# Multiplier words, matched case-insensitively, alone or before a unit ("3.2 billion tokens").
_MULTIPLIER_WORDS = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
                     "trillion": 1e12}
# Prefixes that only stand before a unit (an "E" alone would be an exponent): EFLOPs, ZFLOPs.
_UNIT_PREFIXES = {"E": 1e18, "e": 1e18, "Z": 1e21, "z": 1e21}
COUNTABLE = {"params", "iters", "tokens", "samples", "count", "pixels"}


def lookup(word: str) -> Unit | None:
    """The unit a word names: ``GiB``, ``gb``, ``bytes``, ``FLOPs``, ``次``... or None."""
    if word in ("B", "b"):
        return UNITS["B"] if word == "B" else None
    m = _BYTE_UNIT.match(word)
    if m is not None:
        prefix = m.group(1).upper()
        return UNITS[f"{prefix}iB" if m.group(2) else f"{prefix}B"]
    name = _LOOKUP.get(word.lower())
    return UNITS[name] if name is not None else None


def split_suffix(suffix: str) -> tuple[float, Unit | None] | None:
    """Read what follows the digits: a multiplier, a unit, or a multiplier and a unit.

    ``"GiB"`` → (1, GiB); ``"M"`` → (1e6, None); ``"GFLOPs"`` → (1e9, FLOPs);
    ``"万次"`` → (1e4, iters). ``"B"`` alone is returned as the byte unit: the caller
    decides from the question whether it meant bytes or billions. None when unknown.
    """
    if not suffix:
        return 1.0, None
    unit = lookup(suffix)
    if unit is not None:
        return 1.0, unit
    if suffix in MULTIPLIERS:
        return MULTIPLIERS[suffix], None
    lower = suffix.lower()
    for word, scale in _MULTIPLIER_WORDS.items():
        if lower.startswith(word):
            tail = suffix[len(word):]
            unit = lookup(tail) if tail else None
            if not tail or (unit is not None and unit.dim != "bytes"):
                return scale, unit
    for size in (2, 1):
        head, tail = suffix[:size], suffix[size:]
        if not tail:
            continue
        unit = lookup(tail)
        if unit is None or unit.dim == "bytes":
            continue
        if head in MULTIPLIERS:
            return MULTIPLIERS[head], unit
        if head in _UNIT_PREFIXES and unit.dim == "flops":
            return _UNIT_PREFIXES[head], unit
    return None


def counterpart(unit: Unit) -> Unit | None:
    """The same prefix in the other family: GB ↔ GiB, MiB ↔ MB."""
    other = _DEC_TO_BIN.get(unit.name) or _BIN_TO_DEC.get(unit.name)
    return UNITS[other] if other else None


_DIM_NAMES = {
    "": Bi("一个不带单位的数", "a plain number without a unit"),
    "bytes": Bi("字节数（显存/内存大小）", "a size in bytes"),
    "flops": Bi("计算量（FLOPs/MACs）", "an amount of compute (FLOPs/MACs)"),
    "params": Bi("参数个数", "a parameter count"),
    "iters": Bi("迭代（步）数", "a number of iterations (steps)"),
    "tokens": Bi("token 数", "a number of tokens"),
    "samples": Bi("样本数", "a number of samples"),
    "ratio": Bi("比例（或百分比）", "a ratio (or percentage)"),
    "time": Bi("时间", "a time"),
    "pixels": Bi("像素数", "a number of pixels"),
    "info": Bi("信息量（nats/bits）", "an amount of information (nats/bits)"),
}


def dim_name(dim: str) -> Bi:
    """What a dimension is called in a diagnosis."""
    return _DIM_NAMES.get(dim, Bi(dim, dim))


def compatible(typed: Unit, dim: str) -> bool:
    """Whether a typed unit can be converted into an answer of dimension ``dim``."""
    if typed.dim == dim:
        return True
    return typed.dim == "count" and dim in COUNTABLE
