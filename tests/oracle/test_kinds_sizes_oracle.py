"""New counting kinds against PyTorch: modules built on the meta device and counted, tensors
of the stated shapes measured, receptive fields traced by backpropagation through real
dilated convolutions, and micro-batches counted by DistributedSampler and DataLoader.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from engine.questions import generate
from tests.unit.questions.prompt_reading import grab, num, values

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")
nn = torch.nn

SEEDS = range(25)
META = torch.device("meta")


def _count(module: Any, buffers: bool = False) -> int:
    items = module.buffers() if buffers else module.parameters()  # parameters() dedups ties
    return sum(t.numel() for t in items)


@pytest.mark.parametrize("difficulty", [1, 2])
def test_norm_params_single_modules(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("norm-params", difficulty, seed, "en")
        text = grab(r"`(nn\.[^`]+)`", q.prompt)
        module = eval(text, {"nn": nn})  # the module exactly as the prompt writes it
        want = [_count(module)] + ([_count(module, buffers=True)] if difficulty == 2 else [])
        assert values(q.expected_display) == tuple(want), q.id


def test_norm_params_whole_models() -> None:
    for seed in SEEDS:
        q = generate("norm-params", 3, seed, "en")
        layers, d = int(num(r"(\d+) layers", q.prompt)), int(num(r"d = (\d+)", q.prompt))
        rms = "RMSNorm" in q.prompt.split(";")[0]
        kind = nn.RMSNorm if rms else nn.LayerNorm
        model = nn.ModuleList([kind(d, device=META) for _ in range(2 * layers + 1)])
        assert values(q.expected_display) == (_count(model),), q.id


def _bert(v: int, pos: int, types: int, d: int, layers: int, ff: int, full: bool) -> Any:
    m = nn.ModuleDict({"word": nn.Embedding(v, d), "pos": nn.Embedding(pos, d),
                       "segment": nn.Embedding(types, d), "ln": nn.LayerNorm(d)})
    if full:
        m["layers"] = nn.ModuleList(
            nn.ModuleList([nn.Linear(d, d), nn.Linear(d, d), nn.Linear(d, d), nn.Linear(d, d),
                           nn.LayerNorm(d), nn.Linear(d, ff), nn.Linear(ff, d), nn.LayerNorm(d)])
            for _ in range(layers))
        m["pooler"] = nn.Linear(d, d)
    return m


def _gpt2(v: int, pos: int, d: int, layers: int) -> Any:
    wte = nn.Embedding(v, d)
    head = nn.Linear(d, v, bias=False)
    head.weight = wte.weight  # tied, so parameters() counts it once
    blocks = nn.ModuleList(
        nn.ModuleList([nn.LayerNorm(d), nn.Linear(d, 3 * d), nn.Linear(d, d), nn.LayerNorm(d),
                       nn.Linear(d, 4 * d), nn.Linear(4 * d, d)]) for _ in range(layers))
    return nn.ModuleList([wte, nn.Embedding(pos, d), blocks, nn.LayerNorm(d), head])


def _llama(v: int, d: int, layers: int, ff: int, kv_dim: int) -> Any:
    def block() -> Any:
        return nn.ModuleList([nn.RMSNorm(d), nn.Linear(d, d, bias=False),
                              nn.Linear(d, kv_dim, bias=False), nn.Linear(d, kv_dim, bias=False),
                              nn.Linear(d, d, bias=False), nn.RMSNorm(d),
                              nn.Linear(d, ff, bias=False), nn.Linear(d, ff, bias=False),
                              nn.Linear(ff, d, bias=False)])
    return nn.ModuleList([nn.Embedding(v, d), nn.ModuleList(block() for _ in range(layers)),
                          nn.RMSNorm(d), nn.Linear(d, v, bias=False)])


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_transformer_params(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("transformer-params", difficulty, seed, "en")
        v = int(num(r"vocabulary (\d+)", q.prompt))
        with torch.device(META):
            if difficulty == 1:
                model = _bert(v, int(num(r"(\d+) positions", q.prompt)),
                              int(num(r"(\d+) token types", q.prompt)),
                              int(num(r"hidden size d = (\d+)", q.prompt)), 0, 0, False)
            elif difficulty == 2:
                model = _bert(v, int(num(r"(\d+) positions", q.prompt)), 2,
                              int(num(r"d = (\d+)", q.prompt)), int(num(r"L = (\d+)", q.prompt)),
                              int(num(r"d_ff = (\d+)", q.prompt)), True)
            elif "GPT-2" in q.prompt:
                model = _gpt2(v, int(num(r"(\d+) learned positions", q.prompt)),
                              int(num(r"d = (\d+)", q.prompt)), int(num(r"L = (\d+)", q.prompt)))
            else:
                kv = int(num(r"n_kv = (\d+)", q.prompt))  # the prompt defines n_kv
                model = _llama(v, int(num(r"d = (\d+)", q.prompt)),
                               int(num(r"L = (\d+)", q.prompt)),
                               int(num(r"SwiGLU d_ff = (\d+)", q.prompt)), kv * 128)
        assert values(q.expected_display) == (_count(model),), q.id


def test_published_model_sizes() -> None:
    with torch.device(META):
        assert _count(_bert(30522, 512, 2, 768, 12, 3072, True)) == 109_482_240
        assert _count(_gpt2(50257, 1024, 768, 12)) == 124_439_808
        assert _count(_llama(32000, 4096, 32, 11008, 4096)) == 6_738_415_616


def _nbytes(shape: tuple[int, ...], dtype: Any) -> int:
    t = torch.empty(shape, dtype=dtype, device=META)
    return int(t.numel() * t.element_size())


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_attention_memory(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("attention-memory", difficulty, seed, "en")
        heads, n = int(num(r"(\d+) heads", q.prompt)), int(num(r"length n = (\d+)", q.prompt))
        dtype = {"fp16": torch.float16, "fp32": torch.float32}[grab(r"stored in (fp\d+)",
                                                                    q.prompt)]
        batch = int(num(r"a batch of (\d+)", q.prompt)) if "batch of" in q.prompt else 1
        layers = int(num(r"and (\d+) layers", q.prompt)) if "layers" in q.prompt else 1
        probs = _nbytes((layers, batch, heads, n, n), dtype)
        got = values(q.expected_display)
        if difficulty == 1:
            assert got == (round(probs / 2**20, 2),), q.id
        elif difficulty == 2:
            assert got == (round(probs / 2**30, 2),), q.id
        else:
            lse = _nbytes((layers, batch, heads, n), torch.float32)
            assert got == (round(probs / 2**30, 2), round(lse / 2**20, 2)), q.id


def _kv_bytes(prompt: str, kv_heads: int, tokens: int, batch: int) -> int:
    layers = int(num(r"with (\d+) layers", prompt))
    d_head = int(num(r"head_dim = (\d+)", prompt))
    dtype = {"fp16": torch.float16, "fp8": torch.float8_e4m3fn, "fp32": torch.float32}[
        grab(r"stored in (fp\d+)", prompt)]
    return _nbytes((layers, 2, batch, kv_heads, tokens, d_head), dtype)  # K and V per layer


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_gqa_kv_cache(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("gqa-kv-cache", difficulty, seed, "en")
        heads = int(num(r"(\d+) query heads", q.prompt))
        kv = 1 if "MQA" in q.prompt else int(num(r"GQA \((\d+) KV heads", q.prompt))
        got = values(q.expected_display)
        if difficulty == 1:
            want = (_kv_bytes(q.prompt, heads, 1, 1), _kv_bytes(q.prompt, kv, 1, 1))
            assert got == want, q.id
        elif difficulty == 2:
            tokens = int(num(r"sequences of (\d+) tokens", q.prompt))
            batch = int(num(r"a batch of (\d+)", q.prompt))
            sizes = tuple(round(_kv_bytes(q.prompt, h, tokens, batch) / 2**30, 2)
                          for h in (heads, kv))
            assert got == sizes, q.id
        else:
            room = int(num(r"(\d+) GiB \(2\^30 bytes\) are left", q.prompt)) * 2**30
            tokens = int(num(r"With (\d+) tokens per sequence", q.prompt))
            fits = []
            for h in (heads, kv):
                batch = 0
                while _kv_bytes(q.prompt, h, tokens, batch + 1) <= room:
                    batch += 1 if batch < 64 else max(1, batch // 2)
                while _kv_bytes(q.prompt, h, tokens, batch) > room:
                    batch -= 1
                fits.append(batch)
            assert got == tuple(fits), q.id


def _traced_rf(layers: list[tuple[int, int, int]]) -> int:
    """Receptive field found by backpropagating from one output through 1-D convs of ones."""
    length = 1 + sum(d * (k - 1) * math.prod(s for _, s, _ in layers[:i])
                     for i, (k, _, d) in enumerate(layers)) * 3 + 64
    x = torch.ones(1, 1, length, dtype=torch.float64, requires_grad=True)
    y = x
    for k, s, d in layers:
        conv = nn.Conv1d(1, 1, k, stride=s, dilation=d, bias=False, dtype=torch.float64)
        nn.init.ones_(conv.weight)
        y = conv(y)
    y[0, 0, y.shape[-1] // 2].backward()
    hit = torch.nonzero(x.grad[0, 0]).flatten()
    return int(hit.max() - hit.min() + 1)


def test_dilated_receptive_field() -> None:
    for difficulty in (1, 2, 3):
        for seed in SEEDS:
            q = generate("dilated-receptive-field", difficulty, seed, "en")
            if "WaveNet" in q.prompt:
                rates = [int(v) for v in grab(r"dilations ([\d, ]+) \(", q.prompt).split(", ")]
                blocks = int(num(r"and (\d+) such blocks", q.prompt))
                layers = [(2, 1, r) for r in rates] * blocks
            else:
                layers = [(int(k), int(s), int(d)) for k, s, d in re.findall(
                    r"(\d+)×\d+ conv, stride (\d+), dilation (\d+)", q.prompt)]
            assert values(q.expected_display) == (_traced_rf(layers),), q.id


def test_grad_accumulation_micro_batches_from_the_sampler() -> None:
    from torch.utils.data import DataLoader, DistributedSampler

    for difficulty in (1, 2, 3):
        for seed in range(10):
            q = generate("grad-accumulation", difficulty, seed, "en")
            n = int(num(r"A dataset of (\d+) samples", q.prompt))
            b = int(num(r"micro-batch (\d+) per GPU", q.prompt))
            gpus = int(num(r"DDP on (\d+) GPUs", q.prompt)) if "DDP on" in q.prompt else 1
            got = values(q.expected_display)
            k = int(got[0]) if difficulty == 3 else int(num(r"over k = (\d+) micro", q.prompt))
            data: Any = range(n)
            sampler: Any = DistributedSampler(data, num_replicas=gpus, rank=gpus - 1,
                                              shuffle=False)
            micro = len(DataLoader(data, batch_size=b, sampler=sampler))
            last = "still makes an optimizer step" in q.prompt
            steps = -(-micro // k) if last else micro // k
            assert got[1] == steps, q.id
