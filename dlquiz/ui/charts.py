"""Charts drawn with text, for plain terminals and Textual alike: vertical bars (eighth
blocks), horizontal bars, a calendar heatmap, sparklines and aligned tables.

Every width is counted in terminal cells (rich.cells), so Chinese labels, two cells per
character, line up with Latin ones. Each chart is a rich Text: styled where colour is on,
and still readable as plain characters where it is off (the heatmap's shades, the bars'
blocks carry the value without colour).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from rich.cells import cell_len, set_cell_size
from rich.text import Text

EIGHTHS = " ▁▂▃▄▅▆▇█"
LEFT_EIGHTHS = " ▏▎▍▌▋▊▉█"
SHADES = "·░▒▓█"
HEAT_STYLES = ("bright_black", "green4", "green3", "green1", "bold bright_green")
BAR_STYLE = "cyan"


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells (an ellipsis marks a cut)."""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    return set_cell_size(text, max(width - 1, 0)) + "…"


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` cells (an ellipsis marks a cut), never padded."""
    return text if cell_len(text) <= width else fit(text, width)


def right(text: str, width: int) -> str:
    return " " * max(width - cell_len(text), 0) + text


def number(value: float) -> str:
    """Short numbers for axes and bar ends: 7, 12.5, 1.2k, 35k, 1.3M."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if value >= 10_000:
        return f"{value / 1000:.0f}k"
    if value >= 1000:
        return f"{value / 1000:.1f}k"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def grouped(values: Sequence[float], columns: int) -> tuple[list[float], int]:
    """Values summed in consecutive groups so that they fit `columns` (and the group size)."""
    size = max(1, math.ceil(len(values) / max(columns, 1)))
    return [sum(values[i:i + size]) for i in range(0, len(values), size)], size


def columns(values: Sequence[float], width: int, height: int = 6,
            labels: tuple[str, str] = ("", ""), style: str = BAR_STYLE,
            under: Sequence[str] | None = None, under_label: str = "") -> Text:
    """Vertical bars, one per value (or per group of values when they are more than the
    width), with the top value on the axis and a label under each end; `under` is one
    glyph per value for a row beneath the bars (used when the values are not grouped)."""
    axis = max(cell_len(number(max(values, default=0))), 1) + 1
    room = max(width - axis - 1, 8)
    bins, _ = grouped(values, room)
    bar = max(1, min(3, room // max(len(bins), 1)))
    top = max(bins, default=0) or 1
    out = Text()
    for row in range(height, 0, -1):
        head = number(max(bins, default=0)) if row == height else ""
        out.append(right(head, axis - 1) + " ┤" if row == height else " " * axis + "│",
                   style="dim")
        for value in bins:
            eighths = round(value / top * height * 8)
            level = min(max(eighths - (row - 1) * 8, 0), 8)
            glyph = EIGHTHS[level] if value and level else " "
            if row == 1 and value and not level:
                glyph = "▁"  # a non-zero value always shows
            out.append(glyph * max(bar - 1, 1) + (" " if bar > 1 else ""), style=style)
        out.append("\n")
    span = len(bins) * bar
    out.append(" " * axis + "└" + "─" * span + "\n", style="dim")
    if under is not None and len(under) == len(bins):
        out.append(right(under_label, axis) + " ", style="dim")
        out.append("".join(fit(glyph, bar) for glyph in under) + "\n", style=style)
    first, last = labels
    gap = max(span + 1 - cell_len(first) - cell_len(last), 1)
    out.append(" " * axis + first + " " * gap + last, style="dim")
    return out


def hbars(rows: Sequence[tuple[str, float, str]], width: int, style: str = BAR_STYLE) -> Text:
    """Horizontal bars: a label, a bar in eighths of a cell, and the text after it."""
    label_width = min(max((cell_len(r[0]) for r in rows), default=0), width // 3)
    note_width = max((cell_len(r[2]) for r in rows), default=0)
    room = max(width - label_width - note_width - 2, 4)
    top = max((r[1] for r in rows), default=0) or 1
    out = Text()
    for label, value, note in rows:
        eighths = round(value / top * room * 8)
        bar = "█" * (eighths // 8) + (LEFT_EIGHTHS[eighths % 8] if eighths % 8 else "")
        if value and not bar:
            bar = "▏"
        out.append(fit(label, label_width) + " ")
        out.append(fit(bar, room), style=style)
        out.append(" " + right(note, note_width) + "\n")
    out.rstrip()
    return out


def sparkline(values: Sequence[float | None], low: float | None = None,
              high: float | None = None) -> str:
    """One cell per value, ▁ to █ between `low` and `high` (the smallest and largest value
    when not given); blank for None."""
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    low = min(known) if low is None else low
    high = max(known) if high is None else high
    spread = (high - low) or 1
    return "".join(" " if v is None else EIGHTHS[1 + round((v - low) / spread * 7)]
                   for v in values)


def heatmap(first_day: date, counts: Sequence[int], weekday_names: Sequence[str],
            month_name: dict[int, str]) -> Text:
    """A calendar: a column per week (Monday first), a row per weekday, shades by quartile
    of the days studied; month names above the week each month starts in."""
    start = first_day - timedelta(days=first_day.weekday())
    weeks = (len(counts) + first_day.weekday() + 6) // 7
    studied = sorted(c for c in counts if c)
    cuts = [studied[min(len(studied) - 1, len(studied) * q // 4)] for q in (1, 2, 3)] \
        if studied else [0, 0, 0]
    label = max(cell_len(n) for n in weekday_names) + 1
    top = [" "] * (weeks + 4)
    for week in range(weeks):
        day = start + timedelta(days=7 * week)
        if day.day <= 7 and (week == 0 or day.month != (day - timedelta(days=7)).month):
            name = month_name[day.month]
            free = top[max(week - 1, 0):week + cell_len(name) + 1]
            if week + cell_len(name) <= len(top) and all(c == " " for c in free):
                top[week] = name
                for i in range(1, cell_len(name)):
                    top[week + i] = ""
    out = Text(" " * label + "".join(top).rstrip() + "\n", style="dim")
    for weekday in range(7):
        out.append(fit(weekday_names[weekday], label), style="dim")
        for week in range(weeks):
            index = (start + timedelta(days=7 * week + weekday) - first_day).days
            if not 0 <= index < len(counts):
                out.append(" ")
                continue
            level = 0 if not counts[index] else 1 + sum(counts[index] > c for c in cuts)
            out.append(SHADES[level], style=HEAT_STYLES[level])
        out.append("\n")
    out.rstrip()
    return out


def table(rows: Sequence[Sequence[str]], aligns: str, width: int,
          header: Sequence[str] | None = None) -> Text:
    """Aligned columns ('l' or 'r' each); the first column gives way when space is short."""
    every = [list(header)] if header else []
    every += [list(r) for r in rows]
    if not every:
        return Text()
    widths = [max(cell_len(r[i]) for r in every) for i in range(len(aligns))]
    spare = width - sum(widths) - 2 * (len(widths) - 1)
    if spare < 0:
        widths[0] = max(widths[0] + spare, 6)
    out = Text()
    for n, row in enumerate(every):
        cells = [fit(c, w) if a == "l" else right(fit(c, w).rstrip(), w)
                 for c, w, a in zip(row, widths, aligns, strict=True)]
        out.append("  ".join(cells).rstrip() + "\n", style="bold" if header and n == 0 else "")
    out.rstrip()
    return out
