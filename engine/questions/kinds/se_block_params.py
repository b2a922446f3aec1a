"""se-block-params: parameters of a squeeze-and-excitation block (two FCs with reduction r)."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import between, pick
from engine.questions.text import Bi, big, steps
from engine.shapes import linear_params


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    r = pick(rng, (4, 8, 16))
    planes = 16 * between(rng, 1, 32)
    c = planes * 4 if difficulty >= 2 else 16 * between(rng, 2, 64)
    blocks = between(rng, 2, 6) if difficulty == 3 else 1
    mid = c // r
    one = linear_params(c, mid) + linear_params(mid, c)
    total = one * blocks
    answer = integer(total, unit="params")
    where = Bi(f"作用在 C = {c} 个通道上", f"on C = {c} channels")
    if difficulty >= 2:
        where = Bi(f"放在 bottleneck（planes={planes}，expansion 4）的输出上", f"applied to the "
                   f"output of a bottleneck (planes={planes}, expansion 4)")
    count = Bi(f"一个 stage 有 {blocks} 个这样的 block，每个都带自己的 SE。",
               f"A stage has {blocks} such blocks, each with its own SE. ") if blocks > 1 \
        else Bi("", "")
    prompt = Bi(f"SE 模块{where.zh}，reduction r = {r}（中间层 C/r 个通道），两个 FC（1×1 卷积）"
                "都带 "
                f"bias。{count.zh}"
                + ("这些 SE 共有多少参数？" if blocks > 1 else "SE 模块有多少参数？"),
                f"An SE block {where.en}, reduction r = {r} (C/r channels in the middle), both "
                f"FC (1×1 conv) layers with bias. {count.en}"
                + ("How many parameters do these SE blocks have in total?"
                   if blocks > 1 else "How many parameters does it have?"))
    lines = []
    if difficulty >= 2:
        lines.append(Bi(f"C = 4·{planes} = {c}", f"C = 4·{planes} = {c}"))
    lines += [Bi(f"squeeze：{c}→{c}/{r} = {mid}，{c}·{mid} + "
                 f"{mid}", f"squeeze: {c}→{c}/{r} = {mid}, "
                 f"{c}·{mid} + {mid}"),
              Bi(f"excite：{mid}→{c}，{mid}·{c} + {c}；一个 SE 合计 {big(one)}",
                 f"excite: {mid}→{c}, {mid}·{c} + {c}; one SE = {big(one)}")]
    if blocks > 1:
        lines.append(Bi(f"× {blocks} = {big(total)}", f"× {blocks} = {big(total)}"))
    mistakes = [
        Mistake(Bi("忘了 bias", "forgot the biases"),
                answer.like([blocks * (linear_params(c, mid, False) + linear_params(mid, c,
                                                                                    False))])),
        Mistake(Bi("只算了一个 FC", "counted only one FC layer"),
                answer.like([blocks * linear_params(c, mid)])),
    ]
    if r != mid:
        mistakes.append(Mistake(Bi("中间层取成了 r 个通道而不是 C/r", "squeezed to r channels "
                                   "instead of C/r"),
                                answer.like([blocks * (linear_params(c, r)
                                                       + linear_params(r, c))])))
    if difficulty >= 2:
        mistakes.append(Mistake(Bi("用了 planes 而不是 4·planes 作"
                                   "为 C", "used planes, not 4·planes, "
                                   "as C"), answer.like(
            [blocks * (linear_params(planes, planes // r) + linear_params(planes // r, planes))])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("se-block-params", "architectures", Bi("SE 模块参数量", "SE block parameters"),
               "integer", build)
