"""Note text made safe and readable for a terminal: formulas as Unicode, control codes shown.

Shared by the CLI's `show` and the TUI so both display a note the same way.
"""

from __future__ import annotations

from dlquiz.notes.formulas import render_formulas


def visible(text: str) -> str:
    """Control characters (e.g. ANSI escapes pasted into a note) become visible symbols
    (␛ for ESC) instead of being sent to the terminal."""
    return "".join(ch if ch in "\n\t" or ord(ch) >= 32 else chr(0x2400 + ord(ch))
                   for ch in text)


def display_markdown(text: str) -> str:
    return visible(render_formulas(text))
