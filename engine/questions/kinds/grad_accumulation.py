"""grad-accumulation: effective batch size and optimizer steps per epoch with gradient
accumulation (k micro-batches per step) on G data-parallel GPUs.

Each GPU sees ⌈N/G⌉ samples (DistributedSampler pads), the loader yields ⌈⌈N/G⌉/b⌉
micro-batches (drop_last=False), and the optimizer steps after every k of them. Whether
the last incomplete group also steps differs between training loops, so the prompt says
which: it is dropped (⌊·/k⌋, as the Hugging Face Trainer counts) or it steps (⌈·/k⌉).
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.text import Bi, steps

_MICRO = (2, 4, 8, 16, 32)
_ACCUM = (2, 3, 4, 8, 16)
_GPUS = (1, 2, 4, 8, 16, 32, 64)


def steps_per_epoch(n: int, b: int, k: int, g: int, last_steps: bool) -> int:
    """Optimizer steps in one epoch."""
    micro = math.ceil(math.ceil(n / g) / b)
    return math.ceil(micro / k) if last_steps else micro // k


def _rule(last_steps: bool) -> Bi:
    if last_steps:
        return Bi("epoch 末不足 k 个的最后一组 micro-batch 也做一次 optimizer step",
                  "the last incomplete group of micro-batches in an epoch still makes an "
                  "optimizer step")
    return Bi("epoch 末不足 k 个的最后一组 micro-batch 被丢弃（不做 optimizer step）",
              "the last incomplete group of micro-batches in an epoch is dropped (no "
              "optimizer step)")


def _setup(n: int, b: int, g: int, k: int | None, last_steps: bool) -> Bi:
    acc = (Bi(f"梯度累积 k = {k} 步", f"gradient accumulation over k = {k} micro-batches")
           if k else Bi("", ""))
    gpus = (Bi(f"{g} 张 GPU 做 DDP（DistributedSampler 把数据均分，不足时补齐）",
               f"DDP on {g} GPUs (DistributedSampler splits the data evenly, padding if "
               "needed)") if g > 1 else Bi("单卡", "one GPU"))
    return Bi(f"数据集 {n} 个样本，每卡 micro-batch = {b}（drop_last=False），{gpus.zh}"
              + (f"，{acc.zh}" if k else "") + f"；{_rule(last_steps).zh}。",
              f"A dataset of {n} samples, micro-batch {b} per GPU (drop_last=False), {gpus.en}"
              + (f", {acc.en}" if k else "") + f"; {_rule(last_steps).en}.")


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    b, k = pick(rng, _MICRO), pick(rng, _ACCUM)
    g = 1 if difficulty == 1 else pick(rng, _GPUS[1:])
    n = between(rng, 5_000, 1_300_000)
    last = bool(rng.integers(2))
    eff = b * k * g
    per_gpu = math.ceil(n / g)
    micro = math.ceil(per_gpu / b)
    per_epoch = steps_per_epoch(n, b, k, g, last)
    lines = [Bi(f"有效 batch = micro-batch × k × GPU 数 = {b}·{k}·{g} = {eff}",
                f"effective batch = micro-batch × k × GPUs = {b}·{k}·{g} = {eff}"),
             Bi(f"每卡样本 ⌈{n}/{g}⌉ = {per_gpu}，micro-batch 数 ⌈{per_gpu}/{b}⌉ = {micro}",
                f"samples per GPU ⌈{n}/{g}⌉ = {per_gpu}, micro-batches ⌈{per_gpu}/{b}⌉ = "
                f"{micro}"),
             Bi(f"optimizer step：{micro}/{k} {'向上' if last else '向下'}取整 = {per_epoch}",
                f"optimizer steps: {micro}/{k} rounded {'up' if last else 'down'} = "
                f"{per_epoch}")]
    wrong_round = steps_per_epoch(n, b, k, g, not last)
    no_gpu = steps_per_epoch(n, b, k, 1, last)
    # N / effective batch, rounded by the stated rule: skips the per-GPU and per-micro-batch
    # rounding (right only when every division is exact)
    direct = math.ceil(n / eff) if last else n // eff
    direct_name = Bi("直接用 N / 有效 batch 算 step 数（跳过了每卡、每个 micro-batch 的取整）",
                     "took steps = N / effective batch (skipped the per-GPU and per-micro-batch "
                     "rounding)")
    if difficulty < 3:
        answer = numbers([eff, per_epoch], units=("samples", "iters"))
        ask = Bi("写出 [有效 batch size, 每个 epoch 的 optimizer step 数]。",
                 " Answer [effective batch size, optimizer steps per epoch].")
        prompt = _setup(n, b, g, k, last) + ask
        mistakes = [
            Mistake(Bi("把 micro-batch 数当成了 optimizer step 数", "counted micro-batches as "
                       "optimizer steps"), answer.like([eff, micro])),
            Mistake(Bi("最后一组的处理弄反了（取整方向）", "handled the last incomplete group "
                       "the other way (rounding)"), answer.like([eff, wrong_round])),
            Mistake(Bi("有效 batch 没乘累积步数 k", "left k out of the effective batch"),
                    answer.like([b * g, per_epoch])),
            Mistake(direct_name, answer.like([eff, direct])),
        ]
        if g > 1:
            mistakes += [
                Mistake(Bi("有效 batch 没乘 GPU 数", "left the GPUs out of the effective batch"),
                        answer.like([b * k, per_epoch])),
                Mistake(Bi("数据没有分到各卡（每卡都跑全量）", "did not split the data over the "
                           "GPUs (every GPU ran the whole set)"), answer.like([eff, no_gpu])),
            ]
        return Problem(prompt, answer, steps(*lines), tuple(mistakes))
    epochs = pick(rng, (3, 10, 30, 90, 100))
    target = eff
    prompt = _setup(n, b, g, None, last) + Bi(
        f"想要有效 batch = {target}：梯度累积步数 k 取多少？写出 [k, 每个 epoch 的 optimizer step "
        f"数, {epochs} 个 epoch 的 optimizer step 总数]。",
        f" To reach an effective batch of {target}, how many micro-batches k must be "
        f"accumulated? Answer [k, optimizer steps per epoch, optimizer steps over {epochs} "
        "epochs].")
    answer = numbers([k, per_epoch, per_epoch * epochs], units=("count", "iters", "iters"))
    lines.insert(0, Bi(f"k = {target}/({b}·{g}) = {k}", f"k = {target}/({b}·{g}) = {k}"))
    lines.append(Bi(f"× {epochs} = {per_epoch * epochs}", f"× {epochs} = {per_epoch * epochs}"))
    k_no_gpu = target // b
    mistakes = [
        Mistake(Bi("k 没除以 GPU 数", "did not divide k by the number of GPUs"),
                answer.like([k_no_gpu, steps_per_epoch(n, b, k_no_gpu, g, last),
                             steps_per_epoch(n, b, k_no_gpu, g, last) * epochs])),
        Mistake(Bi("最后一组的处理弄反了（取整方向）", "handled the last incomplete group the "
                   "other way (rounding)"), answer.like([k, wrong_round, wrong_round * epochs])),
        Mistake(Bi("把 micro-batch 数当成了 optimizer step 数", "counted micro-batches as "
                   "optimizer steps"), answer.like([k, micro, micro * epochs])),
        Mistake(Bi("数据没有分到各卡（每卡都跑全量）", "did not split the data over the GPUs "
                   "(every GPU ran the whole set)"), answer.like([k, no_gpu, no_gpu * epochs])),
        Mistake(direct_name, answer.like([k, direct, direct * epochs])),
    ]
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("grad-accumulation", "training", Bi("梯度累积与有效 batch",
               "Gradient accumulation and effective batch"), "list", build)
