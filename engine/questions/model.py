"""Public records: a kind descriptor, a generated question and a verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.questions.base import AnswerType


@dataclass(frozen=True)
class QuestionKind:
    """A registered kind as the CLI and TUI see it."""

    id: str
    topic: str
    title_zh: str
    title_en: str
    answer_type: AnswerType
    difficulties: tuple[int, ...] = (1, 2, 3)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "topic": self.topic, "title_zh": self.title_zh,
                "title_en": self.title_en, "answer_type": self.answer_type,
                "difficulties": list(self.difficulties)}


@dataclass(frozen=True)
class Question:
    """One generated question in one language."""

    id: str
    kind: str
    topic: str
    difficulty: int
    seed: int
    lang: str
    prompt: str
    answer_format: str
    solution: str
    expected_display: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "topic": self.topic,
                "difficulty": self.difficulty, "seed": self.seed, "prompt": self.prompt,
                "answer_format": self.answer_format}


@dataclass(frozen=True)
class Verdict:
    """The judgement of one answer.

    ``parse_error`` means the answer could not be read (``reason`` says why): it is neither
    right nor wrong, and callers ask again instead of recording it.
    """

    correct: bool
    score: float
    expected: str
    feedback: str
    diagnosis: str | None
    solution: str
    parse_error: bool = False
    reason: str | None = None
    # the named mistake alone, without the diagnosis' detail (which dimension of a shape):
    # what the review log and the statistics count, so one mistake keeps one name
    mistake: str | None = None

    @property
    def readable(self) -> bool:
        return not self.parse_error

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "score": self.score, "expected": self.expected,
                "feedback": self.feedback, "diagnosis": self.diagnosis,
                "solution": self.solution}

    def readability(self) -> dict[str, Any]:
        """Whether the answer could be read, and why not (``check --json`` adds these)."""
        return {"readable": self.readable, "reason": self.reason}
