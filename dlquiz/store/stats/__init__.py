"""The statistics' SQL: the review log, the cards and the exam history aggregated in the
database, with the pieces written differently per dialect (SQLite, PostgreSQL)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlquiz.store.exports import lazy_exports

if TYPE_CHECKING:
    from dlquiz.store.stats.cards import DAY_EDGES, TENTHS, card_summary, due_counts
    from dlquiz.store.stats.fsrs_history import Rated, study_history
    from dlquiz.store.stats.history import exam_scores, exam_topics, mistakes_seen, skill_answers
    from dlquiz.store.stats.queries import (
        CALIBRATION_BINS,
        calibration_cells,
        day_cells,
        day_counts,
        first_review,
        hour_cells,
        note_topics,
        notes_added,
        rated_cards,
        retention_counts,
        retention_repeats,
        review_count,
        studied_days,
    )
    from dlquiz.store.stats.records import (
        EXCLUDED,
        REVIEW_KINDS,
        CalibrationCell,
        CardCounts,
        DayCell,
        ExamScore,
        ExamTopicCells,
        Memory,
        MistakeSeen,
        SkillAnswer,
        Span,
        StatsScope,
        TopicCells,
    )

__all__ = [
    "CALIBRATION_BINS",
    "DAY_EDGES",
    "EXCLUDED",
    "REVIEW_KINDS",
    "TENTHS",
    "CalibrationCell",
    "CardCounts",
    "DayCell",
    "ExamScore",
    "ExamTopicCells",
    "Memory",
    "MistakeSeen",
    "Rated",
    "SkillAnswer",
    "Span",
    "StatsScope",
    "TopicCells",
    "calibration_cells",
    "card_summary",
    "day_cells",
    "day_counts",
    "due_counts",
    "exam_scores",
    "exam_topics",
    "first_review",
    "hour_cells",
    "mistakes_seen",
    "note_topics",
    "notes_added",
    "rated_cards",
    "retention_counts",
    "retention_repeats",
    "review_count",
    "skill_answers",
    "studied_days",
    "study_history",
]

# public name -> the inner module that defines it, imported on first use (PEP 562): importing
# the subpackage costs nothing, so a command loads only the modules it calls
_EXPORTS = {
    "CALIBRATION_BINS": "queries",
    "calibration_cells": "queries",
    "CalibrationCell": "records",
    "card_summary": "cards",
    "CardCounts": "records",
    "day_cells": "queries",
    "day_counts": "queries",
    "DAY_EDGES": "cards",
    "DayCell": "records",
    "due_counts": "cards",
    "exam_scores": "history",
    "exam_topics": "history",
    "ExamScore": "records",
    "ExamTopicCells": "records",
    "EXCLUDED": "records",
    "first_review": "queries",
    "hour_cells": "queries",
    "Memory": "records",
    "mistakes_seen": "history",
    "MistakeSeen": "records",
    "note_topics": "queries",
    "notes_added": "queries",
    "Rated": "fsrs_history",
    "rated_cards": "queries",
    "retention_counts": "queries",
    "retention_repeats": "queries",
    "review_count": "queries",
    "REVIEW_KINDS": "records",
    "skill_answers": "history",
    "SkillAnswer": "records",
    "Span": "records",
    "StatsScope": "records",
    "studied_days": "queries",
    "study_history": "fsrs_history",
    "TENTHS": "cards",
    "TopicCells": "records",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)
