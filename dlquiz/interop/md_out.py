"""A deck written back in the notes format: one markdown file per topic (`# topic`, then
`## NNN title` notes with their answer, reference list, tags and practice lines), so that
importing the files into a new deck gives the same notes again."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dlquiz.notes.builtin_section import section_markdown
from dlquiz.store.interop import ExportNote

_UNSAFE = re.compile(r"[^\w\-]+")
# notes.inline.missing_image_placeholder's text, turned back into the image it stands for
_MISSING_IMAGE = re.compile(r"\[图片缺失: (?:(?P<alt>[^\]\n]*?) · )?(?P<src>[^\s\]]+)\]")
UNTOPICED = "notes"


def file_name(topic: str | None, taken: set[str]) -> str:
    """A file name for a topic, unique within the folder."""
    base = _UNSAFE.sub("_", topic).strip("_") if topic else UNTOPICED
    base = base or "topic"
    name = f"{base}.md"
    n = 2
    while name.casefold() in taken:
        name = f"{base}_{n}.md"
        n += 1
    taken.add(name.casefold())
    return name


def _reference(title: str, url: str) -> str:
    if not url:
        return f"- {title}"
    label = title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"- [{label}]({url})" if label != url else f"- <{url}>"


def _images_back(answer: str) -> str:
    """A missing image is stored as a visible placeholder; the file gets the image back,
    so importing it gives the same placeholder (and the same status: an image alone is
    not an answer)."""
    return _MISSING_IMAGE.sub(lambda m: f"![{m.group('alt') or ''}]({m.group('src')})", answer)


def note_markdown(note: ExportNote) -> str:
    heading = f"## {note.number} {note.title}" if note.number else f"## {note.title}"
    parts = [heading]
    if note.answer:
        parts.append(_images_back(note.answer))
    if note.status in ("partial", "draft"):
        parts.append("- [ ] TODO")
    if note.twin is not None:  # skipped by the importer: the note stays a draft
        parts.append(section_markdown(note.twin))
    if note.references:
        parts.append("**参考资料**\n\n" + "\n".join(_reference(r.title, r.url)
                                                   for r in note.references))
    meta = []
    if note.tags:
        meta.append("**标签**: " + ", ".join(note.tags))
    if note.practice:
        meta.append("**练习**: " + ", ".join(note.practice))
    if meta:
        parts.append("\n".join(meta))
    return "\n\n".join(parts) + "\n"


def topic_files(notes: Sequence[ExportNote]) -> dict[str, str]:
    """file name -> markdown text, one file per topic, notes in the order given."""
    by_topic: dict[str | None, list[ExportNote]] = {}
    for note in notes:
        by_topic.setdefault(note.topic, []).append(note)
    taken: set[str] = set()
    files = {}
    for topic, members in by_topic.items():
        head = f"# {topic}\n\n" if topic else ""
        files[file_name(topic, taken)] = head + "\n".join(note_markdown(n) for n in members)
    return files
