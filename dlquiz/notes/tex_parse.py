"""Parse LaTeX math into the tree of tex_nodes, the way TeX groups it (`x^23` is x² 3,
`\\frac12` is ½, `\\hat m_t` puts the hat on m). Unknown commands raise `Unfaithful`."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from dlquiz.notes import tex_symbols as sym
from dlquiz.notes.tex_modes import TEXT_COMMANDS, environment, text_body
from dlquiz.notes.tex_nodes import (
    Accent,
    Annotated,
    Binom,
    Fenced,
    Frac,
    Group,
    Node,
    Script,
    Sqrt,
    Styled,
    Sym,
    Text,
    Tok,
    Unfaithful,
    tokenize,
)

_FONTS = {"mathrm": "rm", "mathit": "rm", "mathsf": "rm", "mathtt": "rm", "mathnormal": "rm",
          "mathup": "rm", "mathbf": "bf", "boldsymbol": "bf", "bm": "bf", "mathbfit": "bf",
          "mathbb": "bb", "mathcal": "cal", "mathscr": "cal", "mathfrak": "frak",
          "operatorname": "op"}


class Parser:
    """Recursive descent over the tokens of one formula."""

    def __init__(self, src: str) -> None:
        self.toks = tokenize(src)
        self.i = 0
        self.pending: Tok | None = None  # the rest of a digit run split by an argument
        self.commands: dict[str, Callable[[str, list[Node]], None]] = {
            **dict.fromkeys(("frac", "tfrac", "dfrac", "cfrac"), self._frac),
            **dict.fromkeys(("binom", "tbinom", "dbinom"), self._binom),
            **dict.fromkeys(TEXT_COMMANDS, self._text),
            **dict.fromkeys(_FONTS, self._font),
            **dict.fromkeys(sym.ACCENTS, self._accent),
            **dict.fromkeys(("underbrace", "overbrace"), self._brace),
            **dict.fromkeys(("xrightarrow", "xleftarrow"), self._arrow),
            **dict.fromkeys(("overset", "stackrel", "underset"), self._set),
            "sqrt": self._sqrt, "left": self._left, "begin": self._begin, "not": self._not,
            "pmod": self._pmod, "mod": self._mod, "tag": self._tag, "label": self._label,
            "color": self._label, "textcolor": self._textcolor,
        }

    # tokens

    def peek(self) -> Tok | None:
        if self.pending is not None:
            return self.pending
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> Tok:
        tok = self.peek()
        if tok is None:
            raise Unfaithful("the formula ends too early")
        if self.pending is not None:
            self.pending = None
        else:
            self.i += 1
        return tok

    def skip_spaces(self) -> None:
        while (tok := self.peek()) is not None and tok.kind in {"space", "softspace"}:
            self.take()

    def expect(self, text: str) -> None:
        if self.take().text != text:
            raise Unfaithful(f"expected {text}")

    # structure

    def parse(self) -> list[Node]:
        items = self.seq(frozenset())
        if self.peek() is not None:
            raise Unfaithful(f"unexpected {self.take().text}")
        return items

    def seq(self, stops: frozenset[str]) -> list[Node]:
        """Items up to (not including) a token whose text is in `stops`, or the end."""
        items: list[Node] = []
        while (tok := self.peek()) is not None and tok.text not in stops:
            self.take()
            self.item(tok, items)
        return items

    def item(self, tok: Tok, items: list[Node]) -> None:
        if tok.kind == "space":
            items.append(Sym(" ", sym.SPACE))
        elif tok.kind == "softspace":
            # TeX drops the space that ends a command name (`\\pi t` is πt, `64\\cdot 3`
            # is 64·3); after a relation it is kept, so `θ \\leftarrow θ` is θ ← θ
            last = items[-1] if items else None
            if isinstance(last, Sym) and last.cls == sym.REL:
                items.append(Sym(" ", sym.SPACE))
        elif tok.kind == "{":
            items.append(self.group_rest())
        elif tok.kind in {"^", "_"}:
            self.script(tok.kind, items)
        elif tok.kind == "char" and tok.text == "'":
            items.append(Sym("′", sym.ORD))
        elif tok.kind == "char":
            items.append(Sym(tok.text, sym.char_class(tok.text)))
        elif tok.kind == "cmd":
            self.command(tok.text, items)
        else:
            raise Unfaithful(f"unexpected {tok.text}")

    def group_rest(self) -> Group:
        body = self.seq(frozenset("}"))
        self.expect("}")
        return Group(body)

    def script(self, op: str, items: list[Node]) -> None:
        while items and isinstance(items[-1], Sym) and items[-1].cls == sym.SPACE:
            items.pop()
        arg = self.arg()
        base = items[-1] if items else None
        if not isinstance(base, Script):
            base = Script(base)
            if items:
                items[-1] = base
            else:
                items.append(base)
        slot = "sub" if op == "_" else "sup"
        if getattr(base, slot) is not None:
            raise Unfaithful("a double script")
        setattr(base, slot, arg)
        base.sup_first = base.sup_first or (slot == "sup" and base.sub is None)

    def arg(self) -> Node:
        """One argument: a `{group}`, a command, or a single character (`\\frac12`)."""
        self.skip_spaces()
        tok = self.take()
        if tok.kind == "{":
            return self.group_rest()
        if tok.kind == "char":
            if len(tok.text) > 1:  # `x^23`: only the 2 is raised
                self.pending = Tok("char", tok.text[1:])
            return Sym(tok.text[0], sym.char_class(tok.text[0]))
        if tok.kind == "cmd":
            items: list[Node] = []
            self.command(tok.text, items)
            if len(items) != 1:
                raise Unfaithful(f"{tok.text} cannot be an argument")
            return items[0]
        raise Unfaithful(f"missing argument before {tok.text}")

    def bracket_arg(self) -> list[Node] | None:
        """An optional `[…]` argument (the index of `\\sqrt[3]{x}`)."""
        tok = self.peek()
        if tok is None or tok.text != "[":
            return None
        self.take()
        body = self.seq(frozenset("]"))
        self.expect("]")
        return body

    def word(self) -> str:
        """The letters of a `{name}` argument (environment names, colours, labels)."""
        self.skip_spaces()
        self.expect("{")
        parts: list[str] = []
        while (tok := self.take()).text != "}":
            parts.append(tok.text)
        return "".join(parts).strip()

    def delimiter(self) -> Sym:
        self.skip_spaces()
        found = sym.delimiter(self.take().text)
        if found is None:
            raise Unfaithful("not a delimiter")
        return Sym(*found)

    def command(self, cmd: str, items: list[Node]) -> None:
        name = cmd[1:]
        if name in sym.SPACES:
            if sym.SPACES[name]:
                items.append(Sym(sym.SPACES[name], sym.HSPACE))
        elif name == "\\":
            items.append(Sym("\n", sym.NEWLINE))
        elif (found := sym.symbol(name)) is not None:
            items.append(Sym(*found))
        elif name in sym.FUNCTIONS:
            items.append(Sym(name, sym.FUNC))
        elif name in sym.BIG_OPERATORS:
            items.append(Sym(sym.BIG_OPERATORS[name], sym.BIG))
        elif name in sym.SIZERS:
            items.append(self.delimiter())
        elif name == "middle":
            items.append(Sym(self.delimiter().text, sym.REL))
        elif name in self.commands:
            self.commands[name](name, items)
        elif name not in sym.IGNORED:
            raise Unfaithful(f"unknown command {cmd}")

    # commands with arguments

    def _frac(self, _name: str, items: list[Node]) -> None:
        items.append(Frac(self.arg(), self.arg()))

    def _binom(self, _name: str, items: list[Node]) -> None:
        items.append(Binom(self.arg(), self.arg()))

    def _sqrt(self, _name: str, items: list[Node]) -> None:
        index = self.bracket_arg()
        items.append(Sqrt(self.arg(), Group(index) if index is not None else None))

    def _font(self, name: str, items: list[Node]) -> None:
        tok = self.peek()
        if name == "operatorname" and tok is not None and tok.text == "*":
            self.take()
        items.append(Styled(_FONTS[name], self.arg()))

    def _accent(self, name: str, items: list[Node]) -> None:
        items.append(Accent(name, self.arg()))

    def _brace(self, name: str, items: list[Node]) -> None:
        items.append(Annotated(name, self.arg()))

    def _arrow(self, name: str, items: list[Node]) -> None:
        if self.bracket_arg() is not None:
            raise Unfaithful("a label under an arrow")
        items.append(Annotated(name, None, self.arg()))

    def _set(self, name: str, items: list[Node]) -> None:
        label, base = self.arg(), self.arg()
        if name == "underset":
            items.append(Script(base, sub=label))
        else:
            items.append(Script(base, sup=label))

    def _left(self, _name: str, items: list[Node]) -> None:
        left = self.delimiter()
        body = self.seq(frozenset({"\\right"}))
        self.expect("\\right")
        items.append(Fenced(left.text, body, self.delimiter().text))

    def _not(self, _name: str, items: list[Node]) -> None:
        negated = self.arg()
        if not isinstance(negated, Sym):
            raise Unfaithful("\\not before a group")
        items.append(Sym(unicodedata.normalize("NFC", negated.text + "\u0338"), negated.cls))

    def _mod(self, _name: str, items: list[Node]) -> None:
        items.append(Sym("mod", sym.OP))

    def _pmod(self, _name: str, items: list[Node]) -> None:
        items.append(Group([Sym(" ", sym.HSPACE), Sym("(", sym.OPEN), Sym("mod", sym.FUNC),
                            Sym(" ", sym.HSPACE), self.arg(), Sym(")", sym.CLOSE)]))

    def _tag(self, _name: str, items: list[Node]) -> None:
        items.append(Text(f"  ({text_body(self)})"))

    def _label(self, _name: str, _items: list[Node]) -> None:
        self.word()  # a cross-reference label or a colour name: nothing to show

    def _textcolor(self, _name: str, items: list[Node]) -> None:
        self.word()
        items.append(self.arg())

    def _text(self, _name: str, items: list[Node]) -> None:
        items.append(Text(text_body(self)))

    def _begin(self, _name: str, items: list[Node]) -> None:
        items.append(environment(self))

def parse_math(src: str) -> list[Node]:
    return Parser(src).parse()
