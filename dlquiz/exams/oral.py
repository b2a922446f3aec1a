"""An answer given aloud: a recall item can be answered by speaking (as in an interview) and
then self-graded. It is kept as a fixed answer text in the exam's language, so it counts as
answered everywhere an answer does (the submit check, the debrief, the exports)."""

from __future__ import annotations

ORAL_ANSWER = {"zh": "（口头作答）", "en": "(answered aloud)"}


def oral_answer(lang: str) -> str:
    return ORAL_ANSWER.get(lang, ORAL_ANSWER["en"])


def is_oral(answer: str | None) -> bool:
    return (answer or "").strip() in ORAL_ANSWER.values()
