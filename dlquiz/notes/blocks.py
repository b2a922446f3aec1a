"""Classify the top-level markdown blocks of one note: answer, TODO marker, references, meta.

Works on markdown-it tokens so that list items, code fences and math blocks are seen the
way a markdown renderer sees them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from dlquiz.notes.labels import REFERENCE_WORDS, is_label, meta_line, starts_with_label
from dlquiz.notes.model import Reference

_TODO_ITEM = re.compile(r"^\[\s\]\s*(?:todo\b.*)?$", re.IGNORECASE | re.DOTALL)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]（）]+")
_LIST_SEP = re.compile(r"[,，、;；]\s*|\s+")


@dataclass(frozen=True)
class Block:
    """One top-level block: its tokens and its 0-based [start, end) source line range."""

    tokens: Sequence[Token]
    start: int
    end: int

    @property
    def kind(self) -> str:
        return self.tokens[0].type

    def inline_content(self) -> str | None:
        """Text of a paragraph block, or None for any other block."""
        if self.kind == "paragraph_open" and len(self.tokens) > 1:
            return self.tokens[1].content
        return None


def is_ref_header(text: str) -> bool:
    return is_label(text, REFERENCE_WORDS)


def starts_with_ref_header(text: str) -> bool:
    """`参考：[a](u)`: a reference header with the links in the same paragraph."""
    return starts_with_label(text, REFERENCE_WORDS)


def meta_lines(text: str) -> dict[str, list[str]] | None:
    """`**标签**: a, b` / `**练习**: k` lines; None unless every line of the text is one."""
    found: dict[str, list[str]] = {}
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return None
    for line in lines:
        meta = meta_line(line)
        if meta is None:
            return None
        key, value = meta
        items = [item.strip("`*_ ") for item in _LIST_SEP.split(value.strip())]
        found.setdefault(key, []).extend(item for item in items if item)
    return found


def is_todo_text(text: str) -> bool:
    """A task-list marker with nothing done: `[ ] TODO`, `[ ]`, or a lone `TODO`."""
    stripped = text.strip()
    return bool(_TODO_ITEM.match(stripped)) or stripped.casefold() in {"todo", "todo:"}


def unwrap_redirect(url: str) -> str:
    """`https://link.zhihu.com/?target=https%3A//arxiv.org/...` -> the target URL itself."""
    if "link.zhihu.com" not in url:
        return url
    parts = urlsplit(url)
    if parts.netloc == "link.zhihu.com":
        target = parse_qs(parts.query).get("target")
        if target and target[0].startswith(("http://", "https://")):
            return target[0]
    return url


def _as_written(url: str) -> str:
    """Reference URLs are kept exactly as the author wrote them (no percent-encoding)."""
    return url.strip()


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark")
    parser.normalizeLink = _as_written  # type: ignore[method-assign]

    return parser


def inline_children(token: Token) -> list[Token]:
    """Inline tokens of a block, parsed on demand: the structural pass skips inline parsing
    (most of markdown-it's time), so only the blocks that might hold links pay for it."""
    if not token.children:
        parsed = _inline_parser().parseInline(token.content)
        token.children = (parsed[0].children or []) if parsed else []
    return token.children


def _may_link(token: Token) -> bool:
    return "http" in token.content


_SIMPLE_LINK = re.compile(r"\[(?P<title>[^\[\]\\`*_<>!]+)\]\(<?(?P<url>https?://[^\s()<>\\]+)>?\)")
_SIMPLE_AUTOLINK = re.compile(r"<(?P<url>https?://[^\s<>\\]+)>")


def _simple_reference(content: str) -> Reference | None:
    """The common reference item `[title](https://…)` or `<https://…>`, read without a full
    inline parse (10x faster on big files); anything fancier goes through markdown-it.
    tests/unit/notes/test_blocks.py checks both paths agree."""
    text = content.strip()
    match = _SIMPLE_LINK.fullmatch(text)
    if match:
        url = unwrap_redirect(match.group("url"))
        return Reference(title=match.group("title").strip(), url=url)
    match = _SIMPLE_AUTOLINK.fullmatch(text)
    if match:
        url = unwrap_redirect(match.group("url"))
        return Reference(title=url, url=url)
    return None


def links_in_inline(token: Token) -> list[Reference]:
    """References named by one inline token: markdown links, autolinks and bare URLs."""
    if not _may_link(token):
        return []
    simple = _simple_reference(token.content)
    if simple is not None:
        return [simple]
    return _parsed_links(token)


def _parsed_links(token: Token) -> list[Reference]:
    refs: list[Reference] = []
    plain: list[str] = []
    href: str | None = None
    label: list[str] = []
    for child in inline_children(token):
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            label = []
        elif child.type == "link_close" and href is not None:
            url = unwrap_redirect(href)
            refs.append(Reference(title="".join(label).strip() or url, url=url))
            href = None
        elif href is not None:
            label.append(child.content)
        elif child.type in {"text", "code_inline"}:
            for url in _BARE_URL.findall(child.content):
                refs.append(Reference(title=url, url=url.rstrip(".,;:。，；")))
            plain.append(_BARE_URL.sub("", child.content))
    context = "".join(plain).strip(" -–—:：|")
    if len(refs) == 1 and context and refs[0].title == refs[0].url:
        refs[0] = Reference(title=context, url=refs[0].url)
    return refs


def is_link_only(token: Token) -> bool:
    """True when an inline token holds links and nothing but separators around them."""
    if not _may_link(token):
        return False
    if _simple_reference(token.content) is not None:
        return True
    if not links_in_inline(token):
        return False
    leftover: list[str] = []
    inside = False
    for child in inline_children(token):
        if child.type == "link_open":
            inside = True
        elif child.type == "link_close":
            inside = False
        elif not inside and child.type == "text":
            leftover.append(_BARE_URL.sub("", child.content))
        elif not inside and child.type not in {"softbreak", "hardbreak"}:
            return False
    return not "".join(leftover).strip(" -–—:：|,，;；")


def list_items(block: Block) -> list[tuple[int, int, Token | None, bool]]:
    """Direct items of a list block: (start, end, first inline token, single paragraph?)."""
    items: list[tuple[int, int, Token | None, bool]] = []
    depth = 0
    current: list[Token] = []
    bounds = (0, 0)
    for tok in block.tokens[1:-1]:
        if tok.type == "list_item_open" and depth == 0:
            current = []
            bounds = (tok.map[0], tok.map[1]) if tok.map else (block.start, block.end)
        if tok.type == "list_item_open":
            depth += 1
        elif tok.type == "list_item_close":
            depth -= 1
            if depth == 0:
                inline = next((t for t in current if t.type == "inline"), None)
                opens = sum(1 for t in current[1:] if t.type.endswith("_open"))
                items.append((bounds[0], bounds[1], inline, opens <= 1))
            continue
        current.append(tok)
    return items
