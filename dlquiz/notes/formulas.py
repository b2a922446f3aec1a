"""LaTeX in notes -> readable Unicode for the terminal (`x^{2}` -> `x²`, `\\frac{a}{b}` -> `a/b`).

The stored answer keeps the LaTeX; this is only for display.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_SUPER = dict(zip("0123456789+-=()nijktTx", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱʲᵏᵗᵀˣ", strict=True))
_SUB = dict(zip("0123456789+-=()aeijklmnoprstx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜₓ", strict=True))
_SCRIPT = re.compile(r"(?P<macro>\\[A-Za-z]+)?(?P<op>[\^_])"
                     r"(?:\{(?P<group>[^{}]*)\}|(?P<single>[A-Za-z0-9]))")
_DISPLAY = re.compile(r"\$\$(?P<body>.+?)\$\$", re.DOTALL)
_INLINE = re.compile(r"(?<![\\$])\$(?P<body>[^$\n]+?)\$(?!\$)")
_FENCE = re.compile(r"^(```|~~~).*?^\1\s*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"`[^`\n]+`")


@lru_cache(maxsize=1)
def _converter() -> Any:
    import logging

    from pylatexenc.latex2text import LatexNodes2Text  # deferred: only `show` and the TUI need it

    logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)  # broken LaTeX is shown as-is
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


def _scripts(latex: str) -> str:
    """Turn sub/superscripts that Unicode can spell into the real characters first."""

    def replace(match: re.Match[str]) -> str:
        body = match.group("group") if match.group("group") is not None else match.group("single")
        table = _SUPER if match.group("op") == "^" else _SUB
        body = body.strip()
        if body and all(ch in table for ch in body):
            # `\theta_t`: close the macro name first, or `ₜ` would be read as part of it
            macro = match.group("macro")
            return (f"{macro}{{}}" if macro else "") + "".join(table[ch] for ch in body)
        return match.group(0)

    return _SCRIPT.sub(replace, latex)


def _group(latex: str, start: int) -> tuple[str, int] | None:
    """The balanced `{...}` group starting at `start` (after spaces): its body and end index."""
    i = start
    while i < len(latex) and latex[i] == " ":
        i += 1
    if i >= len(latex) or latex[i] != "{":
        return None
    depth = 0
    for j in range(i, len(latex)):
        depth += {"{": 1, "}": -1}.get(latex[j], 0)
        if depth == 0:
            return latex[i + 1 : j], j + 1
    return None


def _fractions(latex: str) -> str:
    """`\\frac{a+b}{c}` -> `(a+b)/c`: pylatexenc drops the brackets a reader needs."""
    out: list[str] = []
    i = 0
    while True:
        k = latex.find("\\frac", i)
        if k < 0:
            out.append(latex[i:])
            return "".join(out)
        num = _group(latex, k + 5)
        den = _group(latex, num[1]) if num else None
        if num is None or den is None:
            out.append(latex[i : k + 5])
            i = k + 5
            continue
        parts = []
        for body in (_fractions(num[0]), _fractions(den[0])):
            simple = re.fullmatch(r"\\?[A-Za-z0-9_^{}]+", body.strip())
            parts.append(body if simple else f"({body})")
        out.append(latex[i:k] + f"{{{parts[0]}}}/{{{parts[1]}}}")
        i = den[1]


_FUNCTIONS = re.compile(r"\\(tanh|sinh|cosh|sin|cos|tan|log|ln|exp|max|min|arg|det|lim|sup|inf)"
                        r"(?![A-Za-z])")


def latex_to_unicode(latex: str) -> str:
    """One formula's LaTeX as plain Unicode text; falls back to the source if it can't parse."""
    latex = _FUNCTIONS.sub(r"\1", latex)  # `\tanh x` must not become `tanhx`
    try:
        text = str(_converter().latex_to_text(_scripts(_fractions(latex))))
    except Exception:  # pylatexenc raises assorted errors on broken LaTeX; show the source
        return latex
    if "%s" in text and "%s" not in latex:  # a macro that lost its arguments
        return latex
    text = re.sub(r"\s+([⌉⌋)\]])", r"\1", text)  # pylatexenc pads \rceil and friends
    return re.sub(r"[ \t]{2,}", " ", text).strip()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _escape(formula: str) -> str:
    """Formula text goes back into markdown: its `*`, `_`, `[`… must stay literal, and a
    display formula must not start a list or heading."""
    escaped = _MD_SPECIAL.sub(r"\\\1", formula)
    return "\\" + escaped if escaped[:1] in {"-", "+"} else escaped


def render_formulas(markdown: str) -> str:
    """Replace `$$…$$` and `$…$` in markdown with Unicode, leaving code untouched."""
    protected: list[str] = []

    def protect(match: re.Match[str]) -> str:
        protected.append(match.group(0))
        return f"\x00{len(protected) - 1}\x00"

    text = _FENCE.sub(protect, markdown)
    text = _CODE_SPAN.sub(protect, text)
    text = _DISPLAY.sub(lambda m: "\n\n" + _escape(latex_to_unicode(m.group("body"))) + "\n\n",
                        text)
    text = _INLINE.sub(lambda m: _escape(latex_to_unicode(m.group("body"))), text)
    return re.sub("\x00(\\d+)\x00", lambda m: protected[int(m.group(1))], text)
