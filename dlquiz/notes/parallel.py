"""Parse a large notes file on two cores: cut it at `#`/`##` headings, parse the pieces in
separate processes, and stitch the notes back together.

A cut is only kept when markdown-it's own view of the piece before it shows nothing left
open (no fence, HTML or math block running into the cut); otherwise the file is parsed in
one piece. The result is identical to `parse_notes` (tests/unit/notes/test_parallel.py).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from dlquiz.notes.model import Note, ParsedNotes
from dlquiz.notes.parser import (
    Section,
    _normalise,
    duplicate_warnings,
    parse_notes,
    parse_section,
)

MIN_LINES = 20_000  # below this, starting a process costs more than it saves
_HEADING = re.compile(r"#{1,2}[ \t]")


def cut_points(lines: list[str], pieces: int) -> list[int]:
    """Candidate cuts near equal fractions of the file: a `#`/`##` line after a blank line."""
    cuts: list[int] = []
    for part in range(1, pieces):
        target = len(lines) * part // pieces
        for line in range(target, len(lines)):
            if _HEADING.match(lines[line]) and not lines[line - 1].strip():
                if not cuts or line > cuts[-1]:
                    cuts.append(line)
                break
    return cuts


INHERITED = "\x00inherited-topic"  # stands for "the topic the previous piece ended in"
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_INTERVAL = 0.2  # seconds between two looks at the parent where prctl is missing


def _set_parent_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is not
    available (other systems, no libc)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Portable fallback: a daemon thread that ends the worker once it has been orphaned."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="dlquiz-parent-watch", daemon=True).start()


def die_with_parent(parent: int) -> None:
    """Pool initializer: a parse worker never outlives the process that started it. A
    killed import used to leave its worker (120 MB) running for good, waiting on a queue
    nobody would write to again."""
    if not _set_parent_death_signal():
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _parse_piece(text: str, base_dir: Path | None, line_offset: int, first: bool,
                 source: str) -> Section:
    return parse_section(text, base_dir=base_dir, line_offset=line_offset,
                         topic=None if first else INHERITED, source=source)


def parse_notes_parallel(text: str, *, base_dir: Path | None = None, source: str = "<text>",
                         workers: int | None = None, min_lines: int = MIN_LINES) -> ParsedNotes:
    """Same result as `parse_notes`, faster on big files when more than one core is free."""
    text = _normalise(text, source)
    lines = text.split("\n")
    workers = workers or min(2, os.cpu_count() or 1)
    if workers < 2 or len(lines) < min_lines:
        return parse_notes(text, base_dir=base_dir, source=source)
    cuts = cut_points(lines, workers)
    if not cuts:
        return parse_notes(text, base_dir=base_dir, source=source)
    bounds = list(zip([0, *cuts], [*cuts, len(lines)], strict=True))
    pieces = ["\n".join(lines[start:end]) for start, end in bounds]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(pieces) - 1, mp_context=context,
                             initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(_parse_piece, piece, base_dir, start, False, source)
                   for piece, (start, _end) in zip(pieces[1:], bounds[1:], strict=True)]
        sections = [_parse_piece(pieces[0], base_dir, 0, True, source)]  # this process: piece 0
        sections.extend(future.result() for future in futures)
    if any(section.open_tail for section in sections[:-1]):
        return parse_notes(text, base_dir=base_dir, source=source)
    notes: list[Note] = []
    topic: str | None = None
    for section in sections:
        notes.extend(note if note.topic != INHERITED else replace(note, topic=topic)
                     for note in section.notes)
        if section.final_topic != INHERITED:
            topic = section.final_topic
    merged = tuple(notes)
    found = tuple(w for section in sections for w in section.warnings)
    return ParsedNotes(notes=merged, warnings=found + duplicate_warnings(merged, source))
