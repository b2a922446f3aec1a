"""The block-level markdown parser of the notes: CommonMark plus `$$ … $$` display math.

Inline parsing is off (it is most of markdown-it's time; `blocks.inline_children` parses
the few paragraphs that need it). The `$$` rule is ours: mdit_py_plugins' version looks
for the closing `$$` by reading line after line from every `$$` line, so a list of `- $$a`
items took time quadratic in their number. Here a table built once per parse says where
the next line that can close a block is, so each `$$` line costs O(1).

The rule keeps the plugin's meaning (as the notes were parsed with it): a block opens with
`$$` at the start of a line and ends on the first later line of its container that ends
with `$$` (or with `$$ (label)`), blank lines included; with no such line it is not a
block at all and stays paragraph text. It cannot interrupt a paragraph.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_CACHE_KEY = "dlquiz.math_closers"


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """CommonMark block structure with `math_block` tokens; no inline parsing."""
    parser = MarkdownIt("commonmark")
    parser.block.ruler.before("fence", "math_block", _math_block)
    parser.disable(["inline", "text_join"])
    return parser


def closing_end(line: str) -> int | None:
    """Where the closing `$$` of a display formula starts in `line`, if the line can close
    one: it ends with `$$`, or with `$$ (label)` (a label holds no `)` or `$`)."""
    text = line.rstrip()
    if text.endswith("$$"):
        return len(text) - 2
    if not text.endswith(")"):
        return None
    k = len(text) - 2
    while k >= 0 and text[k] not in ")$":
        if text[k] == "(" and k < len(text) - 2:
            j = k - 1
            while j >= 0 and text[j].isspace():
                j -= 1
            if j >= 1 and text[j - 1 : j + 1] == "$$":
                return j - 1
        k -= 1
    return None


def _closers(state: StateBlock) -> list[int]:
    """For each line, the first line at or after it that could close a `$$` block. Built
    once per parse (from the whole source) and kept in the parse environment."""
    cached = state.env.get(_CACHE_KEY)
    if isinstance(cached, tuple) and cached[0] is state.src:
        known: list[int] = cached[1]
        return known
    lines = state.src.split("\n")
    closers = [len(lines)] * (len(lines) + 1)
    for n in range(len(lines) - 1, -1, -1):
        closers[n] = n if closing_end(lines[n]) is not None else closers[n + 1]
    state.env[_CACHE_KEY] = (state.src, closers)
    return closers


def _math_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:  # an indented code block
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    line_end = state.eMarks[start_line]
    if begin + 2 > line_end or not state.src.startswith("$$", begin):
        return False
    first = state.src[begin:line_end]
    close = closing_end(first) if len(first.strip()) > 3 else None
    if close is not None:
        last, content = start_line, first[2:close]
    elif "$$" in first[2:]:  # closed in mid-line: not a block
        return False
    else:
        last = _closers(state)[start_line + 1]
        if last >= end_line:
            return False
        closing = state.src[state.bMarks[last] : state.eMarks[last]]
        end = closing_end(closing)
        if end is None:  # the container hides part of the line (e.g. a `>` marker)
            return False
        content = "\n".join(
            [state.src[begin + 2 : line_end]]
            + [state.src[state.bMarks[n] : state.eMarks[n]] for n in range(start_line + 1, last)]
            + [closing[:end]])
    if silent:
        return True
    state.line = last + 1
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = content
    token.markup = "$$"
    token.map = [start_line, state.line]
    return True
