"""Collect the blocks of one note and decide what is answer, TODO marker, reference, meta
line or follow-up; then cut the answer out of the source lines as written."""

from __future__ import annotations

import re
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
from dlquiz.notes.builtin_section import is_end, is_start
from dlquiz.notes.followups import read_followups, starts_with_question
from dlquiz.notes.inline import rewrite_inline, strip_images
from dlquiz.notes.labels import FOLLOWUP_WORDS, is_label
from dlquiz.notes.model import FollowUp, NoteStatus, Reference

_EXTRA_BLANKS = re.compile(r"\n{3,}")
_WORDY = re.compile(r"\w")
_LISTS = {"bullet_list_open", "ordered_list_open"}


class NoteBuilder:
    """One note's blocks, in order. `lines` are the source lines of the stretch being read,
    `line_offset` where that stretch starts in the file."""

    def __init__(self, lines: list[str], base_dir: Path | None, line_offset: int = 0) -> None:
        self.lines = lines
        self.base_dir = base_dir
        self.line_offset = line_offset
        self.kept_ranges: list[tuple[int, int]] = []
        self.references: list[Reference] = []
        self.tags: list[str] = []
        self.practice: list[str] = []
        self.followups: list[FollowUp] = []
        self.followup_keys: dict[str, int] = {}
        self.todo = False
        self.in_refs = False
        self.in_followups = False
        self.in_builtin = False  # inside the built-in section an export added

    def add(self, block: Block) -> None:
        raw = block.tokens[0].content.strip()
        comment = block.kind == "html_block" and raw.startswith("<!--") and raw.endswith("-->")
        if comment and (is_start(raw) or is_end(raw)):
            self.in_builtin = is_start(raw)
            return
        if self.in_builtin:  # the built-in answer is the built-in note's, not this one's
            return
        self._followups(block)
        text = block.inline_content()
        if comment:
            return
        if text is not None and self._paragraph(block, text):
            return
        if block.kind in _LISTS and self._list(block):
            return
        self.in_refs = False
        self.kept_ranges.append((block.start, block.end))

    def _followups(self, block: Block) -> None:
        """Read a follow-up list (or `Q:` paragraphs) after a `**追问**` label; the blocks
        themselves stay answer text."""
        text = block.inline_content()
        if text is not None and is_label(text, FOLLOWUP_WORDS):
            self.in_followups = True
            return
        if not self.in_followups:
            return
        if block.kind in _LISTS:
            items = [(start, self.lines[start:end]) for start, end, _, _ in list_items(block)]
            self.in_followups = False
        elif text is not None and starts_with_question(text):
            items = [(block.start, self.lines[block.start : block.end])]
        else:
            self.in_followups = False
            return
        found = read_followups([(self.line_offset + start + 1, lines) for start, lines in items],
                               self.followup_keys)
        self.followups.extend(
            FollowUp(question=rewrite_inline(f.question, self.base_dir),
                     answer=rewrite_inline(f.answer, self.base_dir), line=f.line, key=f.key)
            for f in found)

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
        dropped = {n for start, end in todo for n in range(start, end)}
        self.kept_ranges.extend((n, n + 1) for n in range(block.start, block.end)
                                if n not in dropped)
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

    def answer(self, code_lines: frozenset[int]) -> tuple[str, str]:
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
                    shown.append(rewrite_inline("\n".join(chunk), self.base_dir))
                    chunk = []
                shown.append(line)
            else:
                chunk.append(line)
        if chunk:
            shown.append(rewrite_inline("\n".join(chunk), self.base_dir))
        return _tidy("\n".join(raw)), _tidy("\n".join(shown))

    def status(self, raw_answer: str) -> NoteStatus:
        if not _WORDY.search(strip_images(raw_answer)):
            return "draft"
        return "partial" if self.todo else "answered"


def _tidy(text: str) -> str:
    return _EXTRA_BLANKS.sub("\n\n", text).strip()
