"""Text mode and environments inside a formula: the verbatim body of `\\text{…}`, and the
rows and cells of `\\begin{…}` … `\\end{…}` (matrices, cases, aligned lines)."""

from __future__ import annotations

from typing import Protocol

from dlquiz.notes import tex_symbols as sym
from dlquiz.notes.tex_nodes import Matrix, Node, Sym, Tok, Unfaithful


class Parser(Protocol):
    """What text mode and environments need of tex_parse's Parser (which calls them), named
    here so that this module does not import the parser back."""

    def peek(self) -> Tok | None: ...
    def take(self) -> Tok: ...
    def skip_spaces(self) -> None: ...
    def seq(self, stops: frozenset[str]) -> list[Node]: ...
    def bracket_arg(self) -> list[Node] | None: ...
    def word(self) -> str: ...

TEXT_COMMANDS = frozenset({"text", "textrm", "textit", "textbf", "textsf", "texttt",
                           "textnormal", "textup", "textmd", "mbox", "hbox", "emph"})
_ESCAPES = {"_": "_", "%": "%", "#": "#", "&": "&", "$": "$", "{": "{", "}": "}",
            " ": " ", ",": " ", ";": " ", ":": " ", "quad": " ", "qquad": " ",
            "textbackslash": "\\", "textasciitilde": "~", "ldots": "…", "dots": "…"}
ENVIRONMENTS = frozenset({
    "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "array",
    "cases", "dcases", "aligned", "align", "align*", "alignedat", "gathered", "gather",
    "gather*", "split", "equation", "equation*", "multline", "multline*",
})


def text_body(p: Parser) -> str:
    """The verbatim text of a `\\text{…}` argument: braces dropped, `\\_` and friends
    made literal; math or unknown commands inside make the formula unfaithful."""
    p.skip_spaces()
    tok = p.take()
    if tok.kind != "{":
        return tok.text[0] if tok.kind == "char" else _text_command(p, tok.text)
    parts: list[str] = []
    depth = 1
    while True:
        tok = p.take()
        if tok.kind == "{":
            depth += 1
        elif tok.kind == "}":
            depth -= 1
            if depth == 0:
                return "".join(parts)
        elif tok.kind == "cmd":
            parts.append(_text_command(p, tok.text))
        elif tok.text == "$" or tok.kind == "&":
            raise Unfaithful("math inside text")
        elif tok.kind != "softspace":
            parts.append(tok.text)


def _text_command(p: Parser, cmd: str) -> str:
    name = cmd[1:]
    if name in _ESCAPES:
        return _ESCAPES[name]
    if name in TEXT_COMMANDS:
        return text_body(p)
    raise Unfaithful(f"{cmd} inside text")


def environment(p: Parser) -> Matrix:
    """The rows of `\\begin{env}…\\end{env}` (the `\\begin` itself already read); cells are
    split at `&`, rows at `\\\\` (a `\\\\[2mm]` spacing argument is skipped)."""
    env = p.word()
    if env not in ENVIRONMENTS:
        raise Unfaithful(f"unknown environment {env}")
    if env in {"array", "alignedat"}:
        p.word()  # column spec / column count
    matrix = Matrix(env)
    row: list[list[Node]] = []
    while True:
        row.append(p.seq(frozenset({"&", "\\\\", "\\end"})))
        tok = p.take()
        if tok.text == "&":
            continue
        matrix.rows.append(row)
        row = []
        if tok.text == "\\end":
            break
        if (after := p.peek()) is not None and after.text == "[":
            p.bracket_arg()  # `\\[2mm]`: extra space between rows
    if p.word() != env:
        raise Unfaithful(f"\\begin{{{env}}} closed by another environment")
    if matrix.rows and all(not _visible(cell) for cell in matrix.rows[-1]):
        matrix.rows.pop()  # a `\\` before `\end`
    return matrix


def _visible(cell: list[Node]) -> bool:
    return any(not (isinstance(n, Sym) and n.cls in {sym.SPACE, sym.HSPACE}) for n in cell)
