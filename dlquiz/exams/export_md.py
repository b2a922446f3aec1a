"""The exam as Markdown, formulas as Unicode (readable in any viewer or printed as text)."""

from __future__ import annotations

from dlquiz.exams.export_parts import (
    LABELS,
    item_kind,
    key_entry,
    reference_beyond_points,
    verdict,
)
from dlquiz.notes.display import display_markdown
from dlquiz.store.exams import ExamRecord

WRITING_LINES = 6


def render_markdown(exam: ExamRecord, lang: str, *, answers: bool) -> str:
    words = LABELS[lang]
    out = [f"# {words['title']} #{exam.id} · {exam.name or 'custom'}", "",
           f"- {words['spec']}: {_spec_line(exam)}",
           f"- {words['seed']}: {exam.seed}",
           f"- {words['limit']}: {exam.minutes} {words['minutes']}",
           f"- {words['items']}: {len(exam.items)}", "",
           f"{words['name']}: ______________________    {words['date']}: ____________", ""]
    for item in exam.items:
        out += [f"## {item.n}. [{item_kind(item, lang)} · {item.topic}]", "",
                display_markdown(item.prompt).strip(), ""]
        entry = key_entry(item, lang)
        if entry.answer_format:
            out += [f"*{words['format']}: {entry.answer_format}*", ""]
        out += [f"{words['your_answer']}:", ""] + ["> " + "_" * 60] * WRITING_LINES + [""]
    if answers:
        out += [f"# {words['key']}", ""]
        for item in exam.items:
            out += _key_markdown(exam, item.n, lang)
    return "\n".join(out).rstrip() + "\n"


def _spec_line(exam: ExamRecord) -> str:
    spec = exam.spec
    topics = ", ".join(f"{t}×{w:g}" for t, w in spec.get("topics", {}).items()) or "all"
    levels = ",".join(str(d) for d in spec.get("difficulties", ()))
    return (f"topics {topics}; computational share {spec.get('computational')}; "
            f"difficulty {levels}; feedback {spec.get('feedback')}")


def _key_markdown(exam: ExamRecord, n: int, lang: str) -> list[str]:
    words = LABELS[lang]
    item = exam.item(n)
    entry = key_entry(item, lang)
    given = item.answer if item.answered else words["empty"]
    out = [f"## {n}. {item_kind(item, lang)}", "",
           f"**{words['answer']}**:", "",
           *[f"> {line}" for line in display_markdown(given or "").strip().splitlines()],
           "", f"**{verdict(item, lang, exam.submitted)}**", ""]
    if item.type == "computational":
        if item.diagnosis:
            out += [f"**{words['mistake']}**: {display_markdown(item.diagnosis).strip()}", ""]
        out += [f"**{words['expected']}**: `{entry.expected}`", ""]
        if entry.solution:
            out += [f"**{words['solution']}**", "", display_markdown(entry.solution).strip(),
                    ""]
        if entry.mistakes:
            out += [f"**{words['watch']}**", ""]
            out += [f"- {display_markdown(name).strip()} ({words['gives']} `{wrong}`)"
                    for name, wrong in entry.mistakes]
            out.append("")
        return out
    ticked = set(item.points or ())
    if item.key_points:
        marks = item.points is not None
        out += [f"**{words['points']}**", ""]
        out += [f"{i}. {('☑ ' if i in ticked else '☐ ') if marks else ''}"
                f"{display_markdown(p).strip()}" for i, p in enumerate(item.key_points, start=1)]
        out.append("")
    rest = reference_beyond_points(item, lang)
    if rest:
        title = words["rest"] if item.key_points else words["reference"]
        out += [f"**{title}**", "", display_markdown(rest).strip(), ""]
    return out
