"""JSON shapes and plain-terminal views of exams (every bank string through `safe`)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dlquiz.exams.grading import totals
from dlquiz.store.exams import ExamItemRecord, ExamRecord, ExamSummary
from dlquiz.ui import cjk
from dlquiz.ui.terminal import safe, safe_markdown


def answer_format(item: ExamItemRecord, lang: str) -> str | None:
    if item.question_id is None:
        return None
    from engine.questions import question_from_id  # deferred: numpy

    return question_from_id(item.question_id, lang).answer_format


def new_exam_dict(exam: ExamRecord) -> dict[str, Any]:
    return {"id": exam.id, "seed": exam.seed, "spec": exam.spec, "minutes": exam.minutes,
            "deadline": exam.deadline.isoformat(), "feedback": exam.feedback,
            "items": [{"n": i.n, "type": i.type, "topic": i.topic, "prompt": i.prompt,
                       "question_id": i.question_id, "note_id": i.note_id,
                       "parent_n": i.parent_n, "answer_format": answer_format(i, exam.lang)}
                      for i in exam.items]}


def item_result(item: ExamItemRecord) -> dict[str, Any]:
    return {"n": item.n, "type": item.type, "topic": item.topic, "answer": item.answer,
            "correct": item.correct, "score": item.score, "expected": item.expected,
            "diagnosis": item.diagnosis, "seconds": round(item.seconds, 1),
            "flagged": item.flagged, "points": list(item.points) if item.points else None,
            "key_points": list(item.key_points) if item.type == "recall" else None}


def result_dict(exam: ExamRecord) -> dict[str, Any]:
    total = totals(exam.items)
    return {"id": exam.id, "score": round(total.score, 4), "max_score": total.max_score,
            "percent": round(total.percent, 1), "timed_out": exam.timed_out,
            "duration_seconds": exam.duration_seconds, "by_topic": total.by_topic,
            "pending": [i.n for i in exam.items if not i.graded],
            "items": [item_result(i) for i in exam.items]}


def show_dict(exam: ExamRecord) -> dict[str, Any]:
    data = new_exam_dict(exam)
    data.update(name=exam.name, started_at=exam.started_at.isoformat(),
                submitted=exam.submitted,
                submitted_at=exam.submitted_at.isoformat() if exam.submitted_at else None)
    answers = {i.n: i for i in exam.items}
    for entry in data["items"]:
        item = answers[entry["n"]]
        entry.update(answer=item.answer, flagged=item.flagged)
        if exam.submitted:
            entry.update(item_result(item), reference=item.reference)
    if exam.submitted:
        data["result"] = {k: v for k, v in result_dict(exam).items() if k != "items"}
    return data


def print_exam(exam: ExamRecord) -> None:
    cjk.install_rich()
    console = Console(highlight=False)
    state = "submitted" if exam.submitted else f"running until {exam.deadline.astimezone():%H:%M}"
    console.print(Text(safe(f"exam {exam.id} · {exam.name or 'custom'} · seed {exam.seed} · "
                            f"{exam.minutes} min · {state}"), style="bold"))
    for item in exam.items:
        mark = "⚑ " if item.flagged else ""
        console.rule(safe(f"{mark}{item.n} · {item.type} · {item.topic}"))
        from rich.markdown import Markdown

        console.print(Markdown(safe_markdown(item.prompt)))
        if item.answer:
            console.print(Text(safe(f"answer: {item.answer}"), style="cyan"))
        if exam.submitted:
            _print_result(console, exam.id, item)
    if exam.submitted:
        total = totals(exam.items)
        console.rule()
        console.print(Text(f"score {total.score:.2f}/{total.max_score:.0f} "
                           f"({total.percent:.1f}%)" + (" · timed out" if exam.timed_out
                                                          else ""), style="bold"))


def _print_result(console: Console, exam_id: int, item: ExamItemRecord) -> None:
    from rich.markdown import Markdown

    if item.type == "computational":
        verdict = "✓" if item.correct else "✗"
        console.print(Text(safe(f"{verdict} score {item.score or 0:.2f} · expected "
                                f"{item.expected}"), style="green" if item.correct else "red"))
        if item.diagnosis:
            console.print(Text(safe(f"mistake: {item.diagnosis}"), style="yellow"))
        return
    ticked = set(item.points or ())
    lines = [f"{number}. {'☑' if number in ticked else '☐'} {point}"
             for number, point in enumerate(item.key_points, start=1)]
    console.print(Markdown(safe_markdown("\n".join(lines))))
    if item.score is None:
        console.print(Text(f"self-grade: dlquiz exam points {exam_id} {item.n} 1,2,…",
                           style="dim"))


def print_history(summaries: list[ExamSummary]) -> None:
    table = Table("id", "date", "spec", "items", "percent", "duration", "", box=None)
    for s in summaries:
        minutes = f"{s.duration_seconds / 60:.0f} min" if s.duration_seconds else "-"
        percent = f"{s.percent:.1f}%" if s.percent is not None else "-"
        state = "timed out" if s.timed_out else ("" if s.submitted else "running")
        table.add_row(str(s.id), f"{s.started_at.astimezone():%Y-%m-%d %H:%M}",
                      Text(safe(s.name or "custom")), str(s.items), percent, minutes, state)
    Console(highlight=False).print(table)
