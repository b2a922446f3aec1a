"""Practice exams and practice attempts in the bank: their rows, the material an exam is drawn
from, and the study cards behind its items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlquiz.store.exports import lazy_exports

if TYPE_CHECKING:
    from dlquiz.store.exams.attempts import AttemptEntry, record_attempt
    from dlquiz.store.exams.exams import (
        add_seconds,
        create_exam,
        get_exam,
        list_exams,
        open_exams,
        save_answer,
        set_flag,
        set_points,
        submit_exam,
    )
    from dlquiz.store.exams.material import PASSING_SHARE, missed_since, recall_material
    from dlquiz.store.exams.records import (
        ExamItemRecord,
        ExamRecord,
        ExamSummary,
        ItemGrade,
        NewItem,
        NoteMaterial,
    )
    from dlquiz.store.exams.study import cards_for

__all__ = [
    "PASSING_SHARE",
    "AttemptEntry",
    "ExamItemRecord",
    "ExamRecord",
    "ExamSummary",
    "ItemGrade",
    "NewItem",
    "NoteMaterial",
    "add_seconds",
    "cards_for",
    "create_exam",
    "get_exam",
    "list_exams",
    "missed_since",
    "open_exams",
    "recall_material",
    "record_attempt",
    "save_answer",
    "set_flag",
    "set_points",
    "submit_exam",
]

# public name -> the inner module that defines it, imported on first use (PEP 562): importing
# the subpackage costs nothing, so a command loads only the modules it calls
_EXPORTS = {
    "add_seconds": "exams",
    "AttemptEntry": "attempts",
    "cards_for": "study",
    "create_exam": "exams",
    "ExamItemRecord": "records",
    "ExamRecord": "records",
    "ExamSummary": "records",
    "get_exam": "exams",
    "ItemGrade": "records",
    "list_exams": "exams",
    "missed_since": "material",
    "NewItem": "records",
    "NoteMaterial": "records",
    "open_exams": "exams",
    "PASSING_SHARE": "material",
    "recall_material": "material",
    "record_attempt": "attempts",
    "save_answer": "exams",
    "set_flag": "exams",
    "set_points": "exams",
    "submit_exam": "exams",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)
