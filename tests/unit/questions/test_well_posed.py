"""Every prompt defines the symbols its answer needs: a sweep over every kind × difficulty ×
40 seeds × both languages.

A symbol is a subscripted name (``n_kv``, ``T_w``, ``η_min``, ``d_ff``) or a lone Greek
letter (``ε``, ``γ``). It is defined when the prompt gives it a value or a formula somewhere
(``n_kv = 8``, ``label_smoothing=0.05``, ``lr_t = η·t/T_w``). The symbols below name tensors,
modules or states rather than quantities, or are what the question asks the reader to work
out; each is listed with the reason. Anything else used without a definition (the LLaMA
prompt's ``d×(n_kv·128)`` without a value of n_kv) fails.
"""

from __future__ import annotations

import re

import pytest

from engine.questions import generate, list_kinds

SEEDS = range(40)
KIND_IDS = [k.id for k in list_kinds()]
_SYMBOL = re.compile(r"(?<![\w`.])([A-Za-zα-ωΑ-Ω]+_[A-Za-z0-9]+|[α-ωΨ])(?![\w(])")

NAMES = {
    # weight matrices and modules: names of tensors, not numbers
    "W_q", "W_k", "W_v", "W_o", "W_gate", "W_up", "W_down", "c_attn", "c_proj",
    # BatchNorm buffers and the affine parameters of a norm layer
    "running_mean", "running_var", "γ", "β",
    # the α-β cost model (β is the bandwidth the prompt gives in Gb/s)
    "α",
}
DERIVED = {
    ("init-std", "fan_in"),  # computing the fans from the layer is part of the question
    ("init-std", "fan_out"),
    ("ddpm-alpha-bar", "ε"),  # the sampled noise: only its coefficient is asked at level 2
}
_STATE = re.compile(r"^x_\d+$")  # DDPM states x_3, x_7: what the question asks for


def _undefined(kind_id: str, prompt: str) -> set[str]:
    missing = set()
    for sym in set(_SYMBOL.findall(prompt)):
        if sym in NAMES or (kind_id, sym) in DERIVED or _STATE.match(sym):
            continue
        if not re.search(re.escape(sym) + r"\s*[=≈]", prompt):
            missing.add(sym)
    return missing


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_every_symbol_a_prompt_uses_is_defined(kind_id: str) -> None:
    for difficulty in (1, 2, 3):
        for seed in SEEDS:
            for lang in ("en", "zh"):
                q = generate(kind_id, difficulty, seed, lang)
                assert not _undefined(kind_id, q.prompt), (q.id, lang, _undefined(kind_id,
                                                                                q.prompt))


def test_the_sweep_catches_a_symbol_without_a_value() -> None:
    assert _undefined("transformer-params", "W_k and W_v d×(n_kv·128)") == {"n_kv"}
    assert not _undefined("transformer-params", "W_k d×(n_kv·128) (n_kv = 8)")
    assert _undefined("label-smoothing", "soft target (1−ε)·onehot + ε/K") == {"ε"}
