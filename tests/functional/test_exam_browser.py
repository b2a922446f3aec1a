"""The printable exam in a real browser: the HTML is printed to PDF by headless Chromium,
every item's prompt is in the PDF's text, and every formula's MathML has a real size."""

from __future__ import annotations

import re
from pathlib import Path

from dlquiz.exams.export import export_exam
from dlquiz.exams.spec import ExamSpec

from .browser import element_sizes, pdf_text, print_to_pdf, squash
from .exam_support import Clock, exam_service

_FORMULA = re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.DOTALL)
_MARKUP = re.compile(r"[`*#>|]|^\s*(?:[-+]|\d+\.)\s", re.MULTILINE)


def prompt_pieces(prompt: str) -> list[str]:
    """The prose of a prompt, cut at its formulas and markup, as the PDF will spell it."""
    return [squash(piece) for piece in _MARKUP.sub(" ", _FORMULA.sub("\n", prompt)).split("\n")
            if len(squash(piece)) >= 4]


def test_printed_exam_has_every_prompt_and_sized_formulas(tmp_path: Path) -> None:
    service = exam_service(tmp_path, Clock())
    exam = service.build(ExamSpec(items=8, computational=0.5, seed=11, followups=False,
                                  topics=(("transformers", 1.0), ("conv", 1.0))))
    page = tmp_path / "exam.html"
    page.write_text(export_exam(exam, "html", answers=True), encoding="utf-8")
    text = squash(pdf_text(print_to_pdf(page, tmp_path)))
    for item in exam.items:
        for piece in prompt_pieces(item.prompt):
            assert piece in text, (item.n, piece)
    sizes = element_sizes(page, "math", tmp_path)
    assert len(sizes) >= 5  # the transformer and conv answers are full of formulas
    assert all(width > 0 and height > 0 for width, height in sizes), sizes
