"""Spreadsheet formula injection (OWASP "CSV injection"): a cell that begins with `=`, `+`,
`-`, `@`, a tab or a carriage return is run as a formula by spreadsheet programs, so the
export writes it with a leading `'` (which they show as text) and the import takes that
`'` off again. A cell that already begins with `'` before such a character gets one more,
so every cell comes back exactly as it was exported."""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _needs_quote(cell: str) -> bool:
    rest = cell.lstrip(QUOTE)
    return rest.startswith(TRIGGERS)


def escape_cell(cell: str) -> str:
    """The cell as written to a CSV/TSV file."""
    return QUOTE + cell if _needs_quote(cell) else cell


def unescape_cell(cell: str) -> str:
    """The cell as read from a CSV/TSV file (the inverse of escape_cell)."""
    if cell.startswith(QUOTE) and _needs_quote(cell[1:]):
        return cell[1:]
    return cell
