"""Sentences about exams shared by the debrief screen and the CLI."""

from __future__ import annotations

from dlquiz.exams.service import BroughtIntoStudy
from dlquiz.ui.labels import label


def brought_text(brought: BroughtIntoStudy, lang: str) -> str:
    """What bringing an exam's misses into study did, in one line."""
    if not brought.missed:
        return label(lang, "nothing_missed")
    parts = [label(lang, "brought", n=brought.made_due)]
    if brought.already_due:
        parts.append(label(lang, "brought_due", n=brought.already_due))
    if brought.still_new:
        parts.append(label(lang, "brought_new", n=brought.still_new))
    return ("；" if lang == "zh" else "; ").join(parts)
