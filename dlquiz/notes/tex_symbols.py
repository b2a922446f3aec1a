"""Tables for showing LaTeX math as Unicode: symbols, their spacing classes, scripts, fonts.

A class says how a piece behaves next to its neighbours when the formula is laid out on
one line (see tex_render): ORD and ATOM are operands, OP binary operators, REL relations,
PUNCT commas, OPEN/CLOSE brackets, FUNC named operators such as `sin`, BIG `∑`-like
operators that take limits.
"""

from __future__ import annotations

ORD, ATOM, WORD, FUNC, BIG = "ord", "atom", "word", "func", "big"
OP, REL, PUNCT = "op", "rel", "punct"
OPEN, CLOSE, SPACE, HSPACE, FRAC, NEWLINE = "open", "close", "space", "hspace", "frac", "newline"

_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
    "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
_ORDINARY = {
    "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "hbar": "ħ", "emptyset": "∅",
    "varnothing": "∅", "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "top": "⊤",
    "bot": "⊥", "angle": "∠", "triangle": "△", "prime": "′", "dagger": "†", "ldots": "…",
    "dots": "…", "dotsc": "…", "dotsb": "⋯", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
    "aleph": "ℵ", "Re": "ℜ", "Im": "ℑ", "checkmark": "✓", "square": "□", "S": "§",
    "|": "‖", "Vert": "‖", "vert": "|", "backslash": "\\", "_": "_", "%": "%", "#": "#",
    "&": "&", "$": "$", "surd": "√",
}
_BINARY = {
    "times": "×", "cdot": "·", "div": "÷", "pm": "±", "mp": "∓", "odot": "⊙", "oplus": "⊕",
    "otimes": "⊗", "ominus": "⊖", "cup": "∪", "cap": "∩", "setminus": "∖", "wedge": "∧",
    "land": "∧", "vee": "∨", "lor": "∨", "bmod": "mod", "cdotp": "·", "circ": "∘",
    "bullet": "•", "star": "⋆", "ast": "∗",
}
_RELATION = {
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
    "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
    "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
    "supseteq": "⊇", "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←",
    "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "leftrightarrow": "↔",
    "longrightarrow": "⟶", "longleftarrow": "⟵", "Longrightarrow": "⟹", "implies": "⟹",
    "Longleftarrow": "⟸", "Longleftrightarrow": "⟺", "longleftrightarrow": "⟷",
    "impliedby": "⟸",
    "iff": "⟺", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓", "mid": "|",
    "parallel": "∥", "perp": "⊥", "coloneqq": "≔", "triangleq": "≜", "doteq": "≐",
    "lesssim": "≲", "gtrsim": "≳", "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰",
    "colon": ":", "vdash": "⊢", "models": "⊨", "asymp": "≍", "nsim": "≁",
}
_DELIMITERS = {
    "{": ("{", OPEN), "}": ("}", CLOSE), "lbrace": ("{", OPEN), "rbrace": ("}", CLOSE),
    "lceil": ("⌈", OPEN), "rceil": ("⌉", CLOSE), "lfloor": ("⌊", OPEN), "rfloor": ("⌋", CLOSE),
    "langle": ("⟨", OPEN), "rangle": ("⟩", CLOSE), "lvert": ("|", OPEN), "rvert": ("|", CLOSE),
    "lVert": ("‖", OPEN), "rVert": ("‖", CLOSE), "lbrack": ("[", OPEN), "rbrack": ("]", CLOSE),
}
FUNCTIONS = frozenset({
    "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh",
    "tanh", "coth", "log", "ln", "lg", "exp", "max", "min", "arg", "argmax", "argmin", "det",
    "dim", "ker", "deg", "gcd", "lim", "liminf", "limsup", "sup", "inf", "Pr", "hom", "sgn",
})
BIG_OPERATORS = {
    "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "oint": "∮",
    "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂", "bigvee": "⋁",
    "bigwedge": "⋀",
}
SPACES = {",": " ", ":": " ", ";": " ", ">": " ", " ": " ", "quad": "  ", "qquad": "   ",
          "enspace": " ", "thinspace": " ", "medspace": " ", "thickspace": " ", "!": "",
          "negthinspace": "", "negmedspace": "", "negthickspace": ""}
ACCENTS = {
    "hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
    "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307",
    "ddot": "\u0308", "acute": "\u0301", "grave": "\u0300", "check": "\u030c",
    "breve": "\u0306", "mathring": "\u030a", "underline": "\u0332",
}
SPREAD_ACCENTS = frozenset({"overline", "bar", "underline"})  # drawn over every character
# a hat or tilde over several characters (an estimator such as \widehat{pass@k}) cannot be
# drawn in plain text; it is spelled out as a function instead: hat(pass@k)
NAMED_ACCENTS = {"hat": "hat", "widehat": "hat", "tilde": "tilde", "widetilde": "tilde"}
IGNORED = frozenset({"displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle",
                     "limits", "nolimits", "nonumber", "notag", "mathstrut", "strut",
                     "left.", "right."})
SIZERS = frozenset({"big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
                    "biggr", "Biggl", "Biggr", "bigm", "Bigm"})


def symbol(name: str) -> tuple[str, str] | None:
    """(text, class) of a symbol command such as `alpha`, `times`, `le`, `lceil`, `{`."""
    for table, cls in ((_GREEK, ORD), (_ORDINARY, ORD), (_BINARY, OP), (_RELATION, REL)):
        if name in table:
            return table[name], cls
    return _DELIMITERS.get(name)


def delimiter(raw: str) -> tuple[str, str] | None:
    """A delimiter after `\\left`, `\\right` or `\\big`, as written: `(`, `\\lceil`,
    `|`, `\\|`, or `.` (none)."""
    plain = {".": ("", OPEN), "(": ("(", OPEN), ")": (")", CLOSE), "[": ("[", OPEN),
             "]": ("]", CLOSE), "|": ("|", ORD), "/": ("/", ORD), "<": ("⟨", OPEN),
             ">": ("⟩", CLOSE)}
    if not raw.startswith("\\"):
        return plain.get(raw)
    name = raw[1:]
    if name in {"|", "Vert"}:
        return "‖", ORD
    if name == "vert":
        return "|", ORD
    return _DELIMITERS.get(name)


def char_class(ch: str) -> str:
    """The class of a character typed directly in math mode."""
    if ch in "+-*/×·÷±∓−∗⋅":
        return OP
    if ch in "=<>≤≥≈≠:→←∈∝⇒":
        return REL
    if ch in ",;":
        return PUNCT
    if ch in "([":
        return OPEN
    if ch in ")]":
        return CLOSE
    return ORD


SUPERSCRIPT = dict(zip(
    "0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεϵθιφϕχ⊤′∘*",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᵋᶿᶥᵠᵠᵡᵀ′°*",
    strict=True))
SUBSCRIPT = dict(zip(
    "0123456789+-−=()aehijklmnoprstuvxβγρφϕχ",
    "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵩᵪ",
    strict=True))

_HOLES = {
    "bb": {"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"},
    "cal": {"B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
            "e": "ℯ", "g": "ℊ", "o": "ℴ"},
    "frak": {"C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"},
    "bf": {},
}
_ALPHABETS = {  # first code point of A-Z, a-z and 0-9 in the mathematical alphanumerics
    "bb": (0x1D538, 0x1D552, 0x1D7D8), "cal": (0x1D49C, 0x1D4B6, None),
    "frak": (0x1D504, 0x1D51E, None), "bf": (0x1D400, 0x1D41A, 0x1D7CE),
}


def styled_char(font: str, ch: str) -> str:
    """`ch` in a math font (`bb` ℝ, `cal` ℒ, `frak` 𝔤, `bf` 𝐖); other characters unchanged."""
    if ch in _HOLES[font]:
        return _HOLES[font][ch]
    upper, lower, digit = _ALPHABETS[font]
    if "A" <= ch <= "Z":
        return chr(upper + ord(ch) - ord("A"))
    if "a" <= ch <= "z":
        return chr(lower + ord(ch) - ord("a"))
    if digit is not None and "0" <= ch <= "9":
        return chr(digit + ord(ch) - ord("0"))
    if font == "bf" and "α" <= ch <= "ω":
        return chr(0x1D6C2 + ord(ch) - ord("α"))
    if font == "bf" and "Α" <= ch <= "Ω":
        return chr(0x1D6A8 + ord(ch) - ord("Α"))
    return ch
