"""Join the pieces of a formula into one line: which spaces stay, where brackets are needed.

A piece (tex_render makes one per node) knows its text, its class and, when a neighbour
could change how it reads, a bracketed `guarded` form; the rules here pick one.
"""

from __future__ import annotations

from dataclasses import dataclass

from dlquiz.notes import tex_symbols as sym

OPERANDS = {sym.ORD, sym.ATOM, sym.FRAC, sym.WORD}
SPACING = {sym.SPACE, sym.HSPACE}
_OPENING = frozenset("([{|‖⌈⌊⟨ ′″")


@dataclass
class Piece:
    text: str
    cls: str
    atomic: bool = True  # one operand: needs no brackets as a numerator, base or radicand
    guarded: str | None = None  # the text to use when an operand touches it

    script_guard: bool = False  # the guard brackets a script (`L_(cls)`), not an operand

    def starts_operand(self) -> bool:
        if self.cls == sym.WORD:  # `\\text{: …}` is punctuation, not a factor
            return self.text[:1].isalnum()
        return self.cls in OPERANDS | {sym.OPEN, sym.FUNC, sym.BIG}

    def ends_operand(self) -> bool:
        if self.cls == sym.WORD:
            return self.text[-1:].isalnum()
        return self.cls in OPERANDS | {sym.CLOSE}


def _drop_spaces(parts: list[Piece]) -> list[Piece]:
    """Source spaces between two operands, after an opening or before a closing bracket go
    (`\\pi t` -> `πt`, `\\lceil N \\rceil` -> `⌈N⌉`); the others stay, and a run of spaces
    keeps its widest member (`\\qquad` separates more than `\\,`)."""
    out: list[Piece] = []
    following: list[Piece | None] = [None] * (len(parts) + 1)  # next piece that is no space
    for i in range(len(parts) - 1, -1, -1):
        following[i] = following[i + 1] if parts[i].cls in SPACING else parts[i]
    for i, part in enumerate(parts):
        if part.cls not in SPACING:
            out.append(part)
            continue
        if out and out[-1].cls in SPACING:
            if len(part.text) > len(out[-1].text):
                out[-1] = Piece(part.text, sym.SPACE)
            continue
        before = out[-1] if out else None
        after = following[i + 1]
        if part.cls == sym.SPACE and before is not None and after is not None and (
                before.cls == sym.OPEN or after.cls == sym.CLOSE
                or (before.ends_operand() and after.cls in OPERANDS | {sym.OPEN}
                    and sym.WORD not in {before.cls, after.cls}
                    and (before.guarded is None or before.cls == sym.FRAC))):
            continue
        out.append(Piece(part.text or " ", sym.SPACE))
    return _balance(out)


def _balance(parts: list[Piece]) -> list[Piece]:
    """A binary operator or relation spaced on one side is spaced on both (`a \\cdot b` is
    `a · b`, whatever TeX did with the space that ended `\\cdot`); a sign is not
    (`= -∞`)."""
    out: list[Piece] = []
    for i, part in enumerate(parts):
        before = out[-1] if out else None
        after = parts[i + 1] if i + 1 < len(parts) else None
        binary = part.cls == sym.REL or (part.cls == sym.OP and before is not None and (
            before.ends_operand() or (before.cls == sym.SPACE and len(out) > 1
                                      and out[-2].ends_operand())))
        if binary and before is not None and after is not None:
            spaced = (before.cls == sym.SPACE, after.cls == sym.SPACE)
            if spaced == (True, False) and after.cls not in {sym.PUNCT, sym.CLOSE}:
                out.extend([part, Piece(" ", sym.SPACE)])
                continue
            if spaced == (False, True) and before.cls != sym.OPEN:
                out.extend([Piece(" ", sym.SPACE), part])
                continue
        out.append(part)
    return out


def _neighbour(parts: list[Piece], i: int, step: int) -> Piece | None:
    """The nearest piece before (step -1) or after (step 1) `i` that is not a space."""
    i += step
    while 0 <= i < len(parts) and parts[i].cls == sym.SPACE:
        i += step
    return parts[i] if 0 <= i < len(parts) else None


def _needs_guard(parts: list[Piece], i: int) -> bool:
    part = parts[i]
    if part.cls == sym.FRAC:
        return _frac_needs_brackets(_neighbour(parts, i, -1), _neighbour(parts, i, 1))
    after = parts[i + 1] if i + 1 < len(parts) else None
    if after is None:
        return False
    if part.script_guard:  # `L_cls x` or `L_cls(p)` would read as one subscript
        if part.cls in {sym.FUNC, sym.BIG}:  # `max_θ f`: a space will separate them
            return after.cls == sym.OPEN
        return after.cls == sym.OPEN or (after.cls not in {sym.WORD, sym.FUNC}
                                         and after.text[:1].isalnum())
    return after.starts_operand() and part.ends_operand()


def join(parts: list[Piece]) -> str:
    parts = _drop_spaces(parts)
    out: list[str] = []
    for i, part in enumerate(parts):
        text = part.guarded if part.guarded is not None and _needs_guard(parts, i) else part.text
        before = parts[i - 1] if i > 0 else None
        named = part.cls in {sym.FUNC, sym.WORD} or (
            before is not None and before.cls in {sym.FUNC, sym.WORD})
        if named and before is not None and out[-1][-1:].isalnum() and text[:1].isalnum():
            text = " " + text  # `\\sin\\theta` is `sin θ`, not `sinθ`
        elif before is not None and before.cls in {sym.FUNC, sym.BIG} and part.cls in \
                OPERANDS | {sym.FUNC, sym.BIG} and text[:1] not in _OPENING:
            text = " " + text  # `\\sum_i x_i` is `∑ᵢ xᵢ`, `\\max_\\theta f` is `max_θ f`
        if out and out[-1].endswith(" ") and text.startswith(" "):
            text = text.lstrip(" ")  # `C \\text{ 个}`: one space, not two
        out.append(text)
    return "".join(out)


def _frac_needs_brackets(before: Piece | None, after: Piece | None) -> bool:
    """A fraction next to an operand, a function name or another `/` is bracketed:
    `(17/16)C²`, `cos(πt/T)`, `λ(1/N)∑`, `(1/2)(x²+y²)`; after `=` or `+` it is not."""
    if before is not None and (before.ends_operand() or before.cls in {sym.FUNC, sym.BIG}
                               or before.text in {"/", "÷"}):
        return True
    return after is not None and (after.starts_operand() or after.text in {"/", "÷", "·", "×"})
