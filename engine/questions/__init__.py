"""Computational questions: seeded generators, tolerant answer checking, diagnosis.

Each kind (``engine/questions/kinds/``) draws its numbers from a generator seeded by
(kind, difficulty, seed), computes the expected answer and its known mistakes with the
engine, and writes the prompt and worked solution in Chinese and English.
"""

from engine.questions.errors import BadQuestionIdError, QuestionError, UnknownKindError
from engine.questions.ids import SEED_MAX
from engine.questions.model import Question, QuestionKind, Verdict
from engine.questions.registry import get_kind, list_kinds
from engine.questions.service import check, generate, mistakes_of, question_from_id

__all__ = [
    "SEED_MAX",
    "BadQuestionIdError",
    "Question",
    "QuestionError",
    "QuestionKind",
    "UnknownKindError",
    "Verdict",
    "check",
    "generate",
    "get_kind",
    "list_kinds",
    "mistakes_of",
    "question_from_id",
]
