"""The debrief of a submitted exam as Markdown (the TUI shows it, formulas rendered):
score overall and by topic, time per item, and each item with the answer given, the verdict,
the named mistake, and the worked solution or the reference answer."""

from __future__ import annotations

from dlquiz.exams.export_parts import LABELS as EXPORT_LABELS
from dlquiz.exams.export_parts import item_kind, key_entry, reference_beyond_points
from dlquiz.exams.grading import totals
from dlquiz.store.exams import ExamItemRecord, ExamRecord

WORDS = {
    "zh": {"debrief": "复盘", "score": "得分", "timed_out": "超时自动交卷", "duration": "用时",
           "topic": "主题", "time": "用时", "item": "题", "answer": "你的回答",
           "empty": "（未作答）", "right": "✓ 正确", "wrong": "✗ 错误", "partial": "部分得分",
           "pending": "待自评", "mistake": "诊断", "seconds": "秒", "minutes": "分钟"},
    "en": {"debrief": "Debrief", "score": "Score", "timed_out": "timed out", "duration":
           "Duration", "topic": "Topic", "time": "Time", "item": "Item", "answer": "Your answer",
           "empty": "(no answer)", "right": "✓ Correct", "wrong": "✗ Wrong",
           "partial": "partial credit", "pending": "to self-grade", "mistake": "Mistake",
           "seconds": "s", "minutes": "min"},
}


def _duration(seconds: float, lang: str) -> str:
    words = WORDS[lang]
    if seconds < 60:
        return f"{seconds:.0f} {words['seconds']}"
    return f"{seconds / 60:.1f} {words['minutes']}"


def debrief_markdown(exam: ExamRecord, lang: str) -> str:
    lang = lang if lang in WORDS else "en"
    words = WORDS[lang]
    total = totals(exam.items)
    head = (f"# {words['debrief']} · #{exam.id} {exam.name or ''}\n\n"
            f"**{words['score']}**: {total.score:.2f} / {total.max_score:.0f} "
            f"({total.percent:.1f}%)")
    if exam.timed_out:
        head += f" · {words['timed_out']}"
    if exam.duration_seconds is not None:
        head += f" · {words['duration']} {_duration(exam.duration_seconds, lang)}"
    topics = " · ".join(f"{topic} {percent:.0f}%" for topic, percent in total.by_topic.items())
    out = [head, "", f"**{words['topic']}**: {topics}", "",
           f"**{words['time']}** ({words['item']} · {words['topic']} · {words['time']} · "
           f"{words['score']})", ""]
    for item in exam.items:
        score = f"{item.score:.2f}" if item.score is not None else words["pending"]
        out.append(f"- {item.n} · {item.topic} · {_duration(item.seconds, lang)} · {score}")
    out.append("")
    for item in exam.items:
        out += _item_section(item, lang)
    return "\n".join(out)


def _item_section(item: ExamItemRecord, lang: str) -> list[str]:
    words = WORDS[lang]
    key_words = EXPORT_LABELS[lang]
    out = [f"## {item.n}. [{item_kind(item, lang)} · {item.topic}]", "", item.prompt, "",
           f"**{words['answer']}**: {item.answer if item.answered else words['empty']}", ""]
    if item.type == "computational":
        entry = key_entry(item, lang)
        verdict = words["right"] if item.correct else words["wrong"]
        if not item.correct and (item.score or 0) > 0:
            verdict += f" ({words['partial']} {item.score:.2f})"
        out += [f"**{verdict}** · {key_words['expected']}: `{item.expected}`", ""]
        if item.diagnosis:
            out += [f"**{words['mistake']}**: {item.diagnosis}", ""]
        if entry.solution:
            out += [f"**{key_words['solution']}**", "", entry.solution, ""]
        return out
    ticked = set(item.points or ())
    out += [f"**{key_words['points']}**", ""]
    out += [f"{i}. {'☑' if i in ticked else '☐'} {point}"
            for i, point in enumerate(item.key_points, start=1)]
    rest = reference_beyond_points(item, lang)  # each key point once
    if rest:
        title = key_words["rest"] if item.key_points else key_words["reference"]
        out += ["", f"**{title}**", "", rest, ""]
    return out
