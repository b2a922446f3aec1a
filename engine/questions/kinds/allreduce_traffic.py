"""allreduce-traffic: bytes each GPU sends in a ring all-reduce, and the time it takes.

A ring all-reduce of S bytes over N GPUs is a reduce-scatter and an all-gather of N − 1
steps each, every step sending one S/N chunk: 2(N − 1)/N · S bytes sent per GPU (and as
many received). With per-link bandwidth β and per-step latency α the time is
2(N − 1)·α + 2(N − 1)/N · S/β (the α-β model).
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import pick
from engine.questions.text import Bi, num, steps

_MODELS = (0.125, 0.35, 1.3, 2.7, 6.7, 7.0, 13.0, 30.0, 65.0, 70.0)
_GPUS = (2, 4, 8, 16, 32, 64, 128, 256)
_DTYPES = {2: Bi("fp16 梯度（2 字节）", "fp16 gradients (2 bytes)"),
           4: Bi("fp32 梯度（4 字节）", "fp32 gradients (4 bytes)")}


def ring_bytes(size: float, n: int) -> float:
    """Bytes one GPU sends in a ring all-reduce of ``size`` bytes over ``n`` GPUs."""
    return 2 * (n - 1) / n * size


def _ring_lines(size_txt: str, n: int, sent: float, unit: str) -> Bi:
    return Bi(f"ring：reduce-scatter 与 all-gather 各 N−1 = {n - 1} 步，每步发 S/N；每卡发送 "
              f"2·(N−1)/N·S = 2·{n - 1}/{n}·{size_txt} = {num(sent, 4)} {unit}",
              f"ring: reduce-scatter and all-gather, N−1 = {n - 1} steps each, one S/N chunk "
              f"per step; each GPU sends 2·(N−1)/N·S = 2·{n - 1}/{n}·{size_txt} = "
              f"{num(sent, 4)} {unit}")


def _volume(rng: np.random.Generator) -> Problem:
    psi, n, nbytes = pick(rng, _MODELS), pick(rng, _GPUS[1:]), pick(rng, (2, 2, 4))
    size = psi * nbytes  # GB
    sent = ring_bytes(size, n)
    answer = real(sent, 2, unit="GB")
    prompt = Bi(f"DDP 训练一个 {psi:g}B 参数的模型，{_DTYPES[nbytes].zh}，{n} 张 GPU 用 ring "
                "all-reduce 同步全部梯度（不分桶，1 GB = 10^9 字节）。每张 GPU 发送多少 GB？",
                f"DDP training of a {psi:g}B-parameter model with {_DTYPES[nbytes].en}; {n} GPUs "
                "synchronise all gradients with one ring all-reduce (no buckets, 1 GB = 10^9 "
                "bytes). How many GB does each GPU send?")
    solution = steps(Bi(f"S = {psi:g}×10^9 × {nbytes} 字节 = {num(size)} GB",
                        f"S = {psi:g}×10^9 × {nbytes} bytes = {num(size)} GB"),
                     _ring_lines(f"{num(size)}", n, sent, "GB"))
    mistakes = [
        Mistake(Bi("只算了 reduce-scatter（少了一半）", "counted only the reduce-scatter "
                   "(half)"), answer.like([sent / 2])),
        Mistake(Bi("按朴素方式算：(N−1)·S", "used the naive (N−1)·S"),
                answer.like([(n - 1) * size])),
        Mistake(Bi("直接取 2S（忽略 (N−1)/N）", "took 2S (dropped (N−1)/N)"),
                answer.like([2 * size])),
    ]
    if nbytes == 2:  # (fp32 read as 2 bytes would halve it, as the reduce-scatter slip does)
        mistakes.append(Mistake(Bi("梯度按 fp32（4 字节）算了", "counted the gradients as fp32 "
                                   "(4 bytes)"), answer.like([ring_bytes(psi * 4, n)])))
    return Problem(prompt, answer, solution, tuple(mistakes))


def _time(rng: np.random.Generator, latency: bool) -> Problem:
    n = pick(rng, _GPUS if latency else _GPUS[1:])  # N = 2: 2(N−1)/N·S = S, slips coincide
    if latency:
        mib = pick(rng, (4, 8, 16, 25, 32, 50, 64, 100))
        size = mib * 2**20  # bytes
        gbits = pick(rng, (25, 50, 100, 200, 400))
        beta = gbits * 1e9 / 8  # bytes/s
        alpha_us = pick(rng, (2, 5, 10, 20, 50))
        value = (2 * (n - 1) * alpha_us * 1e-6 + ring_bytes(size, n) / beta) * 1000  # ms
        answer = real(value, 3, unit="ms")
        prompt = Bi(f"{n} 张 GPU 用 ring all-reduce 同步一个 {mib} MiB 的梯度桶（1 MiB = 2^20 字"
                    "节）。"
                    f"每条链路带宽 {gbits} Gb/s（比特），每一步的固定延迟 α = {alpha_us} µs。按 α"
                    "-β 模型"
                    "（T = 2(N−1)·α + 每卡发送字节数/带宽），这次 all-reduce 要多少 ms？",
                    f"{n} GPUs all-reduce a {mib} MiB gradient bucket (1 MiB = 2^20 bytes) with "
                    f"a ring. Each link carries {gbits} Gb/s (bits), and each step has a fixed "
                    f"latency α = {alpha_us} µs. In the α-β model (T = 2(N−1)·α + bytes sent "
                    "per GPU / bandwidth), how many ms does the all-reduce take?")
        sent = ring_bytes(size, n)
        lat = 2 * (n - 1) * alpha_us / 1000
        solution = steps(_ring_lines(f"{mib} MiB", n, sent / 2**20, "MiB"),
                         Bi(f"带宽 {gbits} Gb/s = {num(beta / 1e9, 3)} GB/s；传输 {num(sent, 0)} "
                            "B / "
                            f"{num(beta, 0)} B/s = {num(sent / beta * 1000, 4)} ms",
                            f"bandwidth {gbits} Gb/s = {num(beta / 1e9, 3)} GB/s; transfer "
                            f"{num(sent, 0)} B / {num(beta, 0)} B/s = {num(sent / beta * 1000, 4)} "
                            "ms"),
                         Bi(f"延迟 2·{n - 1}·{alpha_us} µs = {num(lat, 4)} ms；合计"
                            f" {num(value, 3)} ms",
                            f"latency 2·{n - 1}·{alpha_us} µs = {num(lat, 4)} ms; total "
                            f"{num(value, 3)} ms"))
        mistakes = [
            Mistake(Bi("把 Gb/s 当成了 GB/s（比特与字节差 8 倍）", "read Gb/s as GB/s (bits vs "
                       "bytes, a factor of 8)"),
                    answer.like([lat + ring_bytes(size, n) / (beta * 8) * 1000])),
            Mistake(Bi("忘了延迟项", "left out the latency term"), answer.like([value - lat])),
            Mistake(Bi("延迟只算了一次", "counted the latency once, not 2(N−1) times"),
                    answer.like([value - lat + alpha_us / 1000])),
            Mistake(Bi("MiB 按 10^6 字节算了", "took 1 MiB as 10^6 bytes"),
                    answer.like([lat + ring_bytes(mib * 1e6, n) / beta * 1000])),
        ]
        return Problem(prompt, answer, solution, tuple(mistakes))
    psi = pick(rng, _MODELS)
    gbs = pick(rng, (25, 50, 100, 200, 300, 450, 600))
    size_gb = psi * 2
    value = ring_bytes(size_gb, n) / gbs
    answer = real(value, 3, unit="s")
    prompt = Bi(f"{n} 张 GPU 用 ring all-reduce 同步一个 {psi:g}B 参数模型的 fp16 梯度（一次完成"
                "，1 GB = "
                f"10^9 字节）。每张 GPU 的发送带宽 {gbs} GB/s，忽略延迟。需要多少秒？",
                f"{n} GPUs all-reduce the fp16 gradients of a {psi:g}B-parameter model in one "
                f"ring all-reduce (1 GB = 10^9 bytes). Each GPU sends at {gbs} GB/s; ignore "
                "latency. How many seconds does it take?")
    solution = steps(Bi(f"S = {psi:g}×10^9 × 2 字节 = {num(size_gb)} GB",
                        f"S = {psi:g}×10^9 × 2 bytes = {num(size_gb)} GB"),
                     _ring_lines(num(size_gb), n, ring_bytes(size_gb, n), "GB"),
                     Bi(f"时间 = {num(ring_bytes(size_gb, n), 4)} / {gbs} = {num(value, 3)} s",
                        f"time = {num(ring_bytes(size_gb, n), 4)} / {gbs} = {num(value, 3)} s"))
    mistakes = [
        Mistake(Bi("只算了 reduce-scatter（少了一半）", "counted only the reduce-scatter (half)"),
                answer.like([value / 2])),
        Mistake(Bi("按朴素方式算：(N−1)·S", "used the naive (N−1)·S"),
                answer.like([(n - 1) * size_gb / gbs])),
        Mistake(Bi("梯度按 fp32（4 字节）算了", "counted the gradients as fp32 (4 bytes)"),
                answer.like([2 * value])),
        Mistake(Bi("直接取 2S/β（忽略 (N−1)/N）", "took 2S/β (dropped (N−1)/N)"),
                answer.like([2 * size_gb / gbs])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 1:
        return _volume(rng)
    return _time(rng, latency=difficulty == 3)


KIND = KindDef("allreduce-traffic", "training", Bi("Ring all-reduce 通信量",
               "Ring all-reduce traffic"), "real", build)
