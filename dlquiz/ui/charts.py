"""Charts drawn with text, for plain terminals and Textual alike: vertical bars (eighth
blocks), horizontal bars, a calendar heatmap, sparklines and aligned tables.

Every width is counted in terminal cells (rich.cells), so Chinese labels, two cells per
character, line up with Latin ones. Each chart is a rich Text: styled where colour is on,
and still readable as plain characters where it is off (the heatmap's shades, the bars'
blocks carry the value without colour).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from dlquiz.ui.axis import Axis, axis, tick_label

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


@dataclass(frozen=True)
class Series:
    """One series of a column chart: its legend name, values and colour."""

    name: str
    values: Sequence[float]
    colour: str = BAR_STYLE


def columns(values: Sequence[float] | Sequence[Series], width: int, height: int = 6,
            labels: tuple[str, str] = ("", ""), unit: str = "",
            under: Sequence[str] | None = None, under_label: str = "",
            per_bin: Callable[[int], str] | None = None, whole: bool = False) -> Text:
    """Vertical bars, one per value (or per group of values when they are more than the
    width), stacked when several series are given, under a 1-2-5 axis from 0 whose top and
    middle ticks are labelled, with `unit` above the axis (and `per_bin(n)` after it when n
    values share a bar), a label under each end, and a legend with each series' total when
    there is more than one (`whole`: counts, so no fractional tick); `under` is one glyph
    per value for a row beneath the bars (used when the values are not grouped)."""
    every = _as_series(values)
    stacks, size, scale, ticks, axis_width = _layout(every, width, height, whole)
    bar = max(1, min(3, (width - axis_width - 1) // max(len(stacks), 1)))
    out = Text()
    head = unit + (per_bin(size) if per_bin is not None and size > 1 else "")
    if head:
        out.append(clip(head, width) + "\n", style="dim")
    for row in range(height, 0, -1):
        mark = ticks.get(row)
        out.append(right(mark, axis_width - 1) + " ┤" if mark else " " * axis_width + "│",
                   style="dim")
        for stack in stacks:
            glyph, colour = _cell(stack, row, height, scale.top, every)
            out.append(glyph * max(bar - 1, 1) + (" " if bar > 1 else ""), style=colour)
        out.append("\n")
    span = len(stacks) * bar
    out.append(right("0", axis_width - 1) + " └" + "─" * span + "\n", style="dim")
    if under is not None and len(under) == len(stacks):
        out.append(right(under_label, axis_width) + " ", style="dim")
        out.append("".join(fit(glyph, bar) for glyph in under) + "\n", style=BAR_STYLE)
    first, last = labels
    gap = max(span + 1 - cell_len(first) - cell_len(last), 1)
    out.append(clip(" " * axis_width + first + " " * gap + last, width), style="dim")
    if len(every) > 1:
        out.append("\n")
        out.append_text(legend([(s.name, s.colour, sum(s.values)) for s in every], width))
    return out


def _layout(every: list[Series], width: int, height: int,
            whole: bool) -> tuple[list[list[float]], int, Axis, dict[int, str], int]:
    """The bars (each day's values, or the daily mean of a group of days when the days
    outnumber the columns), the axis that holds the tallest, its tick labels by row, and
    the axis' width; the grouping depends on the axis' width and the axis on the grouping,
    so it is settled in two rounds."""
    axis_width = 2
    for _ in range(2):
        room = max(width - axis_width - 1, 8)
        stacks, size = _grouped_stacks(every, room)
        scale = axis(max((sum(s) for s in stacks), default=0), most_ticks=2, whole=whole)
        ticks = {height: tick_label(scale.top, scale.step)}
        if height % 2 == 0 and not (whole and scale.top % 2):
            ticks[height // 2] = tick_label(scale.top / 2, scale.step / 2)
        needed = max(cell_len(t) for t in [*ticks.values(), "0"]) + 1
        if needed == axis_width:
            break
        axis_width = needed
    return stacks, size, scale, ticks, axis_width


def _as_series(values: Sequence[float] | Sequence[Series]) -> list[Series]:
    if values and isinstance(values[0], Series):
        return [v for v in values if isinstance(v, Series)]
    return [Series("", [float(v) for v in values if not isinstance(v, Series)])]


def _grouped_stacks(every: list[Series], room: int) -> tuple[list[list[float]], int]:
    """Each bar's values, one per series: the daily mean over groups of days that fit
    `room` (a group of one is the day itself)."""
    grouped_values = [grouped(s.values, room) for s in every]
    size = grouped_values[0][1]
    stacks = [[v / size for v in parts]
              for parts in zip(*(g for g, _ in grouped_values), strict=True)]
    return stacks, size


def _cell(stack: list[float], row: int, height: int, top: float,
          every: list[Series]) -> tuple[str, str]:
    """The glyph of one cell of a bar and the colour of the series it shows: the eighths
    give the top of the whole stack, each whole cell the series whose part covers it."""
    total = sum(stack)
    eighths = round(total / top * height * 8)
    level = min(max(eighths - (row - 1) * 8, 0), 8)
    glyph = EIGHTHS[level] if total and level else " "
    if row == 1 and total and not level:
        glyph, level = "▁", 1  # a non-zero value always shows
    if not level:
        return glyph, every[0].colour
    middle = (row - 1) + min(level, 8) / 16  # where in the bar this cell's ink sits, in rows
    below = 0.0
    for series, value in zip(every, stack, strict=True):
        below += value / top * height
        if value and middle <= below + 1e-9:
            return glyph, series.colour
    return glyph, every[-1].colour


def legend(entries: Sequence[tuple[str, str, float]], width: int) -> Text:
    """A square in each series' colour, its name and total, wrapped to `width`."""
    out = Text()
    used = 0
    for name, colour, total in entries:
        piece = f"{name} {number(total)}"
        need = cell_len(piece) + 2 + (2 if used else 0)
        if used and used + need > width:
            out.append("\n")
            used = 0
        elif used:
            out.append("  ")
        out.append("■ ", style=colour)
        out.append(piece)
        used += need
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
            month_name: dict[int, str], corner: str = "") -> Text:
    """A calendar: a column per week (Monday first), a row per weekday, shades by quartile
    of the days studied; each month's name above the week its first day falls in (the
    first, partial month's too when it leaves room), `corner` above the weekday names."""
    start = first_day - timedelta(days=first_day.weekday())
    weeks = (len(counts) + first_day.weekday() + 6) // 7
    studied = sorted(c for c in counts if c)
    cuts = [studied[min(len(studied) - 1, len(studied) * q // 4)] for q in (1, 2, 3)] \
        if studied else [0, 0, 0]
    label = max(cell_len(n) for n in [*weekday_names, corner]) + 1
    row = month_row(month_starts(first_day, len(counts)), weeks, month_name)
    out = Text(fit(corner, label) + row + "\n", style="dim")
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


def month_starts(first_day: date, days: int) -> list[tuple[int, int]]:
    """(week, month) for the week (Monday first) each month's first day falls in, over the
    `days` days from `first_day`, and week 0 for the month the calendar opens in when its
    first day is earlier."""
    start = first_day - timedelta(days=first_day.weekday())
    found: list[tuple[int, int]] = []
    for index in range(days):
        day = first_day + timedelta(days=index)
        if day.day == 1:
            found.append(((day - start).days // 7, day.month))
    if not found or found[0][0] > 0:
        found.insert(0, (0, first_day.month))
    return found


def month_row(starts: list[tuple[int, int]], weeks: int, month_name: dict[int, str]) -> str:
    """The row of month names over the weeks, one cell a week; a name that would touch the
    next is left out (only ever the opening, partial month)."""
    row = [" "] * weeks
    for n, (week, month) in enumerate(starts):
        name = month_name[month]
        following = starts[n + 1][0] if n + 1 < len(starts) else weeks + 4
        if week + cell_len(name) >= following or week + cell_len(name) > weeks + 3:
            continue
        row[week] = name
        for i in range(1, cell_len(name)):
            if week + i < weeks:
                row[week + i] = ""
    return "".join(row).rstrip()


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
