"""Compare a parsed answer with an expected one: units, tolerance, partial credit, display.

Integers and shapes are exact (unless the kind states a relative tolerance, or the
rounding policy for large counts: within 0.5% with at least 3 significant figures). A real
is right when the answer, rounded to the stated decimals, is a valid rounding of the
expected value. Partial credit only where the answer has independent parts: lists (two
quantities asked) and matrices earn the fraction of entries that are right, sets the
Jaccard overlap; a shape is one answer, right only when every dimension is. Typed units
are converted into the answer's units first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from engine.questions.answers.parse import Parsed
from engine.questions.answers.units import COUNTABLE, UNITS, Unit, compatible, counterpart
from engine.questions.base import Answer
from engine.questions.text import num

APPROX_MIN = 1e6      # the rounding policy applies to counts of at least a million
APPROX_REL = 0.005    # within 0.5%
APPROX_SIG = 3        # given with at least 3 significant figures
_SCALE_NEAR = (1 / 1.2, 1.2)  # unit ratios judged in the typed unit too (GB ↔ GiB, TB ↔ TiB)
_SHOWN_UNITS = {"FLOPs", "MACs", "%", "ms", "s",
                *(n for n, u in UNITS.items() if u.dim == "bytes")}


@dataclass(frozen=True)
class Match:
    """Whether an answer is right, its partial-credit score in [0, 1], and whether it was
    right only under the rounding policy (so the exact value is worth showing)."""

    correct: bool
    score: float
    rounded: bool = False


class UnitMismatch(ValueError):
    """A typed unit of another dimension than the question's (FLOPs for a parameter count)."""

    def __init__(self, typed: Unit, dim: str) -> None:
        super().__init__(f"{typed.name} for {dim or 'a plain number'}")
        self.typed = typed
        self.dim = dim


def _dim(answer: Answer, i: int) -> tuple[str, float]:
    name = answer.unit_at(i)
    if not name:
        return "", 1.0
    unit = UNITS[name]
    return unit.dim, unit.factor


def to_answer_units(expected: Answer, got: Parsed, swap_prefix: bool = False) -> Parsed:
    """``got`` with every typed unit converted into the expected answer's units.

    A bare ``B`` means bytes where bytes are asked for and billions elsewhere; ``%`` on a
    plain number is a hundredth; a count word (``px``, ``samples``, ``个``) on a plain number
    changes nothing. Where the answer is a count stated in billions, a bare count of a
    million or more (``3.33e9``, ``33.3亿``) is read as a count and converted. ``swap_prefix``
    reads each byte unit with the other family of prefixes (GB as GiB), to recognise that
    mistake. ``scales`` records, per entry, how much larger the typed unit is than the
    asked one (so a converted value is judged at the stated precision in its own unit).
    Raises ``UnitMismatch``.
    """
    if not got.units:
        if expected.units and any(UNITS[n].factor >= 1e6 and UNITS[n].dim in COUNTABLE
                                  for n in expected.units if n):
            return _billions(expected, got)
        return got
    values = list(got.values)
    scales = [1.0] * len(values)
    for i, unit in enumerate(got.units):
        if i >= len(values):
            continue
        dim, factor = _dim(expected, i)
        if unit is None:
            if dim in COUNTABLE and factor >= 1e6 and abs(values[i]) >= 1e6:
                values[i] /= factor
            continue
        if unit.name == "B" and dim != "bytes":
            values[i] *= 1e9 / factor
            continue
        if swap_prefix:
            unit = counterpart(unit) or unit
        if not dim:
            if unit.name != "%" and unit.dim not in COUNTABLE:
                raise UnitMismatch(unit, dim)
            values[i] *= unit.factor
            continue
        if not compatible(unit, dim):
            raise UnitMismatch(unit, dim)
        values[i] *= unit.factor / factor
        scales[i] = unit.factor / factor
    return replace(got, values=tuple(values), units=(), scales=tuple(scales))


def _billions(expected: Answer, got: Parsed) -> Parsed:
    """Bare counts of a million or more, for an answer counted in billions, in billions."""
    values = list(got.values)
    for i in range(len(values)):
        dim, factor = _dim(expected, i)
        if dim in COUNTABLE and factor >= 1e6 and abs(values[i]) >= 1e6:
            values[i] /= factor
    return replace(got, values=tuple(values))


def prefix_family_used(got: Parsed) -> Unit | None:
    """The first byte unit with a decimal or binary prefix in the answer, if any."""
    return next((u for u in got.units if u is not None and u.family), None)


def noise(expected: float) -> float:
    """The float noise an exact value may carry: relative 1e-9, but below one unit wherever
    floats still resolve units (under 2^53), so an exact count is never off by one."""
    tol = 1e-9 * max(1.0, abs(expected))
    return min(tol, 0.25) if abs(expected) < 2.0**53 else tol


def close(user: float, expected: float, decimals: int | None, rel_tol: float,
          scale: float = 1.0) -> bool:
    """One entry: exact (or within rel_tol) for integers, rounding rule for reals.

    ``scale`` is the typed unit over the asked one; for the other prefix family (GiB typed
    for GB, within a factor of 1.2) the rounding rule also holds in the typed unit, so
    ``447.03 GiB`` is right for ``480.00 GB`` at 2 decimals."""
    if scale != 1.0 and decimals is not None and _SCALE_NEAR[0] <= scale <= _SCALE_NEAR[1] \
            and close(user / scale, expected / scale, decimals, rel_tol):
        return True
    if rel_tol > 0.0 and abs(user - expected) <= rel_tol * abs(expected):
        return True
    if decimals is None:  # float noise only: never a whole unit, even for 7,241,732,096
        return abs(user - expected) <= noise(expected)
    half = 0.5 * 10.0 ** (-decimals)
    return abs(round(user, decimals) - expected) <= half * (1.0 + 1e-9) + 1e-12


def _approx(user: float, expected: float, sig: int) -> bool:
    """The rounding policy for large counts."""
    return (abs(expected) >= APPROX_MIN and sig >= APPROX_SIG
            and abs(user - expected) <= APPROX_REL * abs(expected))


def compare(expected: Answer, got: Parsed) -> Match:
    """Judge ``got`` (already in the answer's units) with the expected answer's tolerance."""
    kind = expected.type
    if kind == "choice":
        ok = got.letter == expected.letter
        return Match(ok, 1.0 if ok else 0.0)
    if kind == "set":
        want, have = set(expected.values), set(got.values)
        union = want | have
        score = len(want & have) / len(union) if union else 1.0
        return Match(want == have, score)
    if kind == "matrix" and got.cols != expected.cols:
        return Match(False, 0.0)
    if len(got.values) != len(expected.values):
        return Match(False, 0.0)
    if kind in ("integer", "real") and not expected.approx:  # the common single number
        ok = close(got.values[0], expected.values[0], expected.decimals, expected.rel_tol,
                   got.scale(0))
        return Match(ok, 1.0 if ok else 0.0)
    d = expected.decimals if kind != "shape" else None
    hits: list[bool] = []
    rounded = False
    for i, (u, e) in enumerate(zip(got.values, expected.values, strict=True)):
        hit = close(u, e, d, expected.rel_tol, got.scale(i))
        if not hit and expected.approx and _approx(u, e, got.sig(i)):
            hit = rounded = True
        hits.append(hit)
    n = max(1, len(hits))
    if kind in ("integer", "real", "shape"):  # one value: no credit for a part of it
        return Match(all(hits), 1.0 if all(hits) else 0.0, rounded and all(hits))
    return Match(all(hits), sum(hits) / n, rounded and all(hits))


def _is_count(value: float, answer: Answer) -> bool:
    """Large whole numbers in a list of reals (a parameter count beside a percentage) are
    exact counts, written without decimals, as a person would."""
    return (answer.type == "list" and answer.decimals is not None
            and float(value).is_integer() and abs(value) >= 1000)


def _unit_suffix(answer: Answer, i: int) -> str:
    name = answer.unit_at(i)
    if name not in _SHOWN_UNITS:
        return ""
    return name if name == "%" else f" {name}"


def display(answer: Answer) -> str:
    """The answer as a person would type it (with its unit where the unit is a symbol)."""
    d = answer.decimals
    vals = answer.values
    if answer.type == "choice":
        return answer.letter
    if answer.type in ("integer", "real"):
        return _num(vals[0], d, answer) + _unit_suffix(answer, 0)
    if answer.type == "shape":
        return "(" + ", ".join(num(v) for v in vals) + ")"
    if answer.type == "set":
        return "{" + ", ".join(num(v) for v in vals) + "}"
    if answer.type == "matrix":
        c = max(1, answer.cols)
        rows = [vals[i:i + c] for i in range(0, len(vals), c)]
        return "[" + ", ".join("[" + ", ".join(num(v, d) for v in r) + "]" for r in rows) + "]"
    return "[" + ", ".join(_num(v, None if _is_count(v, answer) else d, answer)
                           + _unit_suffix(answer, i) for i, v in enumerate(vals)) + "]"


def _num(value: float, decimals: int | None, answer: Answer) -> str:
    """A number as typed; very large approximate counts in scientific notation (8.4e+22),
    still within the rounding policy (6 significant figures)."""
    if (answer.approx or answer.rel_tol > 0) and decimals is None and abs(value) >= 1e15:
        return f"{value:.6g}"
    return num(value, decimals)
