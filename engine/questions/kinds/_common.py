"""Text shared by several kinds: the output-size formula written out with the numbers."""

from __future__ import annotations

from engine.questions.text import Bi

CONV_FORMULA = Bi(
    r"公式：$H_{out} = \lfloor (H + 2p - d(k-1) - 1)/s \rfloor + 1$",
    r"Formula: $H_{out} = \lfloor (H + 2p - d(k-1) - 1)/s \rfloor + 1$",
)


def conv_size_line(label: str, size: int, k: int, s: int, p: int, d: int, out: int) -> Bi:
    """One worked line of the conv output-size formula."""
    num = size + 2 * p - d * (k - 1) - 1
    text = (f"${label}_{{out}} = \\lfloor ({size} + 2\\cdot{p} - {d}\\cdot({k}-1) - 1)/{s} "
            f"\\rfloor + 1 = \\lfloor {num}/{s} \\rfloor + 1 = {out}$")
    return Bi(text, text)
