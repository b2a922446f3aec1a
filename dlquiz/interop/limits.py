"""How much an Anki package may unpack to. A package is untrusted input: a 1 MB zip can
declare (or really hold) gigabytes of zeros. Every entry is checked against these limits
from the sizes the zip declares before anything is written, and copied in chunks with a
running count, so a header that lies is caught as well and memory never holds more than a
chunk."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from dlquiz.store.schema import InputError

CHUNK = 1 << 20
MAX_ENTRY_BYTES = 200 * 1024**2  # one media file
MAX_COLLECTION_BYTES = 2 * 1024**3  # the collection itself
MAX_TOTAL_BYTES = 2 * 1024**3  # every media file of one import together
MAX_RATIO = 100  # unpacked / packed: past this (for entries over RATIO_FLOOR) a zip bomb
RATIO_FLOOR = 1024**2  # small entries (a text file of a few KB) may compress very well


def _mb(count: int) -> str:
    return f"{count / 1024**2:.0f} MB"


def entry_problem(unpacked: int, packed: int, limit: int) -> str | None:
    """Why an entry of these sizes is refused, or None."""
    if unpacked > limit:
        return f"unpacks to {_mb(unpacked)}, more than the {_mb(limit)} allowed"
    if unpacked > RATIO_FLOOR and unpacked > MAX_RATIO * max(packed, 1):
        return (f"unpacks to {_mb(unpacked)} from {packed} bytes, over {MAX_RATIO} times "
                "its packed size (a zip bomb)")
    return None


def copy_bounded(source: IO[bytes], write: Callable[[bytes], object], limit: int,
                 refuse: Callable[[str], InputError]) -> int:
    """Copy `source` to `write` a chunk at a time; past `limit` bytes, raise refuse(why).
    Returns the number of bytes copied."""
    copied = 0
    while chunk := source.read(CHUNK):
        copied += len(chunk)
        if copied > limit:
            raise refuse(f"unpacks to more than the {_mb(limit)} allowed")
        write(chunk)
    return copied
