"""Question ids ``kind/difficulty/seed``: the seed range and one clear message per fault.

``generate`` (the CLI's ``ask --seed``) and ``check`` accept exactly the same seeds, so an
id that ``ask`` printed can always be checked.
"""

from __future__ import annotations

import re

from engine.questions.base import DIFFICULTIES, KindDef
from engine.questions.errors import BadQuestionIdError, QuestionError, UnknownKindError
from engine.questions.registry import get_def, kind_defs

SEED_MAX = 2**63 - 1
_EXAMPLE = "e.g. conv-output-shape/2/12345"


def seed_error(seed: object) -> QuestionError:
    return QuestionError(f"Seed must be a whole number from 0 to {SEED_MAX}, not {seed}.")


def check_seed(seed: int) -> None:
    """Raise unless 0 ≤ seed ≤ SEED_MAX."""
    if not 0 <= seed <= SEED_MAX:
        raise seed_error(seed)


def _kind(question_id: str, name: str) -> KindDef:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
        raise BadQuestionIdError(f"Question id {question_id!r} does not start with a kind id "
                                 f"({_EXAMPLE}); run `dlquiz kinds` to list them.")
    if name in kind_defs():
        return get_def(name)
    hint = ""
    fixed = name.lower().replace("_", "-")
    if fixed in kind_defs():
        hint = f" (kind ids are lower case with hyphens: {fixed!r})"
    raise UnknownKindError(f"Question id {question_id!r} names an unknown kind {name!r}{hint}; "
                           "run `dlquiz kinds` to list them.")


def split_id(question_id: str) -> tuple[KindDef, int, int]:
    """(kind, difficulty, seed) from ``kind/difficulty/seed``, or an error saying which part
    is wrong."""
    parts = question_id.strip().split("/")
    if len(parts) != 3:
        raise BadQuestionIdError(f"Question id {question_id!r} is not of the form "
                                 f"kind/difficulty/seed, {_EXAMPLE}.")
    name, level, seed = (p.strip() for p in parts)
    kind = _kind(question_id, name)
    if not (level.isascii() and level.isdigit()) or int(level) not in DIFFICULTIES:
        raise BadQuestionIdError(f"Question id {question_id!r} has difficulty {level!r}; it "
                                 "must be 1, 2 or 3.")
    if not seed.isascii() or not seed.isdigit() or int(seed) > SEED_MAX:
        raise BadQuestionIdError(f"Question id {question_id!r} has seed {seed!r}; it must be a "
                                 f"whole number from 0 to {SEED_MAX}.")
    return kind, int(level), int(seed)
