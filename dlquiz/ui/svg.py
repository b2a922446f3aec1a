"""SVG charts for the statistics page: columns (stacked, with a legend, when several series
are drawn), horizontal bars and a calendar heatmap with month labels. Each is one inline
<svg> that scales to the page's width (viewBox), with its title, its axis' unit and 1-2-5
ticks drawn as visible text, margins measured from the labels so nothing is clipped, and
no script or external resource."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

from rich.cells import cell_len

from dlquiz.ui.axis import axis, tick_label
from dlquiz.ui.charts import Series, month_starts
from dlquiz.ui.palette import BAR, HEAT, TEXT

FONT = 11  # px: the labels' size; a cell (one Latin character) is about 0.62 of it
# the drawing's own width: the page scales it to its column (at most 640 px) and down to a
# phone's 370, where an 11 px label still reads at about 8.5 px
WIDTH = 480
TITLE_FONT = 13
CELL = FONT * 0.62
TITLE_ROOM = 22  # the title's line at the top of every chart


def text_width(text: str, font: float = FONT) -> float:
    """A generous estimate of a label's width in px (a CJK character is two cells)."""
    return cell_len(text) * font * 0.62 + 2


def _text(x: float, y: float, words: str, anchor: str = "start", size: int = FONT,
          cls: str = "label", weight: str = "normal") -> str:
    return (f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
            f'font-size="{size}" font-weight="{weight}" fill="{TEXT}">'
            f"{html.escape(words)}</text>")


def _svg(width: float, height: float, body: str, title: str) -> str:
    head = _text(0, 15, title, size=TITLE_FONT, cls="chart-title", weight="bold")
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
            f'height="{height:.0f}" role="img" aria-label="{html.escape(title)}">'
            f"<title>{html.escape(title)}</title>{head}{body}</svg>")


def _legend(series: Sequence[Series], y: float, width: float) -> tuple[str, float]:
    """Squares and names, wrapped to `width`; the markup and the height it takes."""
    parts, x, line = [], 0.0, 0
    for s in series:
        words = f"{s.name} {tick_label(sum(s.values), 1)}"
        need = 16 + text_width(words) + 14
        if x and x + need > width:
            x, line = 0.0, line + 1
        top = y + line * 18
        parts.append(f'<rect class="legend-key" x="{x:.1f}" y="{top:.1f}" width="11" '
                     f'height="11" fill="{s.colour}"/>'
                     + _text(x + 15, top + 10, words, cls="legend"))
        x += need
    return "".join(parts), (line + 1) * 18


def columns(series: Sequence[Series] | Sequence[float], labels: Sequence[str], title: str,
            unit: str, width: int = WIDTH, height: int = 180) -> str:
    """One bar per day (stacked by series), a y axis from 0 in 1-2-5 steps with its unit
    above it, the first, middle and last date under the x axis, a legend when several
    series are drawn; each bar's values as its tooltip."""
    every = [s for s in series if isinstance(s, Series)] or \
        [Series("", [float(v) for v in series if not isinstance(v, Series)], BAR)]
    totals = [sum(parts) for parts in zip(*(s.values for s in every), strict=True)]
    top = TITLE_ROOM + 18  # the unit's line under the title
    plot = height - top - 22
    scale = axis(max(totals, default=0), most_ticks=max(1, min(4, plot // 24)))
    ticks = [(v, tick_label(v, scale.step)) for v in scale.ticks]
    left = max(text_width(t) for _, t in ticks) + 8
    legend, legend_height = ("", 0.0) if len(every) == 1 else \
        _legend(every, height + 4, width)
    room = (width - left - 4) / max(len(totals), 1)
    parts = [_text(0, TITLE_ROOM + 10, unit, cls="unit")]
    for value, words in ticks:
        y = top + plot - plot * value / scale.top
        parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{width - 4}" y2="{y:.1f}" '
                     f'stroke="#e4e4e4"/>' + _text(left - 5, y + 4, words, anchor="end"))
    for i in range(len(totals)):
        below = 0.0
        x = left + i * room
        tip = html.escape(" · ".join([labels[i], *(f"{s.name} {s.values[i]:g}".strip()
                                                   for s in every if s.values[i])]))
        for s in every:
            h = plot * s.values[i] / scale.top
            if h > 0:
                parts.append(f'<rect x="{x + 0.5:.1f}" y="{top + plot - below - h:.1f}" '
                             f'width="{max(room - 1, 0.5):.1f}" height="{h:.1f}" '
                             f'fill="{s.colour}"><title>{tip}</title></rect>')
            below += h
    parts.append(f'<line x1="{left:.1f}" y1="{top + plot:.1f}" x2="{width - 4}" '
                 f'y2="{top + plot:.1f}" stroke="#999"/>')
    last = len(labels) - 1
    for i in sorted({0, len(labels) // 2, last}):
        if 0 <= i < len(labels):
            anchor = "start" if i == 0 else "end" if i == last else "middle"
            x = left if i == 0 else width - 4 if i == last else left + (i + 0.5) * room
            parts.append(_text(x, height - 6, labels[i], anchor=anchor))
    return _svg(width, height + legend_height, "".join(parts) + legend, title)


def hbars(rows: Sequence[tuple[str, float, str]], title: str, unit: str,
          width: int = WIDTH) -> str:
    """A row per (label, value, note): the label, a bar, the note after it; the margins
    are the longest label's and note's widths."""
    row_height = 20
    left = max((text_width(r[0]) for r in rows), default=20) + 8
    note = max((text_width(r[2]) for r in rows), default=20) + 8
    top = TITLE_ROOM + 18
    height = top + row_height * max(len(rows), 1) + 4
    largest = max((r[1] for r in rows), default=0) or 1
    room = width - left - note
    parts = [_text(0, TITLE_ROOM + 10, unit, cls="unit")]
    for i, (name, value, words) in enumerate(rows):
        y = top + i * row_height
        w = room * value / largest
        parts.append(_text(left - 6, y + 14, name, anchor="end")
                     + f'<rect x="{left:.1f}" y="{y + 3}" width="{w:.1f}" '
                       f'height="{row_height - 6}" fill="{BAR}"/>'
                     + _text(left + w + 6, y + 14, words))
    return _svg(width, height, "".join(parts), title)


def heatmap(first_day: date, counts: Sequence[int], weekday_names: Sequence[str],
            month_name: dict[int, str], title: str) -> str:
    """A square per day, a column per week (Monday first), shades by quartile, each
    month's name over the week its first day falls in."""
    cell = 8
    left = max(text_width(n) for n in weekday_names) + 6
    top = TITLE_ROOM + 18
    start = first_day - timedelta(days=first_day.weekday())
    weeks = (len(counts) + first_day.weekday() + 6) // 7
    studied = sorted(c for c in counts if c)
    cuts = ([studied[min(len(studied) - 1, len(studied) * q // 4)] for q in (1, 2, 3)]
            if studied else [0, 0, 0])
    parts = [_text(left - 4, top + cell * d + 7, name, anchor="end", size=8)
             for d, name in enumerate(weekday_names)]
    starts = month_starts(first_day, len(counts))
    right = left + weeks * cell + 4
    for n, (week, month) in enumerate(starts):
        words = month_name[month]
        following = starts[n + 1][0] if n + 1 < len(starts) else weeks + 3
        if (following - week) * cell >= text_width(words) + 2:
            parts.append(_text(left + week * cell, top - 5, words, cls="month"))
            right = max(right, left + week * cell + text_width(words) + 4)
    for week in range(weeks):
        for weekday in range(7):
            day = start + timedelta(days=7 * week + weekday)
            index = (day - first_day).days
            if not 0 <= index < len(counts):
                continue
            n = counts[index]
            level = 0 if not n else 1 + sum(n > c for c in cuts)
            parts.append(f'<rect x="{left + week * cell}" y="{top + weekday * cell}" '
                         f'width="{cell - 2}" height="{cell - 2}" fill="{HEAT[level]}">'
                         f"<title>{day.isoformat()}: {n}</title></rect>")
    width = max(right, text_width(title, TITLE_FONT) + 4)
    return _svg(width, top + 7 * cell + 4, "".join(parts), title)
