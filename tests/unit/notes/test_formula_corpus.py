"""Every formula the notes contain is shown without losing anything.

The built-in notes (content/*.md, read when the test runs, since they change) and the
user's own notes go through the display path; each formula it meets must render (no
fallback to source) with no LaTeX command left and every letter and digit of its source
still there, in order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from dlquiz.notes import formulas
from dlquiz.notes.display import display_markdown
from dlquiz.notes.parser import read_notes_file

CONTENT = Path(__file__).resolve().parents[3] / "content"

# parts of the source that are structure, not content: environment names, an array's
# column spec, labels and colours, the spacing argument of a `\\[2mm]` row break
_NOT_SHOWN = re.compile(r"\\begin\{array\}\{[^}]*\}|\\(?:begin|end|label|color)\{[^}]*\}"
                        r"|\\\\\[[^\]]*\]|\\[A-Za-z]+")


def _letters(text: str) -> list[str]:
    return [ch for ch in unicodedata.normalize("NFKD", text) if ch.isascii() and ch.isalnum()]


def _in_order(needle: list[str], haystack: list[str]) -> bool:
    rest = iter(haystack)
    return all(ch in rest for ch in needle)


def check(latex: str, display: bool) -> str | None:
    """None when the formula is shown faithfully, else what is wrong with it."""
    shown = formulas.render_latex(latex, display=display)
    if shown is None:
        return "falls back to its source"
    if re.search(r"\\[A-Za-z]", shown):
        return f"a LaTeX command is left in {shown!r}"
    if not _in_order(_letters(_NOT_SHOWN.sub(" ", latex)), _letters(shown)):
        return f"letters or digits went missing or moved: {shown!r}"
    return None


def formulas_shown(answer: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """The formulas the display path renders for one answer, with their display flag."""
    seen: list[tuple[str, bool]] = []
    real = formulas.render_latex

    def record(latex: str, *, display: bool = False) -> str | None:
        seen.append((latex, display))
        return real(latex, display=display)

    with monkeypatch.context() as patch:
        patch.setattr(formulas, "render_latex", record)
        shown = display_markdown(answer)
    outside_code = re.sub(r"```.*?```|`[^`\n]*`", "", shown, flags=re.DOTALL)
    assert "$" not in outside_code.replace("\\$", ""), shown
    return seen


def notes_formulas(path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str, bool]]:
    for note in read_notes_file(path).notes:
        for latex, display in formulas_shown(note.answer, monkeypatch):
            yield f"{path.name} {note.number} {note.title}", latex, display


def test_builtin_formulas(monkeypatch: pytest.MonkeyPatch) -> None:
    found = [f for path in sorted(CONTENT.glob("*.md")) for f in notes_formulas(path, monkeypatch)]
    assert len(found) > 1000  # about 1,500 when this test was written
    problems = [f"{where}: {latex!r} {problem}" for where, latex, display in found
                if (problem := check(latex, display)) is not None]
    assert problems == []


def test_the_users_formulas(seed_notes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = list(notes_formulas(seed_notes, monkeypatch))
    # 14 `$$` blocks (28 `$$` lines) and 5 zhihu equation images (2 in 005, 3 in 084)
    assert len(found) == 19
    assert sum(1 for _, latex, _ in found if latex == r"\beta") == 3
    problems = [f"{where}: {latex!r} {problem}" for where, latex, display in found
                if (problem := check(latex, display)) is not None]
    assert problems == []


@pytest.mark.parametrize("latex, shown", [
    (r"\frac{a}{b}", "a/b"),
    (r"\tfrac{q\cdot k}{\sqrt{d_k}}", "(q·k)/√dₖ"),
])
def test_the_check_accepts_good_renderings(latex: str, shown: str) -> None:
    assert check(latex, False) is None
    assert formulas.render_latex(latex) == shown


def test_the_check_catches_a_dropped_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    """The old renderer showed `\\text{drop\\_last}` as `drop`: the check must see it."""
    monkeypatch.setattr(formulas, "render_latex", lambda latex, display=False: "drop=False")
    assert check(r"\text{drop\_last=False}", False) is not None
    monkeypatch.setattr(formulas, "render_latex", lambda latex, display=False: "\\frac a")
    assert "command" in (check(r"\frac{a}{b}", False) or "")
