"""LaTeX in notes -> readable Unicode for the terminal (`x^{2}` -> `x²`, `\\frac{a+b}{c}` ->
`(a+b)/c`), or the formula's own source where Unicode cannot say the same thing.

The stored answer keeps the LaTeX; this is only for display. Everything here runs in
time linear in its input: formulas are found by a single left-to-right scan, and a
formula longer than MAX_FORMULA is shown as source rather than parsed.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from dlquiz.notes.tex_nodes import Unfaithful
from dlquiz.notes.tex_parse import parse_math
from dlquiz.notes.tex_render import render

MAX_FORMULA = 4000  # characters; longer "formulas" are almost surely stray `$` signs
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_SPECIAL = re.compile(r"[\\`$]")
_CONTAINER = re.compile(r"[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?")


def render_latex(latex: str, *, display: bool = False) -> str | None:
    """One formula as Unicode (rows of a display formula on separate lines), or None when
    some construct in it cannot be shown faithfully."""
    if len(latex) > MAX_FORMULA:
        return None
    try:
        text = render(parse_math(latex), lines="\n" if display else "; ")
    except (Unfaithful, RecursionError):
        return None
    return text or None


def latex_to_unicode(latex: str) -> str:
    """One formula's LaTeX as plain Unicode text; its source when it cannot be shown."""
    shown = render_latex(latex)
    return shown if shown is not None else latex.strip()


def escape_markdown(text: str) -> str:
    """Formula text goes back into markdown: its `*`, `_`, `[`… must stay literal, and a
    line must not start a list or a heading."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return "\\" + escaped if escaped[:1] in {"-", "+"} else escaped


def code_span(text: str) -> str:
    """`text` as a markdown code span, fenced by more backticks than it contains in a row."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _inline(body: str) -> str:
    shown = render_latex(body)
    return escape_markdown(shown) if shown is not None else code_span(body.strip())


class _Backticks:
    """Code spans of one stretch of text: for each run of backticks, where the next run of
    the same length starts. Openers are asked about left to right, so each per-length list
    is walked once."""

    def __init__(self, text: str) -> None:
        self.runs: dict[int, list[int]] = {}
        for match in re.finditer(r"`+", text):
            self.runs.setdefault(len(match.group()), []).append(match.start())
        self.next_index = dict.fromkeys(self.runs, 0)

    def closer(self, start: int, length: int) -> int | None:
        runs = self.runs.get(length, [])
        k = self.next_index.get(length, 0)
        while k < len(runs) and runs[k] <= start:
            k += 1
        self.next_index[length] = k
        return runs[k] if k < len(runs) else None


def render_inline_formulas(text: str) -> str:
    """`$…$` and `$$…$$` inside one paragraph (one or more lines) as Unicode; code spans
    and backslash escapes are left exactly as they are. A `$$…$$` standing on lines of its
    own inside the paragraph is shown as a display formula, its rows on separate lines."""
    if "$" not in text:
        return text
    head = _CONTAINER.match(text)
    cont = "".join(ch if ch in " \t>" else " " for ch in head.group()) if head else ""
    ticks = _Backticks(text)
    newlines = [k for k, ch in enumerate(text) if ch == "\n"]  # bisected, never rescanned
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        match = _SPECIAL.search(text, i)
        if match is None:
            out.append(text[i:])
            break
        j = match.start()
        out.append(text[i:j])
        ch = text[j]
        if ch == "\\":
            out.append(text[j : j + 2])
            i = j + 2
        elif ch == "`":
            k = j
            while k < n and text[k] == "`":
                k += 1
            close = ticks.closer(j, k - j)
            end = close + (k - j) if close is not None else k
            out.append(text[j:end])
            i = end
        else:
            i = _dollar(text, j, cont, newlines, out)
    return "".join(out)


def _dollar(text: str, j: int, cont: str, newlines: list[int], out: list[str]) -> int:
    """Handle the `$` at `j`: append a rendered formula or the literal dollars; return
    where scanning goes on. `$…$` stays on one line; `$$…$$` may span lines."""
    double = text.startswith("$$", j)
    start = j + (2 if double else 1)
    close = text.find("$$" if double else "$", start)
    ok = close > start and (double or text.find("\n", start, close) < 0)
    if ok and not double and text.startswith("$", close + 1):
        ok = False  # `$a$$`: a `$` right before another does not end a formula
    body = text[start:close] if ok else ""
    if not body.strip():
        out.append(text[j:start])
        return start
    if ">" in cont and "\n" in body:  # the lines of a quoted formula carry `>` markers
        first, *rest = body.split("\n")
        body = "\n".join([first, *(line.lstrip(" \t>") for line in rest)])
    end = close + (2 if double else 1)
    k = bisect_left(newlines, j)
    line_start = newlines[k - 1] + 1 if k > 0 else 0
    k = bisect_left(newlines, end)
    line_end = newlines[k] if k < len(newlines) else len(text)
    alone = double and j - line_start <= 40 and _CONTAINER.fullmatch(text, line_start, j) \
        is not None and not text[end:line_end].strip()  # 40: a container prefix is short
    if not alone:
        out.append(_inline(body))
        return end
    shown = render_latex(body, display=True)
    if shown is None:
        rows = [code_span(" ".join(body.split()))]
    else:
        rows = [escape_markdown(row.strip()) for row in shown.split("\n") if row.strip()]
    lines = [row + ("\\" if k < len(rows) - 1 else "") for k, row in enumerate(rows)]
    if line_start == 0:  # the paragraph opens with it (perhaps after `- `)
        before = ""
    elif line_start == j:  # a blank line ends the text before it
        before = cont.rstrip() + "\n" + cont
    else:
        before = "\n" + cont.rstrip() + "\n" + cont
    out.append(before + ("\n" + cont).join(lines) + "\n" + cont.rstrip())
    return end


def render_formulas(markdown: str) -> str:
    """Replace the formulas of a markdown text with Unicode: `$$…$$` blocks become lines of
    their own (in the same list item or quote), `$…$` is replaced in place; code blocks,
    code spans and HTML are left untouched. A formula that cannot be shown faithfully is
    shown as its source, in a code span or code block."""
    if "$" not in markdown:
        return markdown
    from dlquiz.notes.markdown import block_parser  # deferred: only displays need markdown-it

    markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
    lines = markdown.split("\n")
    keep = [False] * len(lines)
    starts: set[int] = set()
    blocks: dict[int, tuple[int, str]] = {}
    for tok in block_parser().parse(markdown):
        if tok.map is None:
            continue
        first, end = tok.map
        if tok.type in {"fence", "code_block", "html_block", "math_block"}:
            keep[first:end] = [True] * (end - first)
            if tok.type == "math_block":
                blocks[first] = (end, tok.content)
        elif tok.type == "inline":
            starts.add(first)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in blocks:
            end, content = blocks[i]
            out.extend(_display_block(lines[i], content))
            i = end
        elif keep[i] or not lines[i].strip():
            out.append(lines[i])
            i += 1
        else:
            j = i + 1
            while j < len(lines) and not keep[j] and lines[j].strip() and j not in starts:
                j += 1
            out.append(render_inline_formulas("\n".join(lines[i:j])))
            i = j
    return "\n".join(out)


def _display_block(opener: str, content: str) -> list[str]:
    """The lines standing for one `$$` block: the formula's rows (hard line breaks between
    them), or its source in a code block; kept inside the opener's list item or quote."""
    prefix = opener[: opener.find("$$")]
    cont = "".join(ch if ch in " \t>" else " " for ch in prefix)
    blank = cont.rstrip()
    shown = render_latex(content, display=True)
    if shown is None:
        longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
        fence = "`" * max(3, longest + 1)
        body = [cont + line for line in content.strip("\n").split("\n")]
        return [blank, prefix + fence + "latex", *body, cont + fence, blank]
    rows = [escape_markdown(row.strip()) for row in shown.split("\n") if row.strip()]
    framed = [(prefix if k == 0 else cont) + row + ("\\" if k < len(rows) - 1 else "")
              for k, row in enumerate(rows)]
    return [blank, *framed, blank]
