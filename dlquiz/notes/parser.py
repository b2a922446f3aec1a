"""Split a notes file into notes: `#` headings are topics, `##` headings are questions.

Structure comes from markdown-it tokens (so a `## ` line inside a code fence or a math
block is never a heading); each note's answer is then cut from the source lines so the
author's markdown and LaTeX are kept exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from dlquiz.notes.blocks import (
    Block,
    is_link_only,
    is_ref_header,
    is_todo_text,
    links_in_inline,
    list_items,
    meta_lines,
    starts_with_ref_header,
)
from dlquiz.notes.errors import NotesError
from dlquiz.notes.identity import title_key
from dlquiz.notes.inline import rewrite_inline, strip_images
from dlquiz.notes.markdown import block_parser
from dlquiz.notes.model import Note, NoteStatus, ParsedNotes, Reference
from dlquiz.notes.reading import read_text

_NUMBER = re.compile(r"\d+")
_NUMBER_END = re.compile(r"[\s.、:：)\]]+")
_EXTRA_BLANKS = re.compile(r"\n{3,}")
_WORDY = re.compile(r"\w")


def _top_level_blocks(tokens: list[Token], line_count: int) -> list[Block]:
    """Group the flat token stream into top-level blocks with their source line ranges."""
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        j = i
        if tok.nesting == 1:
            depth = 0
            while True:
                depth += tokens[j].nesting
                if depth == 0:
                    break
                j += 1
        start, end = tok.map if tok.map else (0, line_count)
        blocks.append(Block(tokens=tokens[i : j + 1], start=start, end=end))
        i = j + 1
    return blocks


def _heading(block: Block) -> tuple[int, str] | None:
    if block.kind != "heading_open":
        return None
    return int(block.tokens[0].tag[1]), block.tokens[1].content.strip()


def _split_heading(text: str) -> tuple[str | None, str]:
    """`001 Title`, `1. Title`, `12、Title` -> (number, title); anything else has no number.
    Two anchored matches in a row rather than one pattern, so nothing can backtrack."""
    number = _NUMBER.match(text)
    end = _NUMBER_END.match(text, number.end()) if number else None
    if number is None or end is None or end.end() == len(text):
        return None, text
    return number.group(), text[end.end():].strip()


class _NoteBuilder:
    """Collects one note's blocks and decides what is answer, marker, reference or meta."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.kept_ranges: list[tuple[int, int]] = []
        self.references: list[Reference] = []
        self.tags: list[str] = []
        self.practice: list[str] = []
        self.todo = False
        self.in_refs = False

    def add(self, block: Block) -> None:
        text = block.inline_content()
        raw = block.tokens[0].content.strip()
        if block.kind == "html_block" and raw.startswith("<!--") and raw.endswith("-->"):
            return
        if text is not None and self._paragraph(block, text):
            return
        if block.kind in {"bullet_list_open", "ordered_list_open"} and self._list(block):
            return
        self.in_refs = False
        self.kept_ranges.append((block.start, block.end))

    def _paragraph(self, block: Block, text: str) -> bool:
        meta = meta_lines(text)
        if meta is not None:
            self.tags.extend(meta.get("tags", []))
            self.practice.extend(meta.get("practice", []))
            return True
        if is_todo_text(text):
            self.todo = True
            return True
        if is_ref_header(text):
            self.in_refs = True
            return True
        inline = block.tokens[1]
        links = links_in_inline(inline) if starts_with_ref_header(text) else []
        if links:  # `参考：[a](u)` in one paragraph
            self.in_refs = True
            self.references.extend(links)
            return True
        if self.in_refs and is_link_only(inline):
            self.references.extend(links_in_inline(inline))
            return True
        return False

    def _list(self, block: Block) -> bool:
        """Handle TODO items and reference lists; True when nothing of the list is answer."""
        todo: list[tuple[int, int]] = []
        rest: list[tuple[Token, bool]] = []  # (inline, item is a single paragraph)
        for start, end, inline, single in list_items(block):
            if inline is None or is_todo_text(inline.content):
                todo.append((start, end))
                self.todo = self.todo or inline is not None
            else:
                rest.append((inline, single))
        refs_only = all(single and is_link_only(inline) for inline, single in rest)
        if rest and (self.in_refs or refs_only):
            for inline, _ in rest:
                self._reference_item(inline)
            self.in_refs = True
            return True
        if not rest:
            return bool(todo)
        if len(todo) == 0:
            return False
        for n in range(block.start, block.end):
            if not any(s <= n < e for s, e in todo):
                self.kept_ranges.append((n, n + 1))
        return True

    def _reference_item(self, inline: Token) -> None:
        """One reference list item; `**标签**:` lines glued to it (lazy continuation) count too."""
        plain = []
        for line in inline.content.split("\n"):
            found = meta_lines(line)
            if found:
                self.tags.extend(found.get("tags", []))
                self.practice.extend(found.get("practice", []))
            elif line.strip():
                plain.append(line.strip())
        links = links_in_inline(inline)
        if links:
            self.references.extend(links)
        elif plain:  # a citation without a link (a book, a paper title) is kept, URL empty
            self.references.append(Reference(title=" ".join(plain), url=""))

    def answer(self, code_lines: frozenset[int], base_dir: Path | None) -> tuple[str, str]:
        """The answer as written (for the status) and with inline rewrites (for storage);
        code lines are never rewritten."""
        wanted: set[int] = set()
        for start, end in self.kept_ranges:
            wanted.update(range(start, end))
        if not wanted:
            return "", ""
        raw: list[str] = []
        shown: list[str] = []
        chunk: list[str] = []
        for n in range(min(wanted), max(wanted) + 1):
            line = self.lines[n] if n in wanted else ""
            raw.append(line)
            if n in code_lines:
                if chunk:
                    shown.append(rewrite_inline("\n".join(chunk), base_dir))
                    chunk = []
                shown.append(line)
            else:
                chunk.append(line)
        if chunk:
            shown.append(rewrite_inline("\n".join(chunk), base_dir))
        return _tidy("\n".join(raw)), _tidy("\n".join(shown))


def _tidy(text: str) -> str:
    return _EXTRA_BLANKS.sub("\n\n", text).strip()


def _status(answer: str, todo: bool) -> NoteStatus:
    has_text = bool(_WORDY.search(strip_images(answer)))
    if not has_text:
        return "draft"
    return "partial" if todo else "answered"


@dataclass(frozen=True)
class Section:
    """The notes of one stretch of a file, and what the stretch hands on to the next one."""

    notes: tuple[Note, ...]
    final_topic: str | None
    open_tail: bool  # may end inside a fence, math or HTML block: not a safe place to cut


def _normalise(text: str, source: str) -> str:
    if not isinstance(text, str):
        raise NotesError(f"{source}: notes must be text, not {type(text).__name__}.")
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_section(text: str, *, base_dir: Path | None = None, topic: str | None = None,
                  line_offset: int = 0) -> Section:
    """Parse a stretch of a notes file that starts under `topic` at line `line_offset`."""
    lines = text.split("\n")
    tokens = block_parser().parse(text)
    blocks = _top_level_blocks(tokens, len(lines))
    code_lines = frozenset(n for tok in tokens if tok.type in {"fence", "code_block"} and tok.map
                           for n in range(tok.map[0], tok.map[1]))
    notes: list[Note] = []
    current: tuple[str | None, str, int, _NoteBuilder] | None = None

    def finish() -> None:
        if current is None:
            return
        number, title, line, builder = current
        raw_answer, answer = builder.answer(code_lines, base_dir)
        notes.append(Note(topic=topic, number=number, title=title, answer=answer,
                          references=tuple(dict.fromkeys(builder.references)),
                          status=_status(raw_answer, builder.todo), line=line + line_offset,
                          tags=tuple(dict.fromkeys(builder.tags)),
                          practice=tuple(dict.fromkeys(builder.practice))))

    skipping = False
    for block in blocks:
        heading = _heading(block)
        if heading is not None and heading[0] <= 2:
            finish()
            current = None
            level, heading_text = heading
            if level == 1:
                topic = heading_text or None
                skipping = True
                continue
            number, title = _split_heading(heading_text)
            if (number is None and title.casefold() == "todo") or not title:
                skipping = True
                continue
            skipping = False
            current = (number, title, block.start + 1, _NoteBuilder(lines))
            continue
        if current is not None and not skipping:
            current[3].add(block)
    finish()
    return Section(notes=tuple(notes), final_topic=topic, open_tail=_open_tail(blocks, lines))


_SWALLOWING = {"fence", "math_block", "html_block", "code_block", "blockquote_open"}


def _open_tail(blocks: list[Block], lines: list[str]) -> bool:
    """Could a block left open at the end of this stretch swallow what follows it? True for
    a fence, HTML or math block that runs to the end, and for a top-level paragraph opening
    with `$$` (a display formula whose closing `$$` may come later in the file)."""
    if blocks and blocks[-1].kind in _SWALLOWING and blocks[-1].end >= len(lines) - 1:
        return True
    return any(b.kind == "paragraph_open" and lines[b.start].lstrip().startswith("$$")
               for b in blocks)


def duplicate_warnings(notes: tuple[Note, ...], source: str) -> tuple[str, ...]:
    """A question asked twice in one file is kept twice, but the author should know."""
    seen: dict[str, int] = {}
    warnings = []
    for note in notes:
        key = title_key(note.title)
        if key in seen:
            warnings.append(f"{source}:{note.line}: question '{note.title}' repeats the one on "
                            f"line {seen[key]}; both are kept, told apart by position.")
        seen.setdefault(key, note.line)
    return tuple(warnings)


def parse_notes(text: str, *, base_dir: Path | None = None, source: str = "<text>") -> ParsedNotes:
    """Parse notes text (already decoded). `base_dir` is where relative image paths are
    looked up; images that are not there become visible placeholders."""
    section = parse_section(_normalise(text, source), base_dir=base_dir)
    return ParsedNotes(notes=section.notes, warnings=duplicate_warnings(section.notes, source))


def read_notes_file(path: Path) -> ParsedNotes:
    """Read, decode and parse one notes file; images are looked up beside it."""
    return parse_notes(read_text(path), base_dir=path.parent, source=str(path))
