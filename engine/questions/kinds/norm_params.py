"""norm-params: learnable parameters and buffers of normalization layers, one module or all
the norms of a model (PyTorch's modules: LayerNorm, RMSNorm, BatchNorm2d, GroupNorm,
InstanceNorm2d).

LayerNorm and GroupNorm learn γ and β per feature/channel (2d or 2C); RMSNorm learns only
γ (d); BatchNorm2d learns 2C and keeps running_mean, running_var (C each) and
num_batches_tracked (1) as buffers, which are state but not parameters.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.text import Bi, big, steps

_WIDTHS = (64, 96, 128, 192, 256, 320, 384, 512, 640, 768, 1024, 1280, 2048, 4096, 5120)
Module = tuple[str, int, int, int, str]  # (text, params, buffers, width, kind)


def _module(rng: np.random.Generator) -> Module:
    c = pick(rng, _WIDTHS)
    kind = pick(rng, ("ln", "ln0", "rms", "bn", "bn_nt", "gn", "in", "in_affine"))
    g = pick(rng, tuple(x for x in (8, 16, 32) if c % x == 0))
    return {
        "ln": (f"nn.LayerNorm({c})", 2 * c, 0, c, kind),
        "ln0": (f"nn.LayerNorm({c}, elementwise_affine=False)", 0, 0, c, kind),
        "rms": (f"nn.RMSNorm({c})", c, 0, c, kind),
        "bn": (f"nn.BatchNorm2d({c})", 2 * c, 2 * c + 1, c, kind),
        "bn_nt": (f"nn.BatchNorm2d({c}, track_running_stats=False)", 2 * c, 0, c, kind),
        "gn": (f"nn.GroupNorm({g}, {c})", 2 * c, 0, c, kind),
        "in": (f"nn.InstanceNorm2d({c})", 0, 0, c, kind),
        "in_affine": (f"nn.InstanceNorm2d({c}, affine=True, track_running_stats=True)", 2 * c,
                      2 * c + 1, c, kind),
    }[kind]


def _single(rng: np.random.Generator, with_buffers: bool) -> Problem:
    text, params, buffers, c, kind = _module(rng)
    vals = [params, buffers] if with_buffers else [params]
    answer = numbers(vals, units=("params", "count") if with_buffers else ("params",))
    ask = (Bi("写出 [可学习参数个数, buffer 的元素个数]（buffer 如 running_mean、running_var、"
              "num_batches_tracked，不算参数）。",
              " Answer [learnable parameters, buffer elements] (buffers such as running_mean, "
              "running_var and num_batches_tracked are state, not parameters).")
           if with_buffers else Bi("有多少个可学习参数？", " How many learnable parameters does it "
                                                           "have?"))
    prompt = Bi(f"PyTorch 的 `{text}`（其余参数取默认值）。", f"PyTorch's `{text}` (other argumen"
                                                  "ts "
                "default).") + ask
    why = {"ln": "γ、β 各 d 个", "ln0": "elementwise_affine=False：没有 γ、β",
           "rms": "只有 γ（d 个），没有 β", "bn": "γ、β 各 C 个；buffer：running_mean、running_var "
           "各 C 个 + num_batches_tracked 1 个", "bn_nt": "γ、β 各 C 个；不跟踪 running 统计量，"
                                                       "无 buffer",
           "gn": "γ、β 按通道各 C 个（与组数无关）", "in": "InstanceNorm2d 默认 affine=False、不"
                                              "跟踪统计量",
           "in_affine": "γ、β 各 C 个；跟踪统计量：running_mean、running_var 各 C + 1"}[kind]
    why_en = {"ln": "γ and β, d each", "ln0": "elementwise_affine=False: no γ or β",
              "rms": "only γ (d), no β", "bn": "γ and β, C each; buffers: running_mean and "
              "running_var (C each) + num_batches_tracked (1)", "bn_nt": "γ and β, C each; no "
              "running statistics, so no buffers", "gn": "γ and β per channel, C each (not per "
              "group)", "in": "InstanceNorm2d defaults to affine=False and no running "
              "statistics", "in_affine": "γ and β, C each; tracked statistics: running_mean and "
              "running_var (C each) + 1"}[kind]
    solution = steps(Bi(f"{why}：{vals}", f"{why_en}: {vals}"))
    slips: list[tuple[Bi, int, int]] = []
    if params:
        slips.append((Bi("只算了 γ", "counted only γ"), params // 2 if kind != "rms" else params,
                      buffers))
    if kind == "rms":
        slips = [(Bi("按 LayerNorm 算了 γ 和 β", "counted γ and β as for LayerNorm"), 2 * c,
                  buffers)]
    if kind in ("ln0", "in"):
        slips.append((Bi("没注意 affine 关闭，仍算了 γ、β", "counted γ and β although affine is "
                         "off"), 2 * c, buffers))
    if kind == "gn":
        g = int(text.split("(")[1].split(",")[0])
        slips.append((Bi("按组数算了 γ、β（2G）", "counted γ and β per group (2G)"), 2 * g, 0))
    if buffers:
        slips.append((Bi("把 buffer 也算成了参数", "counted the buffers as parameters"),
                      params + buffers, 0 if with_buffers else buffers))
        slips.append((Bi("忘了 num_batches_tracked", "forgot num_batches_tracked"), params,
                      buffers - 1))
    mistakes = [Mistake(name, answer.like([p, b] if with_buffers else [p]))
                for name, p, b in slips]
    return Problem(prompt, answer, solution, tuple(mistakes))


def _model(rng: np.random.Generator) -> Problem:
    style = pick(rng, ("bert", "gpt2", "llama", "vit"))
    layers, d = between(rng, 4, 48), pick(rng, _WIDTHS[3:])
    per, extra = {"bert": (4 * d, 2 * d), "gpt2": (4 * d, 2 * d), "llama": (2 * d, d),
                  "vit": (4 * d, 2 * d)}[style]
    total = layers * per + extra
    answer = numbers([total], units=("params",))
    desc = {
        "bert": Bi("BERT 式 encoder：embedding 后一个 LayerNorm，每层两个 LayerNorm（post-LN）",
                   "A BERT-style encoder: one LayerNorm after the embeddings and two per layer "
                   "(post-LN)"),
        "gpt2": Bi("GPT-2 式 decoder：每个 block 两个 LayerNorm（pre-LN），最后再一个 LayerNorm",
                   "A GPT-2 style decoder: two LayerNorms per block (pre-LN) and a final one"),
        "llama": Bi("LLaMA 式 decoder：每层两个 RMSNorm（pre-norm），最后再一个 RMSNorm",
                    "A LLaMA-style decoder: two RMSNorms per layer (pre-norm) and a final one"),
        "vit": Bi("ViT encoder：每个 block 两个 LayerNorm（pre-LN），分类头前一个 LayerNorm",
                  "A ViT encoder: two LayerNorms per block (pre-LN) and one before the head"),
    }[style]
    prompt = Bi(f"{desc.zh}；共 {layers} 层，d = {d}，LayerNorm 有 γ 和 β，RMSNorm 只有 γ。所有归"
                "一化层"
                "一共有多少参数？",
                f"{desc.en}; {layers} layers, d = {d}; LayerNorm has γ and β, RMSNorm only γ. "
                "How many parameters do all the normalization layers have together?")
    solution = steps(Bi(f"每层 {big(per)}，× {layers} = {big(layers * per)}，加上额外的一个 "
                        f"{big(extra)}：{big(total)}",
                        f"{big(per)} per layer, × {layers} = {big(layers * per)}, plus the extra "
                        f"one {big(extra)}: {big(total)}"))
    ln = style != "llama"
    mistakes = [
        Mistake(Bi("漏了额外的那一个归一化层", "left out the extra normalization layer"),
                answer.like([layers * per])),
        Mistake(Bi("每层只算了一个归一化层", "counted one normalization layer per layer"),
                answer.like([layers * per // 2 + extra])),
        Mistake(Bi("LayerNorm 只算了 γ" if ln else "RMSNorm 按 LayerNorm 算了 γ 和 β",
                   "counted only γ per LayerNorm" if ln else "counted γ and β per RMSNorm"),
                answer.like([total // 2 if ln else 2 * total])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    if difficulty == 3:
        return _model(rng)
    return _single(rng, with_buffers=difficulty == 2)


KIND = KindDef("norm-params", "normalization", Bi("归一化层的参数与 buffer",
               "Normalization layer parameters and buffers"), "list", build)
