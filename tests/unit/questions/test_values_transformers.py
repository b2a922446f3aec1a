"""Transformer and fine-tuning kinds: answers redone by hand from the prompt, and known values.

Like test_values.py, these read the numbers back out of the English prompt and redo the
arithmetic with plain Python (not the engine or the kind's helpers). The known values are
the ones the notes quote (content/transformers.md 087, 088, 093, 099, 100; training.md 113),
worked out by hand there.
"""

from __future__ import annotations

import re

from engine.questions import check, generate
from engine.questions.answers.parse import read_numbers

SEEDS = range(40)


def grab(pattern: str, text: str, group: int = 1) -> str:
    m = re.search(pattern, text)
    assert m is not None, (pattern, text)
    return m.group(group)


def _find(kind: str, difficulty: int, needle: str) -> str:
    """The question id of the first seed whose English prompt contains ``needle``."""
    for seed in range(2000):
        q = generate(kind, difficulty, seed, "en")
        if needle in q.prompt:
            return q.id
    raise AssertionError(f"no {kind}/{difficulty} question mentions {needle!r}")


def values(text: str) -> tuple[float, ...]:
    """The numbers of a displayed answer without their units (``12.50 GiB`` → 12.5)."""
    return tuple(n.value for n in read_numbers(text))


def _expected(qid: str) -> str:
    kind, d, seed = qid.split("/")
    return generate(kind, int(d), int(seed), "en").expected_display


# --- known values -------------------------------------------------------------------------

def test_mha_params_known_values() -> None:
    # nn.MultiheadAttention(512, 8): 4·512² + 4·512
    qid = _find("mha-params", 1, "embed_dim=512, num_heads=8)`")
    assert int(values(_expected(qid))[0]) == 1_050_624
    assert check(qid, "1,048,576", "en").diagnosis == "forgot the biases"
    # BERT-base width: 4·768² + 4·768
    qid = _find("mha-params", 1, "embed_dim=768, num_heads=12)`")
    assert int(values(_expected(qid))[0]) == 2_362_368


def test_encoder_layer_known_value() -> None:
    # Transformer-base encoder layer: 1,050,624 + 2,099,712 + 2,048 (note 093)
    qid = _find("mha-params", 3, "(d_model=512, nhead=8, dim_feedforward=2048)`: MHA + FFN "
                "(512→2048→512) + two LayerNorms, all linear layers with biases. How many "
                "parameters does this layer")
    assert int(values(_expected(qid))[0]) == 3_152_384
    # FFN hidden taken as d: 1,050,624 + (512·512 + 512)·2 + 2,048
    assert check(qid, "1577984", "en").diagnosis == "took the FFN hidden size as d, not 4d"


def test_kv_cache_known_values() -> None:
    # 7B shape, fp16, one token: 2·32·32·128·2 (note 100)
    qid = _find("kv-cache-size", 1, "32 layers, 32 attention heads (standard MHA), head_dim = "
                "128; the KV cache is stored in fp16 (2 bytes). At inference one sequence has 1 "
                "token cached.")
    assert values(_expected(qid))[0] == 524_288
    assert check(qid, "262144", "en").diagnosis == "forgot the factor 2 (both K and V are cached)"
    assert check(qid, "1048576", "en").diagnosis == "used fp32 (4 bytes) instead of fp16"


def test_kv_cache_gqa_known_value() -> None:
    # Llama-2-70B shape with 8 KV heads: 327,680 bytes per token (note 101)
    for seed in range(3000):
        q = generate("kv-cache-size", 2, seed, "en")
        if "80 layers, 64 query heads with GQA, 8 KV heads" in q.prompt:
            tokens = int(grab(r"has (\d+) tokens", q.prompt))
            batch = int(grab(r"a batch of (\d+)", q.prompt))
            assert values(q.expected_display)[0] == 327_680 * tokens * batch
            mha = str(2_621_440 * tokens * batch)
            assert check(q.id, mha, "en").diagnosis == ("used all query heads instead of the "
                                                        "KV heads")
            return
    raise AssertionError("no 70B-shaped GQA question found")


def test_lora_known_values() -> None:
    # one 4096×4096 matrix at r = 8: 8·(4096 + 4096) (note 113)
    qid = _find("lora-params", 1, "rank r = 8 to a linear layer W_v (d_in = 4096, "
                "d_out = 4096, no bias)")
    assert values(_expected(qid)) == (65_536,)
    assert check(qid, "134217728", "en").diagnosis == "computed r·d_in·d_out"
    assert check(qid, "32768", "en").diagnosis == "counted only one of A and B"
    # 32 layers, W_q and W_v, r = 8: 32·2·65,536 (note 113)
    qid = _find("lora-params", 2, "A 32-layer Transformer with d_model = 4096; the attention "
                "projections W_q, W_k, W_v, W_o are all d_model×d_model. LoRA with r = 8 is "
                "added to W_q and W_v")
    assert values(_expected(qid)) == (4_194_304,)
    assert check(qid, "131072", "en").diagnosis == "counted only one layer"


def test_attention_flops_known_value() -> None:
    # n = 2048, d = 512: 4nd² = 2,147,483,648 and 2n²d = 4,294,967,296 (note 087)
    qid = _find("attention-flops", 1, "n = 2048, d_model = 512,")
    assert int(values(_expected(qid))[0]) == 2_147_483_648 + 4_294_967_296
    assert check(qid, "2147483648", "en").diagnosis == "left out the n² terms (QKᵀ and PV)"


def test_vit_known_values() -> None:
    # ViT-B/16 at 224: 14·14 = 196 patches + [CLS]; 16·16·3·768 + 768 (note 099)
    qid = _find("vit-tokens", 1, "ViT-B/16 (D = 768, P = 16) takes 224×224")
    assert values(_expected(qid)) == (197, 590_592)
    assert check(qid, "196, 590592", "en").diagnosis == "forgot the [CLS] token"
    assert check(qid, "197, 590592", "en").correct
    # at 384: 24·24 + 1
    qid = _find("vit-tokens", 1, "ViT-B/16 (D = 768, P = 16) takes 384×384")
    assert values(_expected(qid)) == (577, 590_592)


# --- every seed, recomputed from the prompt -----------------------------------------------

def _mha_by_hand(prompt: str) -> int:
    if "TransformerEncoderLayer" in prompt:
        d = int(grab(r"d_model=(\d+)", prompt))
        ff = int(grab(r"dim_feedforward=(\d+)", prompt))
        n = int(grab(r"How many parameters do (\d+) such", prompt)) if " such " in prompt else 1
        return n * ((4 * d * d + 4 * d) + (d * ff + ff) + (ff * d + d) + 2 * 2 * d)
    if "MultiheadAttention" in prompt:
        d = int(grab(r"embed_dim=(\d+)", prompt))
        return 4 * d * d + (0 if "bias=False" in prompt else 4 * d)
    d = int(grab(r"d_model = (\d+)", prompt))
    kv_dim = int(grab(r"n_kv_heads = (\d+)", prompt)) * int(grab(r"d_head = (\d+)", prompt))
    bias = "have no biases" not in prompt
    return 2 * d * d + 2 * d * kv_dim + bias * (2 * d + 2 * kv_dim)


def test_mha_params_from_prompt() -> None:
    for d in (1, 2, 3):
        for seed in SEEDS:
            q = generate("mha-params", d, seed, "en")
            assert int(values(q.expected_display)[0]) == _mha_by_hand(q.prompt), q.id


def test_kv_cache_from_prompt() -> None:
    for d in (1, 2, 3):
        for seed in SEEDS:
            q = generate("kv-cache-size", d, seed, "en")
            layers = int(grab(r"(\d+) layers", q.prompt))
            if "standard MHA" in q.prompt:
                kv = int(grab(r"(\d+) attention heads", q.prompt))
            elif "MQA" in q.prompt:
                kv = 1
            else:
                kv = int(grab(r"(\d+) KV heads", q.prompt))
            hd = int(grab(r"head_dim = (\d+)", q.prompt))
            nbytes = int(grab(r"\((\d) bytes?\)", q.prompt))
            tokens = int(grab(r"(\d+) tokens? cached", q.prompt))
            batch = int(grab(r"a batch of (\d+)", q.prompt)) if "batch of" in q.prompt else 1
            total = 2 * layers * kv * hd * nbytes * tokens * batch
            got = values(q.expected_display)[0]
            if "MiB" in q.prompt:
                assert abs(got - total / 2**20) <= 0.005 + 1e-9, q.id
            elif "GiB" in q.prompt:
                assert abs(got - total / 2**30) <= 0.005 + 1e-9, q.id
            else:
                assert got == total, q.id


def test_lora_from_prompt() -> None:
    for d in (1, 2, 3):
        for seed in SEEDS:
            q = generate("lora-params", d, seed, "en")
            r = int(grab(r"r = (\d+)", q.prompt))
            got = values(q.expected_display)
            if d == 1:
                d_in, d_out = int(grab(r"d_in = (\d+)", q.prompt)), int(grab(r"d_out = (\d+)",
                                                                             q.prompt))
                assert got == (r * d_in + r * d_out,), q.id
                continue
            layers = int(grab(r"A (\d+)-layer", q.prompt))
            m = int(grab(r"d_model = (\d+)", q.prompt))
            shapes = [(m, m)] * (2 if "W_q and W_v in" in q.prompt else 4)
            if "every linear layer" in q.prompt:
                ff = int(grab(r"W_up: \d+→(\d+)", q.prompt))
                shapes += [(m, ff), (m, ff), (ff, m)]
            lora = layers * sum(r * (a + b) for a, b in shapes)
            assert got[0] == lora, q.id
            if d == 3:
                full = layers * sum(a * b for a, b in shapes)
                assert abs(got[1] - 100 * lora / full) <= 0.0005 + 1e-12, q.id


def test_attention_flops_from_prompt() -> None:
    for d in (1, 2, 3):
        for seed in SEEDS:
            q = generate("attention-flops", d, seed, "en")
            n = int(grab(r"n = (\d+)", q.prompt))
            width = int(grab(r"d_model = (\d+)", q.prompt))
            batch = int(grab(r"batch of (\d+)", q.prompt)) if "batch of" in q.prompt else 1
            layers = int(grab(r"For (\d+) such", q.prompt)) if " such " in q.prompt else 1
            macs = batch * layers * (4 * n * width**2 + 2 * n**2 * width)
            flops = "one multiply-add = 2 FLOPs" in q.prompt
            assert int(values(q.expected_display)[0]) == macs * (2 if flops else 1), q.id


def test_vit_tokens_from_prompt() -> None:
    for d in (1, 2, 3):
        for seed in SEEDS:
            q = generate("vit-tokens", d, seed, "en")
            c, dim, p = (int(v) for v in grab(r"Conv2d\((\d+), (\d+), kernel_size=(\d+)",
                                              q.prompt, 0).replace("Conv2d(", "")
                         .replace("kernel_size=", "").split(", "))
            size = r"fine-tuned on (\d+)×(\d+)" if d == 3 else r"takes (\d+)×(\d+)"
            h, w = int(grab(size, q.prompt, 1)), int(grab(size, q.prompt, 2))
            cls = "no [CLS]" not in q.prompt
            tokens = (h // p) * (w // p) + cls
            assert values(q.expected_display) == (tokens, p * p * c * dim + dim), q.id
