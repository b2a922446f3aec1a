"""Numbers in content/vision_transformers.md (notes 255–256), re-derived.

Swin's costs use the attention-flops kind's attention_macs: global attention over all 56×56
tokens, and window attention as 64 independent 7×7-token sequences (not the closed form the
note quotes); the DETR example solves the assignment by enumerating every matching, against
a per-object greedy choice.
"""

from __future__ import annotations

import itertools

import pytest

from engine.questions.kinds.attention_flops import attention_macs
from tests.unit.content.claims import Claim, check, claim_ids

SIDE, CHANNELS, WINDOW = 56, 96, 7
WINDOWS = (SIDE // WINDOW) ** 2


def msa() -> int:
    return attention_macs(SIDE * SIDE, CHANNELS)


def w_msa() -> int:
    return WINDOWS * attention_macs(WINDOW * WINDOW, CHANNELS)


def projections() -> int:
    return attention_macs(SIDE * SIDE, CHANNELS, products=0)


COST = [[0.1, 0.2], [0.3, 0.9], [0.9, 0.9]]  # rows: predictions, columns: objects


def optimal_matching() -> tuple[float, tuple[int, ...]]:
    return min((sum(COST[p][g] for g, p in enumerate(preds)), preds)
               for preds in itertools.permutations(range(3), 2))


def greedy_matching() -> float:
    taken: set[int] = set()
    total = 0.0
    for g in range(2):
        p = min((p for p in range(3) if p not in taken), key=lambda p: COST[p][g])
        taken.add(p)
        total += COST[p][g]
    return total


CLAIMS = [
    Claim("255", "stride 4 时 224 输入就有 3136 个 token", lambda: (224 // 4) ** 2),
    Claim("255", r"$4\times3136\times96^2+2\times3136^2\times96=2{,}003{,}828{,}736$", msa,
          at=(-1,)),
    Claim("255", r"$4\times3136\times96^2+2\times49\times3136\times96=145{,}108{,}992$，"
          "约少 13.8 倍",
          lambda: (w_msa(), msa() / w_msa()), at=(-2, -1)),
    Claim("255", r"$4hwC^2=115{,}605{,}504$", projections, at=(-1,)),
    Claim("255", r"$1{,}888{,}223{,}232$ 对 $29{,}503{,}488$",
          lambda: (msa() - projections(), w_msa() - projections())),
    Claim("255", r"分成 $8\times8=64$ 个窗口", lambda: WINDOWS, at=(-1,)),
    Claim("255", r"$(2\times7-1)^2=169$ 项", lambda: (2 * WINDOW - 1) ** 2, at=(-1,)),
    Claim("256", "总代价 1.0", greedy_matching),
    Claim("256", "总代价 0.5", lambda: optimal_matching()[0]),
]


def test_optimal_matching_pairs_objects_as_the_note_says() -> None:
    """g1 ← p2 and g2 ← p1 (0-based: predictions 1 and 0)."""
    assert optimal_matching()[1] == (1, 0)


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
