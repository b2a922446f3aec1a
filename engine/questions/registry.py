"""The registry of question kinds, keyed by stable id (the contract with the notes)."""

from __future__ import annotations

from functools import lru_cache

from engine.questions.base import KindDef
from engine.questions.errors import UnknownKindError
from engine.questions.model import QuestionKind


@lru_cache(maxsize=1)
def kind_defs() -> dict[str, KindDef]:
    """All kinds by id; imported lazily so ``import engine.questions`` stays cheap."""
    from engine.questions.kinds import ALL_KINDS

    table: dict[str, KindDef] = {}
    for kind in ALL_KINDS:
        if kind.id in table:
            raise RuntimeError(f"duplicate question kind id {kind.id!r}")
        table[kind.id] = kind
    return table


def get_def(kind_id: str) -> KindDef:
    """The kind definition, or UnknownKindError naming the id."""
    try:
        return kind_defs()[kind_id]
    except KeyError:
        raise UnknownKindError(
            f"Unknown question kind {kind_id!r}; run `dlquiz kinds` to list them."
        ) from None


def describe(kind: KindDef) -> QuestionKind:
    return QuestionKind(kind.id, kind.topic, kind.title.zh, kind.title.en, kind.answer_type)


def list_kinds(topic: str | None = None) -> list[QuestionKind]:
    """All kinds sorted by id, optionally only one topic."""
    kinds = sorted(kind_defs().values(), key=lambda k: k.id)
    return [describe(k) for k in kinds if topic is None or k.topic == topic]


def get_kind(kind_id: str) -> QuestionKind:
    return describe(get_def(kind_id))
