"""Bank text is untrusted input (a shared notes file, an Anki package), so every HTML page
dlquiz writes must keep it text: the MathML latex2mathml makes is rebuilt from an
allow-list (latex2mathml copies `\\text{…}` and `\\href{…}` into the markup unescaped), links
keep only http(s) addresses, and each page carries a Content-Security-Policy that runs no
script at all, so a hole elsewhere still cannot execute anything."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

MATHML_NAMESPACE = "http://www.w3.org/1998/Math/MathML"

# MathML Core presentation elements. Left out on purpose: semantics/annotation(-xml)
# (annotation-xml is an HTML integration point), maction, mglyph and malignmark (their
# parsing inside mtext is what mutation-XSS tricks rely on).
MATHML_ELEMENTS = frozenset({
    "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub", "msup", "msubsup",
    "munder", "mover", "munderover", "mfrac", "msqrt", "mroot", "mstyle", "merror",
    "mpadded", "mphantom", "mtable", "mtr", "mtd", "mlabeledtr", "menclose",
    "mmultiscripts", "mprescripts", "none", "mfenced",
})

# Presentation attributes only: no event handlers, no style or class (`\style`, `\class`),
# no id (DOM clobbering); href is kept for http(s) only.
MATHML_ATTRIBUTES = frozenset({
    "display", "mathvariant", "mathsize", "mathcolor", "mathbackground", "displaystyle",
    "scriptlevel", "stretchy", "fence", "separator", "lspace", "rspace", "accent",
    "accentunder", "movablelimits", "largeop", "symmetric", "minsize", "maxsize", "form",
    "linethickness", "width", "height", "depth", "voffset", "notation", "open", "close",
    "separators", "columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines",
    "rowlines", "frame", "framespacing", "equalrows", "equalcolumns", "columnspan",
    "rowspan", "align", "numalign", "denomalign", "bevelled", "dir", "href", "xmlns",
})

_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")

# markdown-it writes these for aligned table columns; they are the only style attributes
# a page may carry ('unsafe-hashes' allows exactly these, nothing bank text could add).
TABLE_ALIGN_STYLES = ("text-align:left", "text-align:center", "text-align:right")


def safe_url(url: str) -> bool:
    """Whether a link may point here: http(s) only. Browsers ignore tabs, newlines and
    control characters inside a scheme (`java\\tscript:`), so they are removed first."""
    cleaned = _INVISIBLE.sub("", html.unescape(url)).lower()
    return cleaned.startswith(("http://", "https://"))


class _MathCleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in MATHML_ELEMENTS:
            self._as_text(html.unescape(self.get_starttag_text() or ""))
            return
        kept = "".join(f' {name}="{html.escape(value, quote=True)}"'
                       for name, value in attrs if value is not None and _keep(name, value))
        self.out.append(f"<{tag}{kept}>")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in MATHML_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            self._as_text(f"</{tag}>")
            return
        while self.open:
            name = self.open.pop()
            self.out.append(f"</{name}>")
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        self._as_text(data)

    def _as_text(self, text: str) -> None:
        self.out.append(html.escape(text, quote=False))

    def result(self) -> str:
        self.close()
        self.out += [f"</{name}>" for name in reversed(self.open)]
        return "".join(self.out)


def _keep(name: str, value: str) -> bool:
    if name not in MATHML_ATTRIBUTES:
        return False
    if name == "href":
        return safe_url(value)
    if name == "xmlns":
        return value == MATHML_NAMESPACE
    return True


def clean_mathml(markup: str) -> str:
    """MathML rebuilt from the allow-lists: any other element (a `<script>` typed inside
    `\\text{}`, say) comes out as the text it was written as; comments are dropped."""
    cleaner = _MathCleaner()
    cleaner.feed(markup)
    return cleaner.result()


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def csp_meta(css: str) -> str:
    """The policy of a self-contained page whose only style is `css`: no script of any
    kind, nothing loaded from anywhere, no forms, no <base>."""
    styles = " ".join([_hash(css), "'unsafe-hashes'", *map(_hash, TABLE_ALIGN_STYLES)])
    policy = (f"default-src 'none'; script-src 'none'; style-src {styles}; img-src data:; "
              "base-uri 'none'; form-action 'none'")
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
