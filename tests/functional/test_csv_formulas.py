"""CSV/TSV exports quote the cells a spreadsheet would run as formulas (`'=…`), checked
in the raw file, and importing the file gives back exactly the notes exported."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlquiz.cli.main import app
from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.interop.read import export_notes

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stderr


def notes_of(deck: str) -> list[tuple[str, str]]:
    return [(n.title, n.answer) for n in export_notes(open_bank(resolve_url(None)), deck=deck)]


FORMULA_NOTES = {  # title -> answer, each beginning with a character spreadsheets run
    '=HYPERLINK("http://evil.example/?x","click")': "=1+2",
    "+1 是什么": "-1.5",
    "-1.5 的绝对值": "- item one\n- item two",
    "@SUM(A1:A2)": "@cmd",
    "'=already quoted": "'+also",
}


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_formula_cells_are_quoted_and_round_trip(fmt: str, bank_home: Path,
                                                 tmp_path: Path) -> None:
    notes = tmp_path / "formulas.md"
    notes.write_text("".join(f"## {title}\n\n{answer}\n\n" for title, answer
                             in FORMULA_NOTES.items()), encoding="utf-8")
    assert invoke("import", str(notes))[0] == 0
    assert notes_of("formulas") == list(FORMULA_NOTES.items())
    target = tmp_path / f"out.{fmt}"
    code, err = invoke("export", "--format", fmt, "--deck", "formulas", "-o", str(target))
    assert code == 0, err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    cells = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")),
                            delimiter="\t" if fmt == "tsv" else ","))
    header, body = cells[0], cells[1:]
    title, answer = header.index("title"), header.index("answer")
    assert [(row[title], row[answer]) for row in body] == [
        ("'" + t, "'" + a) for t, a in FORMULA_NOTES.items()]  # ("''=…" for "'=…")
    assert not [c for row in cells for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert invoke("import", str(target), "--deck", "copy")[0] == 0
    assert notes_of("copy") == list(FORMULA_NOTES.items())
