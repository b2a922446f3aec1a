"""iters-per-epoch: iterations per epoch and in total, with drop_last and several GPUs.

Pure integer arithmetic on the DataLoader/DistributedSampler rules: a loader yields
ceil(n/b) batches, floor(n/b) with drop_last; DistributedSampler pads every replica to
ceil(n/g) samples.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import between, pick
from engine.questions.text import Bi, steps


def _batches(n: int, b: int, drop_last: bool) -> int:
    return n // b if drop_last else math.ceil(n / b)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    b = pick(rng, (16, 32, 64, 128, 256))
    n = b * between(rng, 20, 400) + between(rng, 1, b - 1)
    drop = difficulty > 1 and bool(rng.integers(2))
    epochs = 1 if difficulty == 1 else pick(rng, (5, 10, 20, 90))
    gpus = 1 if difficulty < 3 else pick(rng, (2, 4, 8))
    per_gpu = math.ceil(n / gpus)
    per_epoch = _batches(per_gpu, b, drop)
    total = per_epoch * epochs
    dl = "True" if drop else "False"
    setup = Bi(f"数据集 {n} 个样本，batch_size={b}，drop_last={dl}",
               f"A dataset of {n} samples, batch_size={b}, drop_last={dl}")
    if gpus > 1:
        setup = setup + Bi(f"，用 {gpus} 张 GPU 做 DDP（DistributedSampler，每卡 batch_size={b}）",
                           f", trained with DDP on {gpus} GPUs (DistributedSampler, "
                           f"batch_size={b} per GPU)")
    if epochs == 1:
        ask = Bi("。一个 epoch 有多少次迭代？", ". How many iterations are there in one epoch?")
    elif gpus > 1:
        ask = Bi(f"。训练 {epochs} 个 epoch，每张卡一共做多少次迭代（optimizer step）？",
                 f". Over {epochs} epochs, how many iterations (optimizer steps) does each GPU "
                 "run?")
    else:
        ask = Bi(f"，单卡训练。训练 {epochs} 个 epoch，一共做多少次迭代（optimizer step）？",
                 f", trained on one GPU. Over {epochs} epochs, how many iterations (optimizer "
                 "steps) are run in total?")
    rule = (Bi(f"drop_last={dl}：{'向下' if drop else '向上'}取整",
               f"drop_last={dl}: round {'down' if drop else 'up'}"))
    lines = [rule]
    if gpus > 1:
        lines.append(Bi(f"每张卡分到 ⌈{n}/{gpus}⌉ = {per_gpu} 个样本（DistributedSampler 会补齐）",
                        f"each GPU gets ⌈{n}/{gpus}⌉ = {per_gpu} samples (the sampler pads)"))
    lines.append(Bi(f"每个 epoch：{per_gpu}/{b} → {per_epoch} 次", f"per epoch: {per_gpu}/{b} → "
                    f"{per_epoch} iterations"))
    if epochs > 1:
        lines.append(Bi(f"总数：{per_epoch} × {epochs} = {total}",
                        f"total: {per_epoch} × {epochs} = {total}"))
    answer = integer(total, unit="iters")
    mistakes = [Mistake(Bi("drop_last 的取整方向弄反了", "rounded the wrong way for drop_last"),
                        answer.like([_batches(per_gpu, b, not drop) * epochs]))]
    if epochs > 1:
        mistakes.append(Mistake(Bi("只算了一个 epoch", "counted only one epoch"),
                                answer.like([per_epoch])))
    if gpus > 1:
        mistakes.append(Mistake(Bi("没有按 GPU 数切分数据", "did not split the data across GPUs"),
                                answer.like([_batches(n, b, drop) * epochs])))
    return Problem(setup + ask, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("iters-per-epoch", "basics", Bi("每个 epoch 的迭代次数", "Iterations per epoch"),
               "integer", build)
