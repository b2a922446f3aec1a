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

from dlquiz.notes.blocks import Block
from dlquiz.notes.builder import NoteBuilder
from dlquiz.notes.errors import NotesError
from dlquiz.notes.identity import title_key
from dlquiz.notes.markdown import block_parser
from dlquiz.notes.model import Note, ParsedNotes
from dlquiz.notes.reading import read_text
from dlquiz.notes.swallowed import describe, swallowed

_NUMBER = re.compile(r"\d+")
_NUMBER_END = re.compile(r"[\s.、:：)\]]+")


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


@dataclass(frozen=True)
class Section:
    """The notes of one stretch of a file, and what the stretch hands on to the next one."""

    notes: tuple[Note, ...]
    final_topic: str | None
    open_tail: bool  # may end inside a fence, math or HTML block: not a safe place to cut
    warnings: tuple[str, ...] = ()


def _normalise(text: str, source: str) -> str:
    if not isinstance(text, str):
        raise NotesError(f"{source}: notes must be text, not {type(text).__name__}.")
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_section(text: str, *, base_dir: Path | None = None, topic: str | None = None,
                  line_offset: int = 0, source: str = "<text>") -> Section:
    """Parse a stretch of a notes file that starts under `topic` at line `line_offset`."""
    lines = text.split("\n")
    tokens = block_parser().parse(text)
    blocks = _top_level_blocks(tokens, len(lines))
    code_lines = frozenset(n for tok in tokens if tok.type in {"fence", "code_block"} and tok.map
                           for n in range(tok.map[0], tok.map[1]))
    notes: list[Note] = []
    warnings: list[str] = []
    current: tuple[str | None, str, int, NoteBuilder] | None = None

    def finish() -> None:
        if current is None:
            return
        number, title, line, builder = current
        raw_answer, answer = builder.answer(code_lines)
        notes.append(Note(topic=topic, number=number, title=title, answer=answer,
                          references=tuple(dict.fromkeys(builder.references)),
                          status=builder.status(raw_answer), line=line + line_offset,
                          tags=tuple(dict.fromkeys(builder.tags)),
                          practice=tuple(dict.fromkeys(builder.practice)),
                          followups=tuple(builder.followups)))

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
            current = (number, title, block.start + 1,
                       NoteBuilder(lines, base_dir, line_offset))
            continue
        owner = None if current is None or skipping else current
        for line, what, heads in swallowed(block.tokens, lines, line_offset):
            name = None if owner is None else (f"note {owner[0]}'s answer" if owner[0] else
                                               f"the answer to '{owner[1]}'")
            warnings.append(describe(line, what, heads, lines, line_offset, name, source))
        if owner is not None:
            owner[3].add(block)
    finish()
    return Section(notes=tuple(notes), final_topic=topic, open_tail=_open_tail(blocks, lines),
                   warnings=tuple(warnings))


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
    section = parse_section(_normalise(text, source), base_dir=base_dir, source=source)
    return ParsedNotes(notes=section.notes,
                       warnings=section.warnings + duplicate_warnings(section.notes, source))


def read_notes_file(path: Path) -> ParsedNotes:
    """Read, decode and parse one notes file; images are looked up beside it."""
    return parse_notes(read_text(path), base_dir=path.parent, source=str(path))
