"""Numbers in content/sequence_models.md (notes 216–221), re-derived independently.

Gate parameter counts are built from engine.shapes.linear_params (one input and one recurrent
projection per gate) and the PyTorch counts are also read off nn.LSTM / nn.GRU; attention and
noise distributions use the engine's softmax; the beam search is run for real over the toy
conditional table, against greedy decoding.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

import engine
from engine import shapes
from tests.unit.content.claims import Claim, check, claim_ids

lin = shapes.linear_params


def gated_params(gates: int, x: int = 100, h: int = 128, two_biases: bool = False) -> int:
    return gates * (lin(x, h) + lin(h, h, bias=two_biases))


STEP1 = {"A": 0.5, "B": 0.4, "C": 0.1}
STEP2 = {"A": {"A": 0.4, "B": 0.3, "C": 0.3}, "B": {"A": 0.9, "B": 0.05, "C": 0.05},
         "C": {"A": 1 / 3, "B": 1 / 3, "C": 1 / 3}}


def beam(width: int) -> list[tuple[str, float]]:
    beams = sorted(STEP1.items(), key=lambda kv: -kv[1])[:width]
    grown = [(a + b, p * q) for a, p in beams for b, q in STEP2[a].items()]
    return sorted(grown, key=lambda kv: -kv[1])[:width]


def length_score(logp: float, length: int, alpha: float) -> float:
    return float(logp / ((5 + length) / 6) ** alpha)


H_ENC = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
S_DEC = np.array([1.0, 0.0])
FREQ = np.array([0.9, 0.09, 0.01])


def sgns_loss() -> float:
    return float(-np.log(engine.sigmoid(2.0)) - np.log(engine.sigmoid(-0.0))
                 - np.log(engine.sigmoid(1.0)))


CTC_FRAMES = [{"-": 0.5, "a": 0.4, "b": 0.1}, {"-": 0.4, "a": 0.3, "b": 0.3},
              {"-": 0.6, "a": 0.1, "b": 0.3}]


def ctc_collapse(path: tuple[str, ...]) -> str:
    merged = [c for i, c in enumerate(path) if i == 0 or c != path[i - 1]]
    return "".join(c for c in merged if c != "-")


def ctc_outputs() -> dict[str, list[tuple[str, float]]]:
    """Every 3-frame path grouped by the output it collapses to, with its probability."""
    table: dict[str, list[tuple[str, float]]] = {}
    for path in itertools.product("-ab", repeat=3):
        prob = math.prod(frame[c] for frame, c in zip(CTC_FRAMES, path, strict=True))
        table.setdefault(ctc_collapse(path), []).append(("".join(path), prob))
    return table


def ctc_total(label: str) -> float:
    return sum(p for _, p in ctc_outputs()[label])


CLAIMS = [
    Claim("216", r"$0.9^{50}\approx0.0052$，只剩约 0.5%", lambda: (0.9**50, 100 * 0.9**50),
          at=(2, 3)),
    Claim("216", r"$1.1^{50}\approx117.4$", lambda: 1.1**50, at=(-1,)),
    Claim("216", r"$0.99^{50}\approx0.605$", lambda: 0.99**50, at=(-1,)),
    Claim("217", r"$4\times(128\times100+128^2+128)=117{,}248$", lambda: gated_params(4),
          at=(-1,)),
    Claim("217", r"多出 $4\times128=512$ 个，为 117,760",
          lambda: (4 * 128, gated_params(4, two_biases=True))),
    Claim("217", r"$f_t\approx\sigma(1)\approx0.73$", lambda: float(engine.sigmoid(1.0)),
          at=(-1,)),
    Claim("218", r"$3\times(128\times100+128^2+128)=87{,}936$ 个参数，PyTorch 为 88,320",
          lambda: (gated_params(3), gated_params(3, two_biases=True))),
    Claim("218", "对应的 LSTM 是 117,248 和 117,760，GRU 正好是它的 3/4",
          lambda: (gated_params(4), gated_params(4, two_biases=True), 3, 4), at=(0, 1, 2, 3)),
    Claim("219", "用 dot 打分得 $1,0,1$", lambda: H_ENC @ S_DEC),
    Claim("219", "softmax 权重 $[0.4223,0.1554,0.4223]$", lambda: engine.softmax(H_ENC @ S_DEC)),
    Claim("219", r"=(0.8446,0.5777)$", lambda: engine.softmax(H_ENC @ S_DEC) @ H_ENC),
    Claim("219", "各拿到 42%，正交的 $h_2$ 只有 16%",
          lambda: (round(100 * engine.softmax(H_ENC @ S_DEC)[0]),
                   round(100 * engine.softmax(H_ENC @ S_DEC)[1]))),
    Claim("220", r"损失 $=-\log\sigma(2)-\log\sigma(0)-\log\sigma(1)\approx1.1333$", sgns_loss,
          at=(-1,)),
    Claim("220", "采样概率约为 $[0.8250,0.1467,0.0282]$",
          lambda: FREQ**0.75 / (FREQ**0.75).sum()),
    Claim("220", "从 1% 升到约 2.8%", lambda: (1, 100 * (FREQ**0.75 / (FREQ**0.75).sum())[2])),
    Claim("220", r"$1-\sqrt{10^{-3}}\approx0.9684$", lambda: 1 - math.sqrt(1e-5 / 0.01),
          at=(-1,)),
    Claim("221", r"概率 $0.5\times0.4=0.2$", lambda: (STEP1["A"], STEP2["A"]["A"], beam(1)[0][1])),
    Claim("221", r"保留 BA（$0.4\times0.9=0.36$）和 AA（0.2）",
          lambda: (beam(2)[0][1], beam(2)[1][1]), at=(-2, -1)),
    Claim("221", r"对数概率 $-1.0217$ 对 $-1.6094$",
          lambda: (math.log(beam(2)[0][1]), math.log(beam(1)[0][1]))),
    Claim("221", r"$\alpha=0.6$ 时得分为 $-1.8233$ 和 $-2.0853$",
          lambda: (length_score(-2.0, 2, 0.6), length_score(-3.0, 6, 0.6))),
    Claim("221", r"$\alpha=1$ 时为 $-1.7143$ 和 $-1.6364$",
          lambda: (length_score(-2.0, 2, 1.0), length_score(-3.0, 6, 1.0))),
    Claim("258", "输出 `a` 的路径有 6 条", lambda: len(ctc_outputs()["a"])),
    Claim("258", "概率和为 0.305，是所有输出中最大的", lambda: ctc_total("a")),
    Claim("258", r"其概率只有 $0.5\times0.4\times0.6=0.12$", lambda: ctc_total(""), at=(-1,)),
]


def test_ctc_example_paths_and_greedy() -> None:
    assert sorted(p for p, _ in ctc_outputs()["a"]) == ["--a", "-a-", "-aa", "a--", "aa-", "aaa"]
    assert [p for p, _ in ctc_outputs()["aa"]] == ["a-a"]
    assert max(ctc_outputs(), key=ctc_total) == "a"
    greedy = tuple(max(frame, key=frame.__getitem__) for frame in CTC_FRAMES)
    assert ctc_collapse(greedy) == ""


def test_beam_finds_what_greedy_misses() -> None:
    assert [s for s, _ in beam(1)] == ["AA"]
    assert [s for s, _ in beam(2)] == ["BA", "AA"]


def test_pytorch_counts_two_biases() -> None:
    torch = pytest.importorskip("torch")
    for module, gates in ((torch.nn.LSTM(100, 128), 4), (torch.nn.GRU(100, 128), 3)):
        assert sum(p.numel() for p in module.parameters()) == gated_params(gates, two_biases=True)


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
