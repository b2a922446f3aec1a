"""Write a built-in answer into the user's own notes file, where the `- [ ] TODO` was.

Pure text surgery: the file is cut into lines with their own endings, the lines the parser
reads as TODO markers are replaced by the answer, the built-in references go at the end of
the note's own reference list, and every other character stays as it was (BOM, CRLF, trailing
spaces, a missing final newline). Line numbers agree with the parser's because both count
`\\r\\n`, `\\r` and `\\n` as one line break each.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dlquiz.notes.blocks import Block, is_link_only, is_ref_header, is_todo_text, list_items
from dlquiz.notes.builtin_section import BuiltinAnswer
from dlquiz.notes.followups import starts_with_question
from dlquiz.notes.labels import FOLLOWUP_WORDS, is_label
from dlquiz.notes.markdown import block_parser
from dlquiz.notes.model import Note, Reference
from dlquiz.notes.parser import _top_level_blocks  # the parser's own notion of a block

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_ENDING = re.compile(r"(\r\n|\r|\n)\Z")
_LIST_MARKER = re.compile(r"^(\s*)([-*+])\s")
_BOM = "\ufeff"
REFERENCE_HEADER = "**参考资料**"


@dataclass(frozen=True)
class Edit:
    """Replace lines [start, end) (0-based) of the file with `lines` (no line endings)."""

    start: int
    end: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class FilledText:
    """The new text of the file and, per filled note, the edits made (in file order)."""

    text: str
    edits: tuple[Edit, ...]


def split_lines(text: str) -> list[str]:
    """Lines with their own endings; joining them gives `text` back exactly."""
    return _LINE.findall(text)


def _ending(line: str) -> str:
    found = _ENDING.search(line)
    return found.group(1) if found else ""


def _body(line: str) -> str:
    return line[: len(line) - len(_ending(line))]


def _blank(lines: Sequence[str], index: int) -> bool:
    return not (0 <= index < len(lines)) or not _body(lines[index]).strip()


@dataclass(frozen=True)
class _Parsed:
    """The file's lines (with endings) and top-level blocks, parsed once per fill."""

    lines: list[str]
    blocks: list[Block]
    heads: list[int]


def _parse(text: str) -> _Parsed:
    normalised = text.lstrip(_BOM).replace("\r\n", "\n").replace("\r", "\n")
    count = len(normalised.split("\n"))
    blocks = _top_level_blocks(block_parser().parse(normalised), count)
    heads = sorted(b.start for b in blocks
                   if b.kind == "heading_open" and int(b.tokens[0].tag[1]) <= 2)
    return _Parsed(lines=split_lines(text.lstrip(_BOM)), blocks=blocks, heads=heads)


def _span(parsed: _Parsed, note: Note) -> tuple[int, int]:
    """A note's 0-based [heading, end) lines: up to the next heading of level one or two
    outside code, as the parser cuts notes."""
    start = note.line - 1
    return start, next((h for h in parsed.heads if h > start), len(parsed.lines))


def _blocks_in(blocks: Sequence[Block], start: int, end: int) -> list[Block]:
    return [b for b in blocks if start < b.start < end]


def _todo_ranges(blocks: Sequence[Block]) -> list[tuple[int, int]]:
    """The line ranges the parser reads as TODO markers: `- [ ] TODO` items (and `[ ]`),
    a lone `TODO` paragraph."""
    found: list[tuple[int, int]] = []
    for block in blocks:
        text = block.inline_content()
        if text is not None and is_todo_text(text):
            found.append((block.start, block.end))
        elif block.kind in {"bullet_list_open", "ordered_list_open"}:
            found.extend((s, e) for s, e, inline, _ in list_items(block)
                         if inline is not None and is_todo_text(inline.content))
    return found


def _first_link_item(block: Block) -> int | None:
    """The line of a list's first link item when the list holds only links (and TODO
    markers): the parser reads such a list as the note's references."""
    items = [(start, inline, single) for start, _, inline, single in list_items(block)
             if inline is None or not is_todo_text(inline.content)]
    if items and all(inline is not None and single and is_link_only(inline)
                     for _, inline, single in items):
        return items[0][0]
    return None


def _reference_end(blocks: Sequence[Block],
                   lines: Sequence[str]) -> tuple[int | None, int, str] | None:
    """Where new references go: after the last line of the list (or link paragraphs) under
    the note's reference header, with that list's item indent and marker. A note whose links
    stand in a list without a header gets one (else the answer's last list and that one
    would run together): its line comes first. None when the note has no references."""
    first, header_at = None, None
    for i, block in enumerate(blocks):
        text = block.inline_content()
        if text is not None and is_ref_header(text):
            first, last = i + 1, block.start
            break
        link = _first_link_item(block) if block.kind == "bullet_list_open" else None
        if link is not None:
            first, last, header_at = i, link, link
            break
    if first is None:
        return None
    prefix = "- "
    for follower in blocks[first:]:
        inline = follower.inline_content()
        if follower.kind == "bullet_list_open":
            items = list_items(follower)
            marker = _LIST_MARKER.match(_body(lines[items[-1][0]])) if items else None
            prefix = f"{marker.group(1)}{marker.group(2)} " if marker else "- "
        elif not (follower.kind == "ordered_list_open" or (
                inline is not None and is_link_only(follower.tokens[1]))):
            break
        last = follower.end - 1
        while last > follower.start and _blank(lines, last):
            last -= 1
    return header_at, last + 1, prefix


def reference_item(ref: Reference) -> str:
    """`[title](url)` with the brackets of the title escaped; a bare title without a URL."""
    title = ref.title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    if not ref.url:
        return title
    url = f"<{ref.url}>" if re.search(r"[\s()<>]", ref.url) else ref.url
    return f"[{title}]({url})"


def _new_references(note: Note, builtin: BuiltinAnswer) -> list[Reference]:
    have = {r.url or r.title for r in note.references}
    return [r for r in builtin.references if (r.url or r.title) not in have]


def _plan(parsed: _Parsed, note: Note, builtin: BuiltinAnswer) -> list[Edit]:
    """The edits that fill one note: its first TODO marker becomes the answer (a note with
    no marker gets it under its heading), further markers go, new references are appended
    to its reference list (or, under a new header, end the note)."""
    span = _span(parsed, note)
    lines = parsed.lines
    blocks = _blocks_in(parsed.blocks, *span)
    todos = [_trimmed(lines, s, e) for s, e in _todo_ranges(blocks)]
    answer = without_followups(builtin.answer.replace("\r\n", "\n")).split("\n")
    refs = _new_references(note, builtin)
    where = _reference_end(blocks, lines)
    start, end = todos[0] if todos else (span[0] + 1, span[0] + 1)
    tail = _last_line(lines, span, todos) + 1
    header = [REFERENCE_HEADER, "", *(f"- {reference_item(r)}" for r in refs)]
    if where is None and refs and tail <= end:  # nothing of the note follows the answer
        answer += ["", *header]
    edits = [Edit(start, end, _separated(lines, start, end, answer))]
    edits += [Edit(s, e, ()) for s, e in todos[1:]]
    if where is None and refs and tail > end:  # a new list at the end of the note
        edits.append(Edit(tail, tail, _separated(lines, tail, tail, header)))
    elif where is not None:
        header_at, at, prefix = where
        if header_at is not None:
            edits.append(Edit(header_at, header_at,
                              _separated(lines, header_at, header_at, [REFERENCE_HEADER])))
        if refs:
            edits.append(Edit(at, at, tuple(f"{prefix}{reference_item(r)}" for r in refs)))
    return sorted(edits, key=lambda e: e.start)


def _last_line(lines: Sequence[str], span: tuple[int, int],
               todos: Sequence[tuple[int, int]]) -> int:
    """The note's last non-blank line that is not a TODO marker (its heading at least)."""
    marked = {n for s, e in todos for n in range(s, e)}
    last = span[0]
    for n in range(span[0], min(span[1], len(lines))):
        if n not in marked and not _blank(lines, n):
            last = n
    return last


def without_followups(answer: str) -> str:
    """The answer without its `**追问**` list: the built-in note's follow-up questions stay
    its own cards (with their history) instead of turning up a second time as the user's."""
    lines = answer.split("\n")
    blocks = _top_level_blocks(block_parser().parse(answer), len(lines))
    dropped: set[int] = set()
    inside = False
    for block in blocks:
        text = block.inline_content()
        if text is not None and is_label(text, FOLLOWUP_WORDS):
            inside = True
        elif not inside:
            continue
        elif block.kind in {"bullet_list_open", "ordered_list_open"}:
            inside = False
        elif text is None or not starts_with_question(text):
            inside = False
            continue
        dropped.update(range(block.start, block.end))
    kept = [line for n, line in enumerate(lines) if n not in dropped]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")


def _trimmed(lines: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """A marker's range without the blank lines markdown counts into a list item."""
    while end > start + 1 and _blank(lines, end - 1):
        end -= 1
    return start, end


def _separated(lines: Sequence[str], start: int, end: int, body: list[str]) -> tuple[str, ...]:
    """`body` with a blank line before and after where the neighbours are not blank, so the
    answer is its own block whatever surrounded the marker."""
    before = [] if _blank(lines, start - 1) else [""]
    after = [] if _blank(lines, end) else [""]
    return (*before, *body, *after)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """`text` with the edits made; new lines take the ending of the line they follow (or of
    the file's first line), and untouched lines keep theirs byte for byte."""
    bom = _BOM if text.startswith(_BOM) else ""
    lines = split_lines(text[len(bom):])
    default = next((_ending(line) for line in lines if _ending(line)), "\n")
    out: list[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: e.start):
        out.extend(lines[cursor:edit.start])
        replaced = lines[edit.start:edit.end]
        if replaced:
            eol = _ending(replaced[0]) or default
            tail = _ending(replaced[-1])
        else:
            eol = _ending(lines[edit.start - 1]) if edit.start > 0 else default
            eol = eol or default
            tail = eol
        if edit.start >= len(lines) and out and not _ending(out[-1]):
            out[-1] += default  # appending after a last line that had no ending
        new = list(edit.lines)
        if new:
            out.extend(line + eol for line in new[:-1])
            out.append(new[-1] + (tail if replaced else eol))
        elif replaced and not tail and out:  # the removed lines ended the file
            out[-1] = _body(out[-1])
        cursor = max(cursor, edit.end)
    out.extend(lines[cursor:])
    return bom + "".join(out)


def fill_text(text: str, notes: Sequence[Note],
              answers: Mapping[int, BuiltinAnswer]) -> FilledText:
    """Fill the notes whose heading line is a key of `answers` (text as read, BOM and line
    endings included)."""
    parsed = _parse(text)
    edits: list[Edit] = []
    for note in notes:
        if note.line in answers:
            edits += _plan(parsed, note, answers[note.line])
    return FilledText(text=apply_edits(text, edits), edits=tuple(edits))
