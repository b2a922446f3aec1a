"""MoE, decoding, EMA, weight decay and BPE kinds against independent computations:
nn.Linear/nn.Embedding counted on the meta device, the accepted-run distribution summed
term by term, torch.optim.swa_utils.AveragedModel, torch.optim.SGD/AdamW, beam search with
torch.topk, and Sennrich's reference BPE loop on space-separated symbols."""

from __future__ import annotations

import collections
import itertools
import re
from typing import Any

import pytest

from engine.questions import generate
from tests.unit.questions.prompt_reading import grab, num, values

torch = pytest.importorskip(
    "torch", reason="PyTorch oracle not installed: pip install -e '.[oracle]'")
nn = torch.nn

SEEDS = range(30)


def _vec(text: str) -> list[float]:
    return [float(v) for v in text.strip("[] ").split(",")]


def _count(*modules: Any) -> int:
    return sum(p.numel() for m in modules for p in m.parameters())


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_moe_params(difficulty: int) -> None:
    for seed in range(10):
        q = generate("moe-params", difficulty, seed, "en")
        p = q.prompt
        layers, d, e = (int(num(rf"{s} = (\d+)", p)) for s in ("L", "d", "E"))
        ff, k, v = (int(num(rf"{s} = (\d+)", p)) for s in ("d_ff", "top-k", "V"))
        shared = int(num(r"plus (\d+) shared", p)) if "shared" in p else 0
        meta = {"device": "meta", "bias": False}
        attn = [nn.Linear(d, d, **meta) for _ in range(4)]
        router = nn.Linear(d, e, **meta)
        expert = [nn.Linear(d, ff, **meta), nn.Linear(d, ff, **meta), nn.Linear(ff, d, **meta)]
        emb = nn.Embedding(v, d, device="meta")
        per_layer = _count(*attn, router)
        total = _count(emb) + layers * (per_layer + (e + shared) * _count(*expert))
        active = _count(emb) + layers * (per_layer + (k + shared) * _count(*expert))
        assert values(q.expected_display) == (total, active), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_speculative_decoding(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("speculative-decoding", difficulty, seed, "en")
        alpha, gamma = num(r"α = ([\d.]+)", q.prompt), int(num(r"γ = (\d+)", q.prompt))
        # a accepted draft tokens (the first rejection stops), then the target's own token
        runs = [(a + 1, alpha ** a * (1 - alpha)) for a in range(gamma)]
        runs.append((gamma + 1, alpha ** gamma))
        expect = sum(n * prob for n, prob in runs)
        if difficulty == 2:
            expect /= gamma * num(r"c = ([\d.]+) of", q.prompt) + 1
        elif difficulty == 3:
            expect = num(r"generate (\d+) tokens", q.prompt) / expect
        assert values(q.expected_display)[0] == pytest.approx(expect, abs=5.01e-3), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_ema_weights(difficulty: int) -> None:
    swa = torch.optim.swa_utils
    for seed in SEEDS:
        q = generate("ema-weights", difficulty, seed, "en")
        beta = num(r"β = (\d+(?:\.\d+)?)", q.prompt)
        start = num(r"Initially θ_ema = (-?[\d.]+);", q.prompt)
        thetas = _vec(grab(r"weights are θ = (\[[^\]]*\])", q.prompt))
        model = nn.Linear(1, 1, bias=False)

        def avg(avg_p: Any, p: Any, n: Any, beta: float = beta) -> Any:
            b = min(beta, (1 + float(n)) / (10 + float(n))) if difficulty == 3 else beta
            return b * avg_p + (1 - b) * p

        with torch.no_grad():
            model.weight.fill_(start)
            ema = swa.AveragedModel(model, avg_fn=avg)
            ema.update_parameters(model)  # the first update copies: θ_ema starts at `start`
            for th in thetas:
                model.weight.fill_(th)
                ema.update_parameters(model)
        got = float(ema.module.weight.detach())
        assert values(q.expected_display)[0] == pytest.approx(got, abs=5.01e-5), q.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_weight_decay_step(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("weight-decay-step", difficulty, seed, "en")
        p = q.prompt
        call = grab(r"`torch\.optim\.(\w+\([^`]*\))`", p)
        name, args = call.split("(", 1)
        kwargs = {a.split("=")[0].strip(): float(a.split("=")[1]) for a in
                  args.rstrip(")").split(",")}
        w = nn.Parameter(torch.tensor([num(r"w₀? = (-?[\d.]+)", p)], dtype=torch.float64))
        grads = ([num(r"gradient g = (-?[\d.]+)", p)] if difficulty != 2 else
                 [float(g) for g in re.findall(r"g_\d=(-?[\d.]+)", p)])
        opt = getattr(torch.optim, name)([w], **kwargs)
        for g in grads:
            w.grad = torch.tensor([g], dtype=torch.float64)
            opt.step()
        assert values(q.expected_display)[0] == pytest.approx(float(w.detach()), abs=5.01e-5), q.id


def _beam(p1: Any, p2: Any, width: int) -> list[float]:
    scores, first = torch.topk(p1, width)
    joint = (scores[:, None] * p2[first]).ravel()
    return [float(v) for v in torch.topk(joint, 2).values]


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_beam_search(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("beam-search", difficulty, seed, "en")
        first = grab(r"P\(x₁\) = (.*?)\. Step 2", q.prompt)
        p1 = torch.tensor([float(v.split(":")[1]) for v in first.split(",")], dtype=torch.float64)
        rows = re.findall(r"P\(· \| [ABC]\) = ([^\n]*)", q.prompt)
        p2 = torch.tensor([[float(v.split(":")[1]) for v in r.split(",")] for r in rows],
                          dtype=torch.float64)
        kept = _beam(p1, p2, 2)
        want = kept[:1] if difficulty == 1 else kept
        if difficulty == 3:
            want = torch.log(torch.tensor(kept)).tolist()
        assert list(values(q.expected_display)) == pytest.approx(want, abs=5.01e-5), q.id


def _bpe_tokens(corpus: dict[str, int], merges: int) -> int:
    vocab = {" ".join(word): n for word, n in corpus.items()}
    for _ in range(merges):
        pairs: collections.Counter[tuple[str, str]] = collections.Counter()
        for word, n in vocab.items():
            symbols = word.split()
            for a, b in itertools.pairwise(symbols):
                pairs[a, b] += n
        best = max(pairs, key=lambda pair: pairs[pair])
        pattern = re.compile(r"(?<!\S)" + re.escape(" ".join(best)) + r"(?!\S)")
        vocab = {pattern.sub("".join(best), word): n for word, n in vocab.items()}
    return sum(len(word.split()) * n for word, n in vocab.items())


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_bpe_merges(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("bpe-merges", difficulty, seed, "en")
        listing = grab(r"\(word ×count\): ([^.]*)\.", q.prompt)
        corpus = {w: int(n) for w, n in re.findall(r"(\w+) ×(\d+)", listing)}
        merges = int(num(r"After (\d+) merge", q.prompt))
        assert values(q.expected_display)[0] == _bpe_tokens(corpus, merges), q.id
