"""Formula-injection quoting of CSV/TSV cells: dangerous first characters get a `'`, the
import removes exactly that `'`, so any cell survives the round trip."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dlquiz.interop.cells import escape_cell, unescape_cell


def test_dangerous_cells_are_quoted() -> None:
    cells = ['=HYPERLINK("http://evil.example","x")', "+1", "-1.5", "@SUM(A1)", "\tx", "\rx"]
    assert [escape_cell(c) for c in cells] == ["'" + c for c in cells]


def test_plain_cells_are_left_alone() -> None:
    for cell in ("", "1.5", "a=b", "'quoted", "' =x", "问题", " -1"):
        assert escape_cell(cell) == cell
        assert unescape_cell(cell) == cell


def test_a_cell_that_looks_quoted_already_gets_one_more_quote() -> None:
    assert escape_cell("'=x") == "''=x"
    assert unescape_cell("''=x") == "'=x"
    assert unescape_cell("'=x") == "=x"


@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab 1"), max_size=6) | st.text(max_size=8))
def test_every_cell_round_trips(cell: str) -> None:
    assert unescape_cell(escape_cell(cell)) == cell
