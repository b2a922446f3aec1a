"""vit-tokens: ViT sequence length and patch-embedding parameters (cls token; resolution change).

The patch embedding is a Conv2d with kernel = stride = P, so the grid side is the engine's
``conv_output_size`` (which floors when the image is not a multiple of P) and the parameters
are ``conv2d_params(C, D, P)`` = P·P·C·D + D.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import pick
from engine.questions.text import Bi, big, steps
from engine.shapes import conv2d_params, conv_output_size

# (name, width D, patch P)
_MODELS = (("ViT-Ti/16", 192, 16), ("ViT-S/16", 384, 16), ("ViT-B/16", 768, 16),
           ("ViT-B/32", 768, 32), ("ViT-L/16", 1024, 16), ("ViT-L/14", 1024, 14),
           ("ViT-H/14", 1280, 14))
_SIZES = (112, 160, 192, 224, 256, 288, 320, 336, 384, 448, 480, 512, 518, 560)
_FINETUNE = (240, 256, 288, 320, 384, 400, 448, 480, 500, 512)


def _grid(h: int, w: int, p: int) -> int:
    """Number of patches: the conv output area with kernel = stride = P."""
    return conv_output_size(h, p, p) * conv_output_size(w, p, p)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    name, dim, p = pick(rng, _MODELS)
    fits = tuple(s for s in _SIZES if s % p == 0)
    h = w = pick(rng, fits)
    c, cls = 3, True
    h0 = h
    if difficulty == 2:
        w = pick(rng, tuple(s for s in fits if s != h))
        c = pick(rng, (1, 3, 4))
        cls = bool(rng.integers(2))
    elif difficulty == 3:
        h = w = pick(rng, tuple(s for s in _FINETUNE if s != h0))
        cls = pick(rng, (True, True, False))
    patches = _grid(h, w, p)
    tokens = patches + int(cls)
    params = conv2d_params(c, dim, p)
    answer = numbers([tokens, params], units=("tokens", "params"))
    head = Bi("前面拼一个可学习的 [CLS] token", "a learnable [CLS] token is prepended") if cls \
        else Bi("没有 [CLS] token（分类用全局平均池化）", "there is no [CLS] token (the classifier "
                "uses global average pooling)")
    chans = {1: Bi("单通道灰度", "1-channel grayscale"), 3: Bi(" RGB 三通道", "3-channel RGB"),
             4: Bi("4 通道（RGB + 深度）", "4-channel (RGB + depth)")}[c]
    embed = Bi(f"patch embedding 是 `nn.Conv2d({c}, {dim}, kernel_size={p}, stride={p})`"
               "（带 bias）",
               f"the patch embedding is `nn.Conv2d({c}, {dim}, kernel_size={p}, stride={p})` "
               "(with bias)")
    if difficulty == 3:
        setup = Bi(f"{name}（D = {dim}，P = {p}）在 {h0}×{h0} 上预训练，现在在 {h}×{w} 的 "
                   f"RGB 图像上微调（不做 padding）；{head.zh}；{embed.zh}。",
                   f"A {name} (D = {dim}, P = {p}) pretrained at {h0}×{h0} is fine-tuned on "
                   f"{h}×{w} RGB images (no padding); {head.en}; {embed.en}.")
        ask = Bi("写出 [微调时 encoder 输入的 token 数, patch embedding 的参数量]。",
                 "Answer [tokens the encoder sees when fine-tuning, patch-embedding "
                 "parameters].")
    else:
        setup = Bi(f"{name}（D = {dim}，P = {p}），输入 {h}×{w}（高×宽）的{chans.zh}图像；"
                   f"{head.zh}；"
                   f"{embed.zh}。",
                   f"A {name} (D = {dim}, P = {p}) takes {h}×{w} (height × width) {chans.en} "
                   f"images; {head.en}; "
                   f"{embed.en}.")
        ask = Bi("写出 [encoder 输入的 token 数, patch embedding 的参数量]。",
                 "Answer [tokens the encoder sees, patch-embedding parameters].")
    prompt = setup + Bi(ask.zh, " " + ask.en)
    gh, gw = conv_output_size(h, p, p), conv_output_size(w, p, p)
    floor = Bi("", "") if h % p == 0 and w % p == 0 else Bi(
        f"（{h} 不是 {p} 的倍数，卷积向下取整，边缘 {h - gh * p} 像素被丢弃）",
        f" ({h} is not a multiple of {p}: the conv floors and drops the last {h - gh * p} "
        "pixels)")
    lines = [
        Bi(f"网格：⌊({h}−{p})/{p}⌋+1 = {gh}，⌊({w}−{p})/{p}⌋+1 = {gw}{floor.zh}",
           f"grid: ⌊({h}−{p})/{p}⌋+1 = {gh}, ⌊({w}−{p})/{p}⌋+1 = {gw}{floor.en}"),
        Bi(f"patch 数 {gh}·{gw} = {patches}" + (f"，加 [CLS] 共 {tokens} 个 token" if cls else
                                                 f"，无 [CLS]，共 {tokens} 个 token"),
           f"patches {gh}·{gw} = {patches}" + (f", plus [CLS]: {tokens} tokens" if cls else
                                               f", no [CLS]: {tokens} tokens")),
        Bi(f"参数：P·P·C·D + D = {p}·{p}·{c}·{dim} + {dim} = {big(params)}",
           f"parameters: P·P·C·D + D = {p}·{p}·{c}·{dim} + {dim} = {big(params)}"),
    ]
    mistakes = [
        Mistake(Bi("卷积核只乘了 P 而不是 P²", "used P instead of P²"),
                answer.like([tokens, conv2d_params(c, dim, (p, 1))])),
        Mistake(Bi("忘了 bias", "forgot the bias"),
                answer.like([tokens, conv2d_params(c, dim, p, bias=False)])),
    ]
    if cls:
        mistakes.insert(0, Mistake(Bi("忘了 [CLS] token", "forgot the [CLS] token"),
                                   answer.like([patches, params])))
    else:
        mistakes.insert(0, Mistake(Bi("没有 [CLS] 却加了 1", "added a [CLS] token that is not "
                                      "there"), answer.like([patches + 1, params])))
    if c != 1:
        mistakes.append(Mistake(Bi("漏了输入通道数 C", "left out the input channels C"),
                                answer.like([tokens, conv2d_params(1, dim, p)])))
    if difficulty == 3:
        mistakes.append(Mistake(Bi("沿用了预训练分辨率的 token 数", "kept the token count of "
                                   "the pretraining resolution"),
                                answer.like([_grid(h0, h0, p) + int(cls), params])))
        if h % p:
            up = -(-h // p)
            mistakes.append(Mistake(Bi("网格向上取整了", "rounded the grid up instead of down"),
                                    answer.like([up * up + int(cls), params])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("vit-tokens", "transformers", Bi("ViT token 数与 patch embedding 参数",
               "ViT tokens and patch-embedding parameters"), "list", build)
