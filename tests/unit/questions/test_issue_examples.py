"""The answers the audit found misread, typed into real questions of the kinds concerned:
thousands separators in single-entry lists, percentages, units, rounded large counts, and
two mistakes with one value named together."""

from __future__ import annotations

import pytest

from engine.questions import check, generate
from engine.questions.base import Mistake, Problem, integer
from engine.questions.judge import judge
from engine.questions.service import _clean
from engine.questions.text import Bi
from tests.unit.questions.prompt_reading import values

SEEDS = range(20)


def _qids(kind: str, difficulty: int) -> list[str]:
    return [f"{kind}/{difficulty}/{seed}" for seed in SEEDS]


def _sig4(x: float) -> str:
    """A count written to 4 significant figures with an M/G/T suffix, as people do."""
    for scale, suffix in ((1e12, "T"), (1e9, "G"), (1e6, "M")):
        if abs(x) >= scale:
            return f"{x / scale:.4g}{suffix}"
    return f"{x:.4g}"


def test_lora_single_matrix_with_thousands_separators() -> None:
    for qid in _qids("lora-params", 1):
        (count,) = values(generate(*_split(qid), "en").expected_display)
        assert check(qid, f"{int(count):,}", "en").correct, qid
        assert check(qid, f"[{int(count):,}]", "en").correct, qid


def test_lora_share_as_a_percentage_and_with_separators() -> None:
    for qid in _qids("lora-params", 3):
        count, pct = values(generate(*_split(qid), "en").expected_display)
        assert check(qid, f"[{int(count)}, {pct:.3f}%]", "en").correct, qid
        assert check(qid, f"{int(count):,}, {pct:.3f}", "en").correct, qid
        wrong = check(qid, f"{int(count)}, {pct / 100:.5f}", "en")
        assert not wrong.correct and wrong.diagnosis is not None and "fraction" in \
            wrong.diagnosis, qid


def _split(qid: str) -> tuple[str, int, int]:
    kind, d, seed = qid.split("/")
    return kind, int(d), int(seed)


@pytest.mark.parametrize(("kind", "difficulty", "unit"), [
    ("conv-macs", 2, " FLOPs"), ("arch-params", 1, " params"), ("iters-per-epoch", 1, "次"),
    ("iters-per-epoch", 1, " iterations"), ("kv-cache-size", 1, " bytes"),
    ("kv-cache-size", 3, ""), ("transformer-params", 2, " parameters"),
])
def test_answers_with_their_unit(kind: str, difficulty: int, unit: str) -> None:
    for qid in _qids(kind, difficulty):
        shown = generate(*_split(qid), "en").expected_display
        (value,) = values(shown)
        typed = (f"{value:.2f} {shown.split()[1]}" if kind == "kv-cache-size" and difficulty == 3
                 else f"{int(value)}{unit}")
        assert check(qid, typed, "zh").correct, (qid, typed)


def test_kv_cache_in_decimal_gigabytes_converts_and_binary_confusion_is_named() -> None:
    for qid in _qids("kv-cache-size", 3):
        q = generate(*_split(qid), "en")
        if "GiB" not in q.prompt:
            continue
        (gib,) = values(q.expected_display)
        assert check(qid, f"{gib * 2**30 / 1e9:.4f} GB", "en").correct, qid
        confused = check(qid, f"{gib:.2f} GB", "en")
        assert not confused.correct and confused.diagnosis is not None, qid
        assert "GiB" in confused.diagnosis and "GB" in confused.diagnosis, qid


def test_a_unit_of_the_wrong_quantity_is_a_named_mistake() -> None:
    for qid in _qids("arch-params", 1):
        (count,) = values(generate(*_split(qid), "en").expected_display)
        v = check(qid, f"{int(count)} FLOPs", "en")
        assert v.readable and not v.correct and "parameter count" in (v.diagnosis or ""), qid


@pytest.mark.parametrize(("kind", "difficulty"), [("arch-params", 2), ("attention-flops", 1),
                                                  ("attention-flops", 3), ("conv-macs", 2)])
def test_large_counts_to_four_significant_figures(kind: str, difficulty: int) -> None:
    for qid in _qids(kind, difficulty):
        shown = generate(*_split(qid), "en").expected_display
        (value,) = values(shown)
        if value < 1e6:
            continue
        v = check(qid, _sig4(value), "en")
        assert v.correct, (qid, _sig4(value))
        if values(_sig4(value))[0] != value:
            assert shown.split()[0] in v.feedback  # the exact value is shown


def test_two_mistakes_with_one_value_are_named_together() -> None:
    answer = integer(100)
    problem = Problem(Bi("题", "q"), answer, Bi("解", "s"), (
        Mistake(Bi("忽略了 groups", "ignored groups"), answer.like([200])),
        Mistake(Bi("MACs 与 FLOPs 弄混了", "mixed up MACs and FLOPs"), answer.like([200])),
        Mistake(Bi("忘了 batch", "forgot the batch"), answer.like([50]))))
    clean, collisions = _clean(problem)
    assert collisions == 1 and len(clean.mistakes) == 2
    v = judge(clean, "200", "en")
    assert v.diagnosis == "either ignored groups, or mixed up MACs and FLOPs"
    assert "忽略了 groups" in (judge(clean, "200", "zh").diagnosis or "")
    assert judge(clean, "50", "en").diagnosis == "forgot the batch"
