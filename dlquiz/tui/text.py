"""Preparing note and question text for the TUI: formulas as Unicode, no control codes."""

from __future__ import annotations

from dlquiz.notes.formulas import render_formulas


def visible(text: str) -> str:
    """Control characters (e.g. ANSI escapes pasted into a note) become visible symbols."""
    return "".join(ch if ch in "\n\t" or ord(ch) >= 32 else chr(0x2400 + ord(ch))
                   for ch in text)


def display_markdown(text: str) -> str:
    return visible(render_formulas(text))
