"""The training-systems kinds redone independently: numbers read back from the English prompt,
then worked out by simulation (pipeline schedule, data sampler, ring all-reduce), search
(fewest GPUs, smallest m, Chinchilla by bisection) or the per-parameter byte table of the
notes (content/training.md 111, 116, 117, 119, 122; transformers.md 106, 107). None of this
calls the kinds' own helpers.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from engine.questions import check, generate
from tests.unit.questions.prompt_reading import find, grab, num, values

SEEDS = range(30)

# bytes per parameter: (weights, gradients, master copy, optimizer states), note 111
BYTE_TABLE = {
    "fp16 mixed precision with Adam": (2, 2, 4, 8),
    "bf16 mixed precision with AdamW": (2, 2, 4, 8),
    "plain fp32 with Adam": (4, 4, 0, 8),
    "fp16 mixed precision with SGD + momentum": (2, 2, 4, 4),
    "plain fp32 with SGD + momentum": (4, 4, 0, 4),
    "plain fp32 with SGD without momentum": (4, 4, 0, 0),
}


def _zero_per_gpu(psi: float, n: int, stage: int) -> float:
    """GB per GPU: each of params (2), grads (2), optimizer (12) bytes is sharded from its stage."""
    parts = {3: 2.0, 2: 2.0, 1: 12.0}  # stage at which each part starts being sharded
    return sum(b / n if stage >= s else b for s, b in parts.items()) * psi


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_zero_memory(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("zero-memory", difficulty, seed, "en")
        psi = num(r"Ψ = ([\d.]+)B parameters", q.prompt)
        got = values(q.expected_display)
        if difficulty == 3:
            budget = num(r"each GPU has (\d+) GB", q.prompt)
            fewest = []
            for stage in (2, 3):
                n = 1
                while _zero_per_gpu(psi, n, stage) > budget + 1e-9:
                    n += 1
                fewest.append(n)
            assert got == tuple(fewest), q.id
            continue
        n = int(num(r"over N = (\d+) GPUs", q.prompt))
        stages = (1, 2, 3) if difficulty == 2 else (int(grab(r"stage (\d)\?", q.prompt)),)
        want = [round(_zero_per_gpu(psi, n, s), 2) for s in stages]
        assert got == pytest.approx(want, abs=0.005 + 1e-9), q.id


def test_zero_memory_paper_example() -> None:
    # note 117: Ψ = 7.5B, N = 64: 31.4 / 16.6 / 1.9 GB
    q = generate("zero-memory", 2, int(find("zero-memory", 2, "Ψ = 7.5B parameters, data "
                                                             "parallel over N = 64 GPUs")
                                          .split("/")[2]), "en")
    assert values(q.expected_display) == (31.41, 16.64, 1.88)


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_mixed_precision_memory(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("mixed-precision-memory", difficulty, seed, "en")
        name = next(n for n in BYTE_TABLE if f"with {n}" in q.prompt)
        w, g, master, opt = BYTE_TABLE[name]
        got = values(q.expected_display)
        if difficulty == 3:
            gpu = int(num(r"a single (\d+) GB GPU", q.prompt))
            # "at most": the largest number of hundredths of a billion that fits
            hundredths = gpu * 100 // (w + g + master + opt)
            assert "Round down to 2 decimals" in q.prompt, q.id
            assert got[0] == pytest.approx(hundredths / 100, abs=1e-9), q.id
            assert check(q.id, f"{(hundredths + 1) / 100:.2f}", "en").correct is False
            continue
        psi = num(r"a ([\d.]+)B-parameter model", q.prompt)
        want = ([(w + g + master + opt) * psi] if difficulty == 1 else
                [w * psi, g * psi, (master + opt) * psi])
        assert got == pytest.approx([round(v, 2) for v in want], abs=1e-9), q.id


def _gpipe_time(p: int, m: int, tf: float, tb: float) -> float:
    """Event simulation: all forwards in order, then all backwards in reverse order."""
    f_end = [[0.0] * m for _ in range(p)]
    for s in range(p):
        for j in range(m):
            start = max(f_end[s - 1][j] if s else 0.0, f_end[s][j - 1] if j else 0.0)
            f_end[s][j] = start + tf
    b_end = [[0.0] * m for _ in range(p)]
    begin = f_end[p - 1][m - 1]
    for s in reversed(range(p)):
        for j in reversed(range(m)):
            start = max(b_end[s + 1][j] if s < p - 1 else begin,
                        b_end[s][j + 1] if j < m - 1 else 0.0, f_end[s][m - 1])
            b_end[s][j] = start + tb
    return b_end[0][0]


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_pipeline_bubble(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("pipeline-bubble", difficulty, seed, "en")
        p = int(num(r"p = (\d+)", q.prompt))
        got = values(q.expected_display)[0]
        if difficulty == 3:
            target = Fraction(int(grab(r"at or below (\d+)%", q.prompt)), 100)
            m = 1
            while Fraction(p - 1, m + p - 1) > target:
                m += 1
            assert got == m, q.id
            continue
        m = int(num(r"m = (\d+)", q.prompt))
        if difficulty == 1:
            total = _gpipe_time(p, m, 1.0, 2.0)
            idle = 1 - m * 3.0 / total  # every stage is busy m·(t_f + t_b)
            assert got == pytest.approx(round(100 * idle, 2), abs=1e-9), q.id
        else:
            tf = num(r"takes ([\d.]+) ms forward", q.prompt)
            tb = num(r"and ([\d.]+) ms backward", q.prompt)
            assert got == pytest.approx(round(_gpipe_time(p, m, tf, tb), 1), abs=1e-9), q.id


def test_pipeline_bubble_note_example() -> None:
    # note 119: p = 4, m = 8 → 3/11 ≈ 27.3%
    assert _gpipe_time(4, 8, 1.0, 2.0) == 33.0
    q = generate("pipeline-bubble", 1, int(find("pipeline-bubble", 1, "p = 4, m = 8.")
                                           .split("/")[2]), "en")
    assert q.expected_display == "27.27%"


def _optimizer_steps(n: int, b: int, k: int, gpus: int, last_steps: bool) -> int:
    """Walk one rank's padded shard micro-batch by micro-batch."""
    shard = -(-n // gpus)  # DistributedSampler pads every rank to the same size
    micro = [min(b, shard - i) for i in range(0, shard, b)]
    steps, pending = 0, 0
    for _ in micro:
        pending += 1
        if pending == k:
            steps, pending = steps + 1, 0
    return steps + (1 if pending and last_steps else 0)


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_grad_accumulation(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("grad-accumulation", difficulty, seed, "en")
        n = int(num(r"A dataset of (\d+) samples", q.prompt))
        b = int(num(r"micro-batch (\d+) per GPU", q.prompt))
        gpus = int(num(r"DDP on (\d+) GPUs", q.prompt)) if "DDP on" in q.prompt else 1
        last = "still makes an optimizer step" in q.prompt
        got = values(q.expected_display)
        if difficulty == 3:
            target = int(num(r"effective batch of (\d+)", q.prompt))
            epochs = int(num(r"over (\d+) epochs", q.prompt))
            k = target // (b * gpus)
            assert k * b * gpus == target
            per = _optimizer_steps(n, b, k, gpus, last)
            assert got == (k, per, per * epochs), q.id
        else:
            k = int(num(r"over k = (\d+) micro-batches", q.prompt))
            assert got == (b * k * gpus, _optimizer_steps(n, b, k, gpus, last)), q.id


def test_grad_accumulation_imagenet_example() -> None:
    # note 122: ImageNet 1,281,167 images at batch 256 → 5005 steps (5004 with drop_last)
    assert _optimizer_steps(1_281_167, 32, 8, 1, last_steps=True) == 5005
    assert _optimizer_steps(1_281_167, 256, 1, 1, last_steps=True) == 5005


def _ring_bytes(size: float, n: int) -> float:
    """Simulate reduce-scatter then all-gather: every step each rank sends one chunk."""
    chunk = size / n
    sent = [0.0] * n
    for _phase in ("reduce-scatter", "all-gather"):
        for _step in range(n - 1):
            for rank in range(n):
                sent[rank] += chunk  # rank sends chunk (rank - step) % n to rank + 1
    assert len(set(sent)) == 1
    return sent[0]


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_allreduce_traffic(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("allreduce-traffic", difficulty, seed, "en")
        n = int(num(r"(\d+) GPUs", q.prompt))
        got = values(q.expected_display)[0]
        if difficulty == 3:
            size = num(r"a (\d+) MiB gradient bucket", q.prompt) * 2**20
            beta = num(r"carries (\d+) Gb/s", q.prompt) * 1e9 / 8
            alpha = num(r"α = (\d+) µs", q.prompt) * 1e-6
            ms = (2 * (n - 1) * alpha + _ring_bytes(size, n) / beta) * 1000
            assert got == pytest.approx(round(ms, 3), abs=1e-9), q.id
            continue
        psi = num(r"([\d.]+)B-parameter", q.prompt)
        nbytes = 4 if "fp32 gradients" in q.prompt else 2
        gb = _ring_bytes(psi * nbytes, n)
        if difficulty == 1:
            assert got == pytest.approx(round(gb, 2), abs=1e-9), q.id
        else:
            rate = num(r"sends at (\d+) GB/s", q.prompt)
            assert got == pytest.approx(round(gb / rate, 3), abs=1e-9), q.id


def test_allreduce_note_example() -> None:
    # note 116: 7B fp16 gradients on 8 GPUs: 2·7/8·14 GB = 24.5 GB per GPU
    assert _ring_bytes(14.0, 8) == pytest.approx(24.5)
    qid = find("allreduce-traffic", 1, "of a 7B-parameter model with fp16 gradients (2 bytes); "
               "8 GPUs")
    q = generate("allreduce-traffic", 1, int(qid.split("/")[2]), "en")
    assert q.expected_display == "24.50 GB"


def _bisect_n(c: float) -> float:
    """N with 6·N·(20·N) = C, found by bisection rather than the closed form."""
    lo, hi = 1.0, 1e16
    for _ in range(300):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if 6 * mid * 20 * mid < c else (lo, mid)
    return lo


def _close(got: tuple[float, ...], want: list[float]) -> bool:
    """Equal up to the display's 6 significant figures for very large counts."""
    return all(abs(g - w) <= 1e-5 * w + 1 for g, w in zip(got, want, strict=True))


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_chinchilla_optimal(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("chinchilla-optimal", difficulty, seed, "en")
        got = values(q.expected_display)
        if difficulty == 2:
            n = num(r"N = ([\d.]+)B parameters", q.prompt) * 1e9
            assert _close(got, [20 * n, 6 * n * 20 * n]), q.id
            continue
        if difficulty == 1:
            mant, exp = grab(r"C = ([\d.]+)×10\^(\d+) FLOPs", q.prompt), grab(
                r"C = [\d.]+×10\^(\d+) FLOPs", q.prompt)
            c = float(mant) * 10.0 ** int(exp)
        else:
            gpus = num(r"A cluster of (\d+)", q.prompt)
            peak = num(r"peak (\d+) TFLOPS", q.prompt) * 1e12
            mfu = num(r"at (\d+)% MFU", q.prompt) / 100
            days = num(r"for (\d+) days", q.prompt)
            c = gpus * peak * mfu * days * 86400
        n = _bisect_n(c)
        assert _close(got, [round(n), round(20 * n)]), q.id


def test_chinchilla_note_example() -> None:
    # note 106: C = 10^23 → N ≈ 28.9B, D ≈ 577B
    assert _bisect_n(1e23) == pytest.approx(2.887e10, rel=1e-3)


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_training_flops(difficulty: int) -> None:
    for seed in SEEDS:
        q = generate("training-flops", difficulty, seed, "en")
        got = values(q.expected_display)[0]
        n = num(r"N = ([\d.]+)B parameters", q.prompt) * 1e9
        if "generates" in q.prompt:
            tokens = num(r"generates (\d+) tokens", q.prompt)
            assert got == pytest.approx(2 * n * tokens, rel=1e-5), q.id
            continue
        amount, scale = grab(r"D = ([\d.]+)([TB]) tokens", q.prompt), grab(
            r"D = [\d.]+([TB]) tokens", q.prompt)
        d = float(amount) * (1e12 if scale == "T" else 1e9)
        flops = (8 if "recomputation" in q.prompt else 6) * n * d
        if difficulty == 3:
            gpus = num(r"trained on (\d+)", q.prompt)
            peak = num(r"dense peak (\d+) TFLOPS", q.prompt) * 1e12
            mfu = num(r"at (\d+)% MFU", q.prompt) / 100
            assert got == pytest.approx(flops / (gpus * peak * mfu) / 86400, rel=1e-5), q.id
        else:
            assert got == pytest.approx(flops, rel=1e-5), q.id


def test_training_time_note_example() -> None:
    # note 107: 7B, 2T tokens, 1024 A100 at 40% MFU → about 7.6 days
    days = 6 * 7e9 * 2e12 / (1024 * 312e12 * 0.4) / 86400
    assert days == pytest.approx(7.6, abs=0.05)
    assert math.isclose(6 * 7e9 * 2e12, 8.4e22)
