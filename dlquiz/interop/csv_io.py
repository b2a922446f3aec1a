"""CSV and TSV: one row per note, with a header row naming the columns.

Export writes deck, topic, number, title, answer (markdown), references (one markdown link
per line), tags, status, the note's key and its practice kinds, and with cards the
scheduling columns. Import
needs a header naming at least a question and an answer column (a few common names are
accepted for each); the other columns are optional.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dlquiz.interop.cells import escape_cell, unescape_cell
from dlquiz.notes.builtin_section import with_section, without_section
from dlquiz.notes.model import Note, NoteStatus, Reference
from dlquiz.notes.reading import decode_notes
from dlquiz.store.interop import ExportNote
from dlquiz.store.schema import STATE_NAMES, InputError

NOTE_COLUMNS = ("deck", "topic", "number", "title", "answer", "references", "tags", "status",
                "key", "practice")
CARD_COLUMNS = ("state", "due", "last_review", "stability", "difficulty", "reps", "lapses",
                "suspended")
ALIASES = {
    "title": ("title", "question", "front", "问题", "题目"),
    "answer": ("answer", "back", "答案"),
    "deck": ("deck",), "topic": ("topic", "主题"), "number": ("number", "no", "编号"),
    "references": ("references", "refs", "参考资料"), "tags": ("tags", "标签"),
    "status": ("status",), "key": ("key",), "practice": ("practice", "练习"),
}
STATUSES = ("answered", "partial", "draft")
_LINK = re.compile(r"\[(?P<title>(?:\\.|[^\]\\])*)\]\((?P<url>[^)\s]*)\)|<(?P<auto>https?://[^>]+)>"
                   r"|(?P<bare>https?://\S+)")
_WORDY = re.compile(r"\w")


def delimiter_for(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _references_text(refs: Sequence[tuple[str, str]]) -> str:
    return "\n".join(f"[{title}]({url})" if url else title for title, url in refs)


def export_rows(notes: Sequence[ExportNote], *, cards: bool) -> list[list[str]]:
    """The header and one row per note."""
    header = list(NOTE_COLUMNS) + (list(CARD_COLUMNS) if cards else [])
    rows = [header]
    for note in notes:
        row = [note.deck, note.topic or "", note.number or "", note.title,
               with_section(note.answer, note.twin),
               _references_text([(r.title, r.url) for r in note.references]),
               " ".join(note.tags), note.status, note.key, " ".join(note.practice)]
        if cards:
            card = note.card
            row += ["", "", "", "", "", "", "", ""] if card is None else [
                STATE_NAMES[card.state], card.due.isoformat(),
                card.last_review.isoformat() if card.last_review else "",
                "" if card.stability is None else f"{card.stability:.4f}",
                "" if card.difficulty is None else f"{card.difficulty:.4f}",
                str(card.reps), str(card.lapses), "yes" if card.suspended else "no"]
        rows.append(row)
    return rows


def write_rows(path: Path, rows: Sequence[Sequence[str]], delimiter: str) -> None:
    """UTF-8 with a BOM (spreadsheet programs then read CJK text right), CRLF rows; cells
    that a spreadsheet would run as formulas are quoted (see cells)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(
        [escape_cell(cell) for cell in row] for row in rows)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8", newline="")
    partial.replace(path)


@dataclass(frozen=True)
class CsvNote:
    deck: str | None
    key: str | None
    note: Note


def _columns(header: Sequence[str], path: Path) -> dict[str, int]:
    found: dict[str, int] = {}
    names = [cell.strip().casefold() for cell in header]
    for column, aliases in ALIASES.items():
        index = next((names.index(a) for a in aliases if a in names), None)
        if index is not None:
            found[column] = index
    missing = [c for c in ("title", "answer") if c not in found]
    if missing:
        shown = ", ".join(f"'{cell.strip()}'" for cell in header if cell.strip()) or "nothing"
        raise InputError(
            f"{path}: line 1 names the columns {shown}, but an import needs a "
            f"{' and an '.join('question' if c == 'title' else c for c in missing)} column "
            "(header names: question/title/front, answer/back); nothing was imported.")
    return found


def _references(text: str) -> tuple[Reference, ...]:
    refs = []
    for line in text.splitlines():
        match = _LINK.search(line)
        if match is None:
            if line.strip():
                refs.append(Reference(title=line.strip(), url=""))
            continue
        url = match.group("url") or match.group("auto") or match.group("bare") or ""
        title = match.group("title")
        refs.append(Reference(title=re.sub(r"\\(.)", r"\1", title) if title else url,
                              url=url))
    return tuple(refs)


def _words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in re.split(r"[\s,，]+", text) if t))


def _status(value: str, answer: str, path: Path, line: int) -> NoteStatus:
    word = value.strip().casefold()
    if word in STATUSES:
        return word  # type: ignore[return-value]
    if word:
        raise InputError(f"{path}: line {line} has status '{value.strip()}'; use answered, "
                         "partial or draft (or leave it empty); nothing was imported.")
    return "answered" if _WORDY.search(answer) else "draft"


def read_csv(path: Path, data: bytes) -> list[CsvNote]:
    """The notes of a CSV/TSV file (all rows checked before anything is written)."""
    text = decode_notes(data, str(path))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter_for(path))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path}: the file is empty; a CSV import needs a header row "
                         "naming at least question and answer columns; nothing was "
                         "imported.") from None
    except csv.Error as exc:
        raise InputError(f"{path}: line 1 is not valid CSV ({exc}); "
                         "nothing was imported.") from None
    columns = _columns(header, path)
    notes: list[CsvNote] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            notes.append(_row(row, columns, path, reader.line_num))
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num} is not valid CSV ({exc}); "
                         "nothing was imported.") from None
    return notes


def _row(row: Sequence[str], columns: dict[str, int], path: Path, line: int) -> CsvNote:
    def cell(name: str) -> str:
        index = columns.get(name)
        return unescape_cell(row[index]) if index is not None and index < len(row) else ""

    title = " ".join(cell("title").split())
    if not title:
        raise InputError(f"{path}: line {line} has no question; every row needs one "
                         "(remove the row or fill it in); nothing was imported.")
    # a dlquiz export's built-in section is the built-in note's answer, not this note's
    answer = without_section(cell("answer").replace("\r\n", "\n")).strip()
    note = Note(topic=cell("topic").strip() or None, number=cell("number").strip() or None,
                title=title, answer=answer, references=_references(cell("references")),
                status=_status(cell("status"), answer, path, line), line=line,
                tags=_words(cell("tags")), practice=_words(cell("practice")))
    return CsvNote(deck=cell("deck").strip() or None, key=cell("key").strip() or None,
                   note=note)
