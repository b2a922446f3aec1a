"""The pieces of a LaTeX formula: its tokens and the small tree tex_parse builds from them.

Only what notes use is understood; anything else raises `Unfaithful`, and the caller then
shows the formula's source instead of a rendering that might change its meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dlquiz.notes import tex_symbols as sym


class Unfaithful(Exception):
    """This formula cannot be shown as Unicode without changing or dropping something."""


@dataclass(frozen=True)
class Tok:
    kind: str  # "cmd" (\name or \x), "char", "space", "softspace", "{", "}", "^", "_", "&"
    text: str


def tokenize(src: str) -> list[Tok]:
    """Commands, characters (a run of digits with its decimal point is one), spaces."""
    toks: list[Tok] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        j = i + 1
        if ch == "\\":
            if j >= n:
                raise Unfaithful("a lone backslash")
            while j < n and src[j].isascii() and src[j].isalpha():
                j += 1
            if j > i + 1:  # a control word: the spaces that end its name are "soft"
                toks.append(Tok("cmd", src[i:j]))
                k = j
                while j < n and src[j] in " \t\n\r":
                    j += 1
                if j > k:
                    toks.append(Tok("softspace", " "))
            else:
                j = i + 2
                toks.append(Tok("cmd", src[i:j]))
        elif ch.isspace() or ch == "~":
            while j < n and src[j].isspace():
                j += 1
            toks.append(Tok("space", " "))
        elif ch in "{}^_&":
            toks.append(Tok(ch, ch))
        elif ch.isdigit():
            while j < n and (src[j].isdigit() or (src[j] == "." and j + 1 < n
                                                   and src[j + 1].isdigit())):
                j += 1
            toks.append(Tok("char", src[i:j]))
        else:
            toks.append(Tok("char", ch))
        i = j
    return toks


@dataclass
class Sym:
    text: str
    cls: str


@dataclass
class Group:
    items: list[Node]


@dataclass
class Script:
    base: Node | None
    sub: Node | None = None
    sup: Node | None = None
    sup_first: bool = False  # `x^2_i` is shown `x²ᵢ`: scripts keep the order they were written


@dataclass
class Frac:
    num: Node
    den: Node


@dataclass
class Sqrt:
    body: Node
    index: Node | None = None


@dataclass
class Text:
    """Upright text: `\\text{…}` (verbatim), or a name set in roman (`\\mathrm{ReLU}`)."""

    text: str
    cls: str = sym.WORD


@dataclass
class Styled:
    font: str  # "bb", "cal", "frak", "bf", "rm"
    body: Node


@dataclass
class Accent:
    name: str
    body: Node


@dataclass
class Fenced:
    left: str
    body: list[Node]
    right: str


@dataclass
class Matrix:
    env: str
    rows: list[list[list[Node]]] = field(default_factory=list)


@dataclass
class Annotated:
    """`\\underbrace{x}_{label}`, `\\overbrace`, `\\xrightarrow{label}`."""

    kind: str
    body: Node | None
    label: Node | None = None


@dataclass
class Binom:
    top: Node
    bottom: Node


Node = (Sym | Group | Script | Frac | Sqrt | Text | Styled | Accent | Fenced | Matrix | Annotated
        | Binom)
