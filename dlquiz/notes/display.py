"""Note text made safe and readable for a terminal: formulas as Unicode, very long lines
folded, control characters shown instead of obeyed.

Shared by the CLI's `show` and the TUI so both display a note the same way. `visible` is
the one sanitising function for every piece of bank text that reaches a terminal.
"""

from __future__ import annotations

import re

FOLD_AT = 2000  # characters; Rich's line cropping is quadratic in the length of one line
_CONTROLS = {code: chr(0x2400 + code) for code in range(32) if code not in (9, 10)}
_CONTROLS[0x7F] = "\u2421"  # ␡
_CONTROLS.update({code: "\u241b" + chr(code - 0x40) for code in range(0x80, 0xA0)})
_CONTAINER = re.compile(r"[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_BLOCK_START = re.compile(r"[#>+*=|~`<-]|\d{1,9}[.)]")


def visible(text: str) -> str:
    """`text` with every control character made visible: C0 controls other than newline
    and tab (ESC -> ␛, CR -> ␍, BEL -> ␇), DEL -> ␡, and each C1 control as ␛ plus the
    character it abbreviates (CSI U+009B -> `␛[`, as a terminal would read it). Nothing
    that a terminal would obey is left."""
    return text.translate(_CONTROLS)


def _cuts(line: str, limit: int) -> list[str]:
    """`line` in pieces of at most `limit` characters, cut after a space when one is near."""
    pieces: list[str] = []
    start = 0
    while len(line) - start > limit:
        end = start + limit
        space = line.rfind(" ", end - limit // 10, end)
        end = space + 1 if space > start else end
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return pieces


def _fold_text(line: str, limit: int) -> str:
    """A long text line as paragraphs of the same list item or quote: Rich renders each
    paragraph separately, so no single line it crops is longer than `limit`."""
    head = _CONTAINER.match(line)
    prefix = head.group() if head else ""
    cont = "".join(ch if ch in " \t>" else " " for ch in prefix)
    parts = _cuts(line[len(prefix):], limit - len(prefix) - 1)  # room for an escape
    out = [prefix + parts[0]]
    for part in parts[1:]:
        part = part.lstrip()
        if _BLOCK_START.match(part):  # a cut must not start a heading, list or quote
            part = "\\" + part if not part[0].isdigit() else re.sub(r"^(\d+)", r"\1\\", part)
        out.extend([cont.rstrip(), cont + part])
    return "\n".join(out)


def fold_long_lines(markdown: str, limit: int = FOLD_AT) -> str:
    """Lines longer than `limit` split: text into paragraphs, code into shorter lines."""
    if len(markdown) <= limit:
        return markdown
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)
        elif fence is not None and opened and opened.group(1)[0] == fence[0] \
                and len(opened.group(1)) >= len(fence) and not line[opened.end():].strip():
            fence = None
        if len(line) <= limit:
            out.append(line)
        elif fence is not None:
            indent = line[: len(line) - len(line.lstrip())]
            pieces = _cuts(line[len(indent):], limit - len(indent))
            out.append("\n".join(indent + piece for piece in pieces))
        else:
            out.append(_fold_text(line, limit))
    return "\n".join(out)


def display_markdown(text: str) -> str:
    """Markdown ready for a terminal renderer (Rich, Textual): formulas shown, long lines
    folded, controls visible."""
    # deferred: `visible` alone (every string a command prints) needs no formula renderer
    from dlquiz.notes.formulas import render_formulas

    return visible(fold_long_lines(render_formulas(text)))
