"""What the Markdown and HTML copies of an exam share: the labels in both languages, an
item's answer-key entry, its verdict and kind. Both renderers import this; export.py only
picks one, so neither renderer depends on the dispatcher."""

from __future__ import annotations

from dataclasses import dataclass

from dlquiz.store.exams import ExamItemRecord

LABELS = {
    "zh": {"title": "模拟面试", "spec": "规格", "seed": "种子", "limit": "时限",
           "minutes": "分钟", "items": "题数", "name": "姓名", "date": "日期",
           "computational": "计算题", "recall": "问答题", "followup": "追问",
           "key": "答案", "expected": "正确答案", "solution": "解答",
           "watch": "常见错误", "reference": "参考答案", "points": "要点",
           "format": "作答格式", "gives": "得到", "your_answer": "作答",
           "answer": "考生作答", "empty": "（未作答）", "right": "✓ 正确", "wrong": "✗ 错误",
           "partial": "部分得分", "pending": "待自评", "ungraded": "未交卷，尚未评分",
           "self_graded": "自评得分", "mistake": "诊断",
           "point_label": "（要点 {n} 的细节）", "rest": "参考答案（要点之外）"},
    "en": {"title": "Practice exam", "spec": "Spec", "seed": "Seed", "limit": "Time limit",
           "minutes": "min", "items": "Items", "name": "Name", "date": "Date",
           "computational": "computational", "recall": "recall", "followup": "follow-up",
           "key": "Answer key", "expected": "Expected", "solution": "Worked solution",
           "watch": "Mistakes to watch for", "reference": "Reference answer",
           "points": "Key points", "format": "Answer format", "gives": "gives",
           "your_answer": "Answer",
           "answer": "Candidate's answer", "empty": "(no answer)", "right": "✓ Correct",
           "wrong": "✗ Wrong", "partial": "partial credit", "pending": "to self-grade",
           "ungraded": "not submitted, not graded yet", "self_graded": "Self-graded score",
           "mistake": "Mistake", "point_label": "(details of key point {n})",
           "rest": "Reference answer (beyond the key points)"},
}


@dataclass(frozen=True)
class KeyEntry:
    """What the answer key says about one item."""

    expected: str | None
    solution: str | None
    mistakes: tuple[tuple[str, str], ...]
    answer_format: str | None


def key_entry(item: ExamItemRecord, lang: str) -> KeyEntry:
    if item.question_id is None:
        return KeyEntry(expected=None, solution=None, mistakes=(), answer_format=None)
    from engine.questions import mistakes_of, question_from_id  # deferred: numpy

    question = question_from_id(item.question_id, lang)
    return KeyEntry(expected=question.expected_display, solution=question.solution,
                    mistakes=tuple(mistakes_of(item.question_id, lang)),
                    answer_format=question.answer_format)


def verdict(item: ExamItemRecord, lang: str, submitted: bool) -> str:
    """The verdict on the candidate's answer, in words: right, wrong (with any partial
    credit), the self-graded score, or why there is none yet."""
    words = LABELS[lang]
    if item.type == "recall":
        if item.score is None:
            return words["pending"] if submitted else words["ungraded"]
        return f"{words['self_graded']} {item.score:.2f}"
    if item.score is None:
        return words["ungraded"]
    if item.correct:
        return words["right"]
    partial = f" ({words['partial']} {item.score:.2f})" if item.score > 0 else ""
    return words["wrong"] + partial


def reference_beyond_points(item: ExamItemRecord, lang: str) -> str:
    """The reference answer without the key points printed above it (each point once)."""
    from dlquiz.exams.keypoints import reference_rest

    return reference_rest(item.reference or "", item.key_points, LABELS[lang]["point_label"])


def item_kind(item: ExamItemRecord, lang: str) -> str:
    words = LABELS[lang]
    if item.parent_n is not None:
        return f"{words['followup']} · {item.parent_n}"
    return words[item.type]
