"""Lay a parsed formula out as one line of Unicode that keeps its meaning.

Every node becomes a `Piece`: its text, its class (tex_symbols) and, where a neighbour can
change how it reads, a `guarded` form with brackets. `tex_layout.join` then decides,
looking at the neighbours: `\\frac{17}{16}C^2` needs `(17/16)C²` but `= 17/16`;
`\\sqrt{2}x` needs `√(2)x`; `L_{cls}x` needs `L_(cls)x`. Source spaces are kept around
operators and dropped between operands (`\\pi t` is `πt`); a named function is kept apart
from a letter (`tanh x`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from dlquiz.notes import tex_symbols as sym
from dlquiz.notes.tex_layout import SPACING, Piece, join
from dlquiz.notes.tex_nodes import (
    Accent,
    Annotated,
    Binom,
    Fenced,
    Frac,
    Group,
    Matrix,
    Node,
    Script,
    Sqrt,
    Styled,
    Sym,
    Text,
    Unfaithful,
)

_MATRIX = {"matrix": ("", ""), "smallmatrix": ("", ""), "array": ("", ""),
           "pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"),
           "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"), "cases": ("{", "}"),
           "dcases": ("{", "}")}


def render(nodes: list[Node], lines: str = "; ") -> str:
    """The formula as Unicode; rows of an `aligned` block or `\\\\` breaks become `lines`."""
    return join(pieces(nodes)).replace("\n", lines).strip()


def pieces(nodes: list[Node]) -> list[Piece]:
    return [piece(node) for node in nodes]


def piece(node: Node) -> Piece:
    if isinstance(node, Sym):
        return Piece(node.text, node.cls, atomic=node.cls in {sym.ORD, sym.ATOM})
    if isinstance(node, Group):
        return _group(node.items)
    if isinstance(node, Script):
        return _script(node)
    if isinstance(node, Frac):
        return _frac(node)
    if isinstance(node, Sqrt):
        return _sqrt(node)
    if isinstance(node, Text):
        return Piece(node.text, node.cls, atomic=_single_word(node.text))
    if isinstance(node, Styled):
        return _styled(node)
    if isinstance(node, Accent):
        return _accent(node)
    if isinstance(node, Fenced):
        inner = join(pieces(node.body)).replace("\n", "; ").strip()
        return Piece(f"{node.left}{inner}{node.right}", sym.ATOM)
    if isinstance(node, Matrix):
        return _matrix(node)
    if isinstance(node, Annotated):
        return _annotated(node, None)
    if isinstance(node, Binom):
        return Piece(f"({text_of(node.top)} choose {text_of(node.bottom)})", sym.ATOM)
    raise Unfaithful(f"cannot show {type(node).__name__}")


def text_of(node: Node) -> str:
    return join([piece(node)]).strip()


def _group(items: list[Node]) -> Piece:
    """A `{…}` group groups for TeX but shows nothing: `a{b+c}d` reads `ab+cd`, and `{,}`
    is an ordinary comma (`1{,}050`)."""
    parts = pieces(items)
    solid = [p for p in parts if p.cls not in SPACING]
    text = join(parts).strip()
    if len(solid) != 1:
        return Piece(text, sym.ORD, atomic=False)
    only = solid[0]
    if only.cls in {sym.FRAC, sym.FUNC, sym.BIG, sym.WORD, sym.ATOM}:
        return Piece(text, only.cls, atomic=only.atomic, guarded=only.guarded)
    return Piece(text, sym.ORD, guarded=only.guarded)


def _single_word(text: str) -> bool:
    """Letters and digits only, none of them already a script or font character."""
    return bool(text) and all(
        ch.isalnum() and not unicodedata.decomposition(ch).startswith(("<sub>", "<super>"))
        for ch in text)


def _numerator_ok(parts: list[Piece]) -> bool:
    """A product of operands (`πt`, `2C²`, `∂E`) reads right before `/` without brackets."""
    solid = [p for p in parts if p.cls not in SPACING]
    return bool(solid) and all(p.atomic and p.cls in {sym.ORD, sym.ATOM, sym.WORD}
                               for p in solid)


def _denominator_ok(parts: list[Piece]) -> bool:
    """One operand, or a differential such as `∂x` or `dx`."""
    solid = [p for p in parts if p.cls not in SPACING]
    if len(solid) == 1:
        return solid[0].atomic and solid[0].cls in {sym.ORD, sym.ATOM, sym.WORD}
    if len(solid) >= 3 and solid[0].text == solid[-1].text and solid[0].text in {"|", "‖"} \
            and not any(p.text in {"|", "‖"} for p in solid[1:-1]):
        return True  # `|S|`, `‖v‖`
    return (len(solid) == 2 and solid[0].text in {"∂", "d"} and solid[1].atomic
            and solid[1].cls == sym.ORD)


def _operand(node: Node, ok: Callable[[list[Piece]], bool]) -> str:
    parts = [piece(node)] if not isinstance(node, Group) else pieces(node.items)
    text = join(parts).replace("\n", "; ").strip()
    return text if ok(parts) else f"({text})"


def _frac(node: Frac) -> Piece:
    text = f"{_operand(node.num, _numerator_ok)}/{_operand(node.den, _denominator_ok)}"
    return Piece(text, sym.FRAC, atomic=False, guarded=f"({text})")


def _sqrt(node: Sqrt) -> Piece:
    body = piece(node.body)
    inner = body.text.strip()
    index = ""
    if node.index is not None:
        index = text_of(node.index)
        if not index or any(ch not in sym.SUPERSCRIPT for ch in index):
            raise Unfaithful("a root index without superscript characters")
        index = "".join(sym.SUPERSCRIPT[ch] for ch in index)
    if body.atomic and body.cls in {sym.ORD, sym.ATOM}:
        return Piece(f"{index}√{inner}", sym.ATOM, guarded=f"{index}√({inner})")
    return Piece(f"{index}√({inner})", sym.ATOM)


def _script_text(node: Node, table: dict[str, str], mark: str) -> tuple[str, str | None]:
    """A raised or lowered argument: in Unicode script characters when every character has
    one (`ᵢ₌₁`), else `^x`, `_cls` (guarded `_(cls)`) or `_(t,x₀)`."""
    parts = [piece(node)] if not isinstance(node, Group) else pieces(node.items)
    text = join(parts).replace("\n", "; ").strip()
    if not text:
        raise Unfaithful("an empty script")
    if all(ch in table for ch in text):
        return "".join(table[ch] for ch in text), None
    if _single_word(text) and (mark == "_" or len(text) == 1):  # `L_cls`, `x^q`; `e^(iπ)`
        return f"{mark}{text}", f"{mark}({text})"
    return f"{mark}({text})", None


def _script(node: Script) -> Piece:
    if isinstance(node.base, Annotated):
        if node.sup is not None and node.sub is not None:
            raise Unfaithful("a brace with two labels")
        return _annotated(node.base, node.sub if node.sub is not None else node.sup)
    base = piece(node.base) if node.base is not None else Piece("", sym.ORD)
    text = base.text
    composite = isinstance(node.base, (Sqrt, Frac)) or (
        isinstance(node.base, Group) and not base.atomic)
    if composite:  # `(√x)²`, `(a/b)²`, `{a+b}^2` -> `(a+b)²`
        text = f"({base.text})"
    scripts = [(node.sub, sym.SUBSCRIPT, "_"), (node.sup, sym.SUPERSCRIPT, "^")]
    if node.sup_first:
        scripts.reverse()
    written = [(_script_text(arg, table, mark)) for arg, table, mark in scripts if arg is not None]
    guarded: str | None = None
    for k, (plain, guard) in enumerate(written):
        if k < len(written) - 1:  # `x_{cls}^2` is `x_(cls)²`, not `x_cls²`
            text += guard or plain
        else:
            guarded = text + guard if guard is not None else None
            text += plain
    cls = base.cls if base.cls in {sym.FUNC, sym.BIG, sym.OPEN, sym.CLOSE} else sym.ORD
    return Piece(text, cls, atomic=True, guarded=guarded, script_guard=True)


def _styled(node: Styled) -> Piece:
    if node.font == "op":
        return Piece(text_of(node.body), sym.FUNC, atomic=True)
    inner = piece(node.body)
    if node.font == "rm":
        if _single_word(inner.text) and len(inner.text) > 1:
            return Piece(inner.text, sym.WORD, atomic=True)
        return inner
    text = "".join(sym.styled_char(node.font, ch) for ch in inner.text)
    return Piece(text, inner.cls, atomic=inner.atomic, guarded=inner.guarded and "".join(
        sym.styled_char(node.font, ch) for ch in inner.guarded))


def _accent(node: Accent) -> Piece:
    body = node.body.items[0] if isinstance(node.body, Group) and len(node.body.items) == 1 \
        else node.body
    if isinstance(body, Script) and body.base is not None and len(text_of(body.base)) == 1:
        # `\hat{x_i}`: the hat goes on x (over a longer base, it covers the scripts too)
        return _script(Script(Accent(node.name, body.base), body.sub, body.sup))
    text = text_of(body)
    mark = sym.ACCENTS[node.name]
    if len(text) == 1:
        return Piece(text + mark, sym.ORD)
    if node.name in sym.SPREAD_ACCENTS and text and "\n" not in text:
        return Piece("".join(ch + mark for ch in text), sym.ORD, atomic=_single_word(text))
    if node.name in sym.NAMED_ACCENTS and text and "\n" not in text:
        return Piece(f"{sym.NAMED_ACCENTS[node.name]}({text})", sym.ORD, atomic=True)
    raise Unfaithful(f"\\{node.name} over more than one character")


def _matrix(node: Matrix) -> Piece:
    if node.env not in _MATRIX:  # aligned, gathered…: `&` only aligns, rows are lines
        lines = [join(pieces([n for cell in row for n in cell])).strip() for row in node.rows]
        return Piece("\n".join(lines), sym.ORD, atomic=len(lines) == 1)
    rows = []
    for row in node.rows:
        cells = [join(pieces(cell)).strip() for cell in row]
        rows.append("".join(c if i == 0 else (" " if cells[i - 1][-1:] in ",;" else ", ") + c
                            for i, c in enumerate(cells)))
    if node.env in _MATRIX:
        left, right = _MATRIX[node.env]
        return Piece(f"{left}{'; '.join(rows)}{right}", sym.ATOM)
    raise Unfaithful(f"cannot show {node.env}")


def _annotated(node: Annotated, label: Node | None) -> Piece:
    if node.kind in {"xrightarrow", "xleftarrow"}:
        arrow = "→" if node.kind == "xrightarrow" else "←"
        text = text_of(node.label) if node.label is not None else ""
        return Piece(f"—({text}){arrow}" if arrow == "→" else f"{arrow}({text})—", sym.REL)
    assert node.body is not None
    body = piece(node.body)
    text = body.text if body.atomic else f"({body.text})"
    return Piece(f"{text}【{text_of(label)}】" if label is not None else text, sym.ATOM)
