"""Anki field HTML -> dlquiz markdown: formatting, lists, links and images kept, MathJax
(`\\(…\\)`, `\\[…\\]`) and Anki's `[$]…[/$]` LaTeX turned into `$…$` / `$$…$$`, text that
markdown would read as syntax escaped. Headings become bold lines, so an answer can never
break the `## question` structure of a notes file."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser

_MATH = re.compile(r"\\\((?P<i>.*?)\\\)|\\\[(?P<d>.*?)\\\]|\[\$\](?P<li>.*?)\[/\$\]"
                   r"|\[\$\$\](?P<ld>.*?)\[/\$\$\]|\[latex\](?P<lx>.*?)\[/latex\]",
                   re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_HOLDER = re.compile("\x02(\\d+)\x03")
_ESCAPED = re.compile(r"([\\`*\[\]<>$|])|(?<!\w)_|_(?!\w)")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s|$)", re.MULTILINE)
_BLANKS = re.compile(r"\n(?:[ \t]*\n)+")
_BREAK_TAGS = {"br"}
_BLOCK_TAGS = {"div", "p", "section", "article", "blockquote", "dl", "dd", "dt", "hr", "h1",
               "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre"}
_SKIP = {"script", "style", "head", "title"}


def _math_text(fragment: str) -> str:
    """LaTeX as the author typed it: tags (line breaks the editor added) and entities gone."""
    text = _TAG.sub(lambda m: "\n" if m.group().lower().startswith("<br") else "", fragment)
    return html.unescape(text).replace("\xa0", " ").strip()


def _hold_math(source: str) -> tuple[str, list[str]]:
    formulas: list[str] = []

    def hold(match: re.Match[str]) -> str:
        display = match.group("d") is not None or match.group("ld") is not None or (
            match.group("lx") is not None)
        body = _math_text(next(g for g in match.groups() if g is not None))
        formulas.append(f"\n\n$$\n{body}\n$$\n\n" if display else f"${body}$")
        return f"\x02{len(formulas) - 1}\x03"

    return _MATH.sub(hold, source), formulas


def escape_text(text: str) -> str:
    """Plain text made safe to embed in markdown (what is typed is what is shown)."""
    return _ESCAPED.sub(lambda m: "\\" + m.group(), text)


class _Markdown(HTMLParser):
    def __init__(self, image: Callable[[str, str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.image = image
        # per open list: [counter (< 0 for bullets), width of its items' marker]
        self.lists: list[list[int]] = []
        self.links: list[tuple[str, int]] = []
        self.skip = 0
        self.pre = 0
        self.code = 0
        self.tables: list[list[list[str]]] = []  # rows of cells of each open table
        self.cell: int | None = None  # where the open cell's text starts in `out`

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BREAK_TAGS:  # a line of its own (markdown would join a single newline)
            self.out.append(" " if self.lists else "\n\n")
        elif tag == "li":
            self._li()
        elif tag in {"ul", "ol"}:
            self.out.append("\n\n" if not self.lists else "")
            self.lists.append([0 if tag == "ol" else -1, 2])
        elif tag == "pre":
            self.pre += 1
            self.out.append("\n\n```\n")
        elif tag in _BLOCK_TAGS:
            self.out.append("\n\n")
            if tag.startswith("h") and tag[1:].isdigit():
                self.out.append("**")
        elif tag in {"b", "strong"}:
            self.out.append("**")
        elif tag in {"i", "em"}:
            self.out.append("*")
        elif tag == "code" and not self.pre:
            self.code += 1
            self.out.append("`")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in {"td", "th"} and self.tables:
            self._end_cell()
            self.cell = len(self.out)
        elif tag == "a":
            self.links.append((values.get("href", ""), len(self.out)))
        elif tag == "img":
            self.out.append(self.image(values.get("src", ""), values.get("alt", "")))

    def _li(self) -> None:
        """An item, indented under the items of the lists it is nested in."""
        indent = " " * sum(width for _, width in self.lists[:-1])
        marker = "- "
        if self.lists and self.lists[-1][0] >= 0:
            self.lists[-1][0] += 1
            marker = f"{self.lists[-1][0]}. "
        if self.lists:
            self.lists[-1][1] = len(marker)
        self._line_start()
        self.out.append(indent + marker)

    def _end_cell(self) -> None:
        if self.cell is None or not self.tables:
            return
        text = " ".join("".join(self.out[self.cell:]).split())
        del self.out[self.cell:]
        self.cell = None
        if not self.tables[-1]:
            self.tables[-1].append([])
        self.tables[-1][-1].append(text)

    def _table(self, rows: list[list[str]]) -> None:
        """A pipe table (the first row is the header, as Anki's editor writes tables)."""
        rows = [row for row in rows if row]
        if not rows:
            return
        width = max(len(row) for row in rows)
        lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * width)
        self.out.append("\n\n" + "\n".join(lines) + "\n\n")

    def _line_start(self) -> None:
        """Go to the start of a line (without adding a blank one)."""
        while self.out and not self.out[-1].strip():
            if "\n" in self.out[-1]:
                return
            self.out.pop()
        self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag in {"ul", "ol"}:
            if self.lists:
                self.lists.pop()
            self.out.append("\n" if self.lists else "\n\n")  # a nested list keeps it tight
        elif tag == "pre":
            self.pre = max(self.pre - 1, 0)
            self.out.append("\n```\n\n")
        elif tag in _BLOCK_TAGS:
            if tag.startswith("h") and tag[1:].isdigit():
                self.out.append("**")
            self.out.append("\n\n")
        elif tag in {"b", "strong"}:
            self.out.append("**")
        elif tag in {"i", "em"}:
            self.out.append("*")
        elif tag == "code" and not self.pre:
            self.code = max(self.code - 1, 0)
            self.out.append("`")
        elif tag in {"td", "th"}:
            self._end_cell()
        elif tag == "table" and self.tables:
            self._end_cell()
            self._table(self.tables.pop())
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.out[start:]).strip()
            del self.out[start:]
            if href and href != label:
                self.out.append(f"[{label or escape_text(href)}]({href.replace(' ', '%20')})")
            else:
                self.out.append(f"<{href}>" if href else label)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        text = data.replace("\xa0", " ")
        if self.pre or self.code:
            self.out.append(text if self.pre else re.sub(r"\s+", " ", text))
            return
        text = escape_text(re.sub(r"[ \t\r\n]+", " ", text))
        if self._at_line_start():  # `# x`, `- x`, `1. x` typed as text stay text
            text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)
        self.out.append(text)

    def _at_line_start(self) -> bool:
        for piece in reversed(self.out):
            if piece.strip(" "):
                return piece.endswith("\n")
        return True


def html_to_markdown(source: str, image: Callable[[str, str], str] | None = None) -> str:
    """The markdown of one field. `image(src, alt)` writes an image reference (default:
    `![alt](src)`)."""
    held, formulas = _hold_math(source)
    parser = _Markdown(image or (lambda src, alt: f"![{escape_text(alt)}]({src})"))
    parser.feed(held)
    parser.close()
    text = "".join(parser.out)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _HOLDER.sub(lambda m: formulas[int(m.group(1))], text)
    return _BLANKS.sub("\n\n", text).strip()


def one_line(markdown: str) -> str:
    """A title: one line (a notes file heading cannot span lines)."""
    return re.sub(r"\s*\n\s*", " ", markdown).strip()
