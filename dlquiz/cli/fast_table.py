"""A borderless rich table laid out in one pass, for listings of a thousand rows and more.

`rich.table.Table` measures and renders every cell through its general machinery (padding
objects, option copies, segment shaping): `dlquiz cards` spent over two seconds there on a
bank of a thousand cards. The listings are a simple case: `box=None`, the default padding,
left-justified cells that are each one plain Text with a single style. For that case this
module computes rich's own layout (rich's column-width rules, with its `_collapse_widths`
and `ratio_reduce` when the table is wider than the terminal), wraps only the cells that do
not fit (with rich's own `Text.wrap`, so CJK titles break where rich breaks them) and
hands the console finished segments. Anything outside that case (a multi-line cell, a tab,
a styled span) is left to `rich.table.Table`. tests/unit/test_fast_table.py compares the
two on random tables.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich._ratio import ratio_reduce
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

PAD = 1  # rich's default cell padding, left and right


def _plain_cell(cell: Text) -> bool:
    return not cell.spans and not any(c in cell.plain for c in "\t\n\r")


def _measure(cell: Text) -> tuple[int, int]:
    """rich's Text measurement: the longest word and the whole line."""
    whole = cell_len(cell.plain)
    words = cell.plain.split()
    return (max(cell_len(w) for w in words) if words else whole), whole


class FastTable:
    """Rows of Text under plain headers, rendered as `Table(*headers, box=None)` would."""

    def __init__(self, *headers: str) -> None:
        self.headers = [Text(h) for h in headers]
        self.rows: list[list[Text]] = []
        self._styles: dict[tuple[Style, str | Style], Style] = {}

    def add_row(self, *cells: Text) -> None:
        self.rows.append(list(cells))

    def as_rich_table(self) -> Table:
        table = Table(*(h.plain for h in self.headers), box=None)
        for row in self.rows:
            table.add_row(*row)
        return table

    def plain(self) -> bool:
        return all(_plain_cell(c) for row in (self.headers, *self.rows) for c in row)

    def __rich_console__(self, console: Console, options: ConsoleOptions
                         ) -> Iterator[RenderableType | Segment]:
        if not self.plain() or options.max_width < 1:
            yield self.as_rich_table()
            return
        widths = self._widths(options.max_width)
        if min(widths) <= 2 * PAD:  # a column with no room for text: rich's own corner cases
            yield self.as_rich_table()
            return
        header_style = console.get_style("table.header")
        yield from self._row(console, self.headers, widths, header_style, bottom=True)
        null = Style.null()
        for row in self.rows:
            yield from self._row(console, row, widths, null, bottom=False)

    def _widths(self, max_width: int) -> list[int]:
        """Column widths with padding, by rich's rules (Table._calculate_column_widths)."""
        pad = 2 * PAD
        lows, highs = [], []
        for column in zip(self.headers, *self.rows, strict=True):
            low = high = 0
            for cell in column:
                if max_width - pad < 1:
                    cell_low = cell_high = max_width
                else:
                    cell_low, cell_high = _measure(cell)
                    cell_high = min(cell_high, max_width - pad)
                    cell_low = min(max(0, min(cell_low, cell_high)), max_width - pad)
                    cell_low, cell_high = cell_low + pad, cell_high + pad
                low, high = max(low, min(cell_low, max_width)), max(high, min(cell_high,
                                                                              max_width))
            lows.append(min(low, max_width))
            highs.append(min(high, max_width))
        widths = [high or 1 for high in highs]
        if sum(widths) > max_width:
            widths = Table._collapse_widths(widths, [True] * len(widths), max_width)
            if sum(widths) > max_width:
                widths = ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths,
                                      widths)
            widths = [min(high, width) if width >= 1 else 0
                      for high, width in zip(highs, widths, strict=True)]
        return widths

    def _row(self, console: Console, row: Sequence[Text], widths: Sequence[int],
             base: Style, *, bottom: bool) -> Iterator[Segment]:
        cells = [self._cell_lines(console, cell, width - 2 * PAD)
                 for cell, width in zip(row, widths, strict=True)]
        height = max(len(lines) for lines in cells)
        styles = [self._style(console, base, cell.style) for cell in row]
        pad = " " * PAD
        for number in range(height):
            # one segment per run of one style: the console's work is per segment
            run: list[str] = []  # text in the base style since the last styled cell
            for lines, width, style in zip(cells, widths, styles, strict=True):
                index = number - (height - len(lines)) if bottom else number
                if not 0 <= index < len(lines):
                    run.append(" " * width)
                    continue
                if style == base:
                    run.extend((pad, lines[index], pad))
                    continue
                run.append(pad)
                yield Segment("".join(run), base)
                yield Segment(lines[index], style)
                run = [pad]
            yield Segment("".join(run), base)
            yield Segment.line()

    def _style(self, console: Console, base: Style, name: str | Style) -> Style:
        key = (base, name)
        if key not in self._styles:
            self._styles[key] = base + console.get_style(name)
        return self._styles[key]

    @staticmethod
    def _cell_lines(console: Console, cell: Text, width: int) -> list[str]:
        """The cell's lines, each padded to `width` cells (rich's left justification; a
        word longer than the column ends in an ellipsis, as in a rich column)."""
        used = cell_len(cell.plain)
        if used <= width:
            return [cell.plain + " " * (width - used)]
        wrapped = cell.wrap(console, width, justify="left", overflow="ellipsis")
        return [line.plain for line in wrapped]
