"""Stable random generators per question: same (kind, difficulty, seed) on every machine.

The kind id is hashed with SHA-256 (not Python's salted ``hash``) and fed, with the
difficulty, seed and retry attempt, to NumPy's SeedSequence via ``default_rng``.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np


@lru_cache(maxsize=128)
def kind_key(kind_id: str) -> int:
    """A stable 64-bit integer for a kind id."""
    return int.from_bytes(hashlib.sha256(kind_id.encode("utf-8")).digest()[:8], "big")


def rng_for(kind_id: str, difficulty: int, seed: int, attempt: int = 0) -> np.random.Generator:
    """The generator a kind uses to draw its numbers."""
    return np.random.default_rng([kind_key(kind_id), difficulty, seed, attempt])
