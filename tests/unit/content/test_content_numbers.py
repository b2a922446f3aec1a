"""The number-checking test of issue 6, as a whole: coverage, the checker itself, known errors.

The claims live in the ``test_numbers_*`` modules next to this one (one per content area);
each asserts that a note still states a number and that the engine computes it. Here we check
that together they cover every content file broadly, that the checker really rejects wrong or
missing numbers, and check shares that need a derived total (SHARE_CLAIMS).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from dlquiz.notes.parser import read_notes_file
from engine.arch import count_params
from tests.unit.content import (
    test_numbers_agents_training,
    test_numbers_architectures,
    test_numbers_basics_conv,
    test_numbers_detection,
    test_numbers_evaluation,
    test_numbers_generative,
    test_numbers_graphs_rl,
    test_numbers_inference,
    test_numbers_lightweight,
    test_numbers_ml_foundations,
    test_numbers_mobile_archs,
    test_numbers_moe_kv,
    test_numbers_multimodal_diffusion,
    test_numbers_optim_norm_pool,
    test_numbers_post_training,
    test_numbers_quant_long,
    test_numbers_recsys,
    test_numbers_retrieval,
    test_numbers_seg_training,
    test_numbers_sequence_models,
    test_numbers_ssl_vision,
    test_numbers_ssm,
    test_numbers_stability,
    test_numbers_systems,
    test_numbers_test_time,
    test_numbers_tokenization,
    test_numbers_transformers,
    test_numbers_vision_transformers,
    test_review_fixes,
)
from tests.unit.content.claims import CONTENT_DIR, Claim, answers, check, numbers_in

ALL_CLAIMS: list[Claim] = [
    *test_numbers_basics_conv.CLAIMS,
    *test_numbers_architectures.CLAIMS,
    *test_numbers_detection.CLAIMS,
    *test_numbers_lightweight.CLAIMS,
    *test_numbers_mobile_archs.CLAIMS,
    *test_numbers_optim_norm_pool.CLAIMS,
    *test_numbers_seg_training.CLAIMS,
    *test_numbers_transformers.CLAIMS,
    *test_numbers_post_training.CLAIMS,
    *test_numbers_inference.CLAIMS,
    *test_numbers_moe_kv.CLAIMS,
    *test_numbers_quant_long.CLAIMS,
    *test_review_fixes.CLAIMS,
    *test_numbers_stability.CLAIMS,
    *test_numbers_ssm.CLAIMS,
    *test_numbers_generative.CLAIMS,
    *test_numbers_test_time.CLAIMS,
    *test_numbers_tokenization.CLAIMS,
    *test_numbers_evaluation.CLAIMS,
    *test_numbers_ssl_vision.CLAIMS,
    *test_numbers_agents_training.CLAIMS,
    *test_numbers_graphs_rl.CLAIMS,
    *test_numbers_ml_foundations.CLAIMS,
    *test_numbers_multimodal_diffusion.CLAIMS,
    *test_numbers_recsys.CLAIMS,
    *test_numbers_retrieval.CLAIMS,
    *test_numbers_sequence_models.CLAIMS,
    *test_numbers_systems.CLAIMS,
    *test_numbers_vision_transformers.CLAIMS,
]
MIN_CLAIMS = 120


@pytest.fixture(scope="module")
def note_files() -> dict[str, str]:
    """Note number → content file name."""
    return {n.number or "": path.name for path in sorted(CONTENT_DIR.glob("*.md"))
            for n in read_notes_file(path).notes}


def test_enough_claims_and_every_file_covered(note_files: dict[str, str]) -> None:
    assert len(ALL_CLAIMS) >= MIN_CLAIMS
    per_file = Counter(note_files[c.note] for c in ALL_CLAIMS)
    assert set(per_file) == set(note_files.values()), per_file


def test_every_note_that_links_a_numeric_kind_has_claims(note_files: dict[str, str]) -> None:
    # A note that links a practice kind is computational; its example numbers must be checked.
    claimed = {c.note for c in ALL_CLAIMS}
    # Keyed like the note_files fixture ("" for a note without a number).
    practice = {n.number or "": n.practice for path in sorted(CONTENT_DIR.glob("*.md"))
                for n in read_notes_file(path).notes}
    unchecked = sorted(num for num, kinds in practice.items() if kinds and num not in claimed)
    assert unchecked == [], [(n, note_files[n], practice[n]) for n in unchecked]


def test_every_large_number_written_is_claimed() -> None:
    # Every number of a million or more written with thousands separators (parameter counts,
    # MACs, byte sizes, ...) must be checked by some claim on the same note.
    unclaimed = []
    for note, answer in answers().items():
        for match in re.finditer(r"\d{1,3}(?:,\d{3}){2,}", answer.replace("{,}", ",")):
            value = float(match.group().replace(",", ""))
            if not any(c.note == note and any(s.value == value for s in numbers_in(c.text))
                       for c in ALL_CLAIMS):
                unclaimed.append(f"{note}: {match.group()}")
    assert unclaimed == []


# --- the checker can fail ---------------------------------------------------------------

def test_numbers_in_reads_separators_signs_and_latex() -> None:
    got = [(s.value, s.decimals) for s in numbers_in(
        r"$64\times3\times7=9{,}408$，−0.5 与 1,281,167；pool5 与 conv5_3 不算")]
    assert got == [(64, 0), (3, 0), (7, 0), (9408, 0), (-0.5, 1), (1281167, 0)]


def test_check_rejects_a_wrong_integer() -> None:
    with pytest.raises(AssertionError, match="written vs computed"):
        check(Claim("003", r"$64\times3\times7\times7=9408$", lambda: 9409))


def test_check_rejects_a_real_off_in_the_last_printed_decimal() -> None:
    with pytest.raises(AssertionError, match="written vs computed"):
        check(Claim("017", r"$\sigma(2)=0.880797$", lambda: 0.880798))
    check(Claim("017", r"$\sigma(2)=0.880797$", lambda: 0.8807974))  # rounds to what is shown


def test_check_rejects_text_the_note_does_not_contain() -> None:
    with pytest.raises(AssertionError, match="no longer says"):
        check(Claim("003", "9409", lambda: 9409))


# --- content errors found by the claims (left in content/ for its authors to fix) ---------

SHARE_CLAIMS = [
    # MobileNetV1: the fc's 1,025,000 parameters are 24.35% of the 4,210,088 counted just
    # before (24.22% of 4,231,976 with BN). The note said 24.4% until this test found it.
    Claim("056", "全连接 1,025,000 参数（约 24.3%）",
          lambda: 100 * 1_025_000 / (count_params("mobilenet_v1") - 2 * _v1_bn_channels())),
]


def _v1_bn_channels() -> int:
    """Channels normalised by BatchNorm in MobileNetV1 (each BN holds γ and β)."""
    from engine.arch import layer_breakdown

    return sum(r.params for r in layer_breakdown("mobilenet_v1") if r.kind == "batchnorm") // 2


@pytest.mark.parametrize("claim", SHARE_CLAIMS, ids=[c.note for c in SHARE_CLAIMS])
def test_share_claims(claim: Claim) -> None:
    check(claim)
