"""Replace a file's bytes all at once: written to a temporary file in the same folder, synced,
given the old file's mode, then renamed over it. A crash or a full disk leaves either the
old file or the new one, never half of each, and no temporary file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_all(fd: int, data: bytes) -> None:
    """Every byte of `data` to `fd` (os.write may write less than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def write_atomically(path: Path, data: bytes, mode: int) -> None:
    """`path` holds `data` afterwards, with permission bits `mode`; on any error it is as
    it was and the temporary file is gone."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".dlquiz-tmp")
    try:
        try:
            write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
