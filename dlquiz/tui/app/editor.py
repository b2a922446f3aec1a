"""The editor `o` opens: `$VISUAL`/`$EDITOR` (default vi) at the note's line."""

from __future__ import annotations

import os
import shlex


def editor_command(path: str, line: int) -> list[str]:
    """`vi +12 -- notes.md`: +LINE is understood by vi, vim, nano, emacs, micro and kakoune
    alike, and `--` keeps a file name that starts with `-` from being read as an option."""
    editor = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")
    return [*editor, f"+{line}", "--", path]
