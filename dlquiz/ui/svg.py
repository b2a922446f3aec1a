"""SVG charts for the statistics page: vertical bars, horizontal bars and a calendar
heatmap, each an inline <svg> with a fixed size (no script, no external resources)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

BAR = "#2a7ab0"
HEAT = ("#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127")
TEXT = 'font-size="11" fill="#444"'


def _svg(width: int, height: int, body: str, title: str) -> str:
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" role="img">'
            f"<title>{html.escape(title)}</title>{body}</svg>")


def columns(values: Sequence[float], labels: Sequence[str], title: str,
            width: int = 720, height: int = 180) -> str:
    """One bar per value; the first, middle and last labels under the axis; every bar has
    its value as a tooltip title."""
    top = max(values, default=0) or 1
    left, bottom = 40, 20
    room = (width - left - 10) / max(len(values), 1)
    parts = [f'<text x="{left - 6}" y="14" text-anchor="end" {TEXT}>{top:g}</text>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" '
             f'y2="{height - bottom}" stroke="#999"/>']
    for i, value in enumerate(values):
        h = (height - bottom - 10) * value / top
        x = left + i * room
        parts.append(f'<rect x="{x + 0.5:.1f}" y="{height - bottom - h:.1f}" '
                     f'width="{max(room - 1, 0.5):.1f}" height="{h:.1f}" fill="{BAR}">'
                     f"<title>{html.escape(labels[i])}: {value:g}</title></rect>")
    last = len(values) - 1
    for i in sorted({0, len(values) // 2, last}):
        if 0 <= i < len(labels):
            anchor = "start" if i == 0 else "end" if i == last else "middle"
            x = left + i * room if i == 0 else left + (i + 1) * room if i == last else \
                left + (i + 0.5) * room
            parts.append(f'<text x="{x:.1f}" y="{height - 5}" text-anchor="{anchor}" {TEXT}>'
                         f"{html.escape(labels[i])}</text>")
    return _svg(width, height, "".join(parts), title)


def hbars(rows: Sequence[tuple[str, float, str]], title: str, width: int = 720) -> str:
    """A row per (label, value, note): the label, a bar, the note after it."""
    row_height, left, note = 20, 130, 150
    height = row_height * max(len(rows), 1) + 4
    top = max((r[1] for r in rows), default=0) or 1
    room = width - left - note
    parts = []
    for i, (name, value, text) in enumerate(rows):
        y = 2 + i * row_height
        w = room * value / top
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" {TEXT}>'
                     f"{html.escape(name)}</text>"
                     f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_height - 6}" '
                     f'fill="{BAR}"/><text x="{left + w + 6:.1f}" y="{y + 14}" {TEXT}>'
                     f"{html.escape(text)}</text>")
    return _svg(width, height, "".join(parts), title)


def heatmap(first_day: date, counts: Sequence[int], weekday_names: Sequence[str],
            title: str) -> str:
    """A square per day, a column per week (Monday first), shades by quartile."""
    cell, left, top = 14, 28, 4
    start = first_day - timedelta(days=first_day.weekday())
    weeks = (len(counts) + first_day.weekday() + 6) // 7
    studied = sorted(c for c in counts if c)
    cuts = ([studied[min(len(studied) - 1, len(studied) * q // 4)] for q in (1, 2, 3)]
            if studied else [0, 0, 0])
    parts = [f'<text x="{left - 4}" y="{top + cell * d + 10}" text-anchor="end" {TEXT}>'
             f"{html.escape(name)}</text>" for d, name in enumerate(weekday_names)]
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
    return _svg(left + weeks * cell + 4, top + 7 * cell + 4, "".join(parts), title)
