"""Printable copies of an exam: the paper (header with spec, seed and time limit, every item
with room to write) and, with the answer key, the worked solutions, the mistakes to watch
for and the reference answers. Markdown shows formulas as Unicode; HTML as MathML."""

from __future__ import annotations

from dlquiz.exams.export_parts import LABELS
from dlquiz.store.exams import ExamRecord


def export_exam(exam: ExamRecord, fmt: str, *, answers: bool) -> str:
    lang = exam.lang if exam.lang in LABELS else "en"
    if fmt == "html":
        from dlquiz.exams.export_html import render_html

        return render_html(exam, lang, answers=answers)
    from dlquiz.exams.export_md import render_markdown

    return render_markdown(exam, lang, answers=answers)
