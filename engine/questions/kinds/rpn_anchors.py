"""rpn-anchors: RPN head channels per location and the total number of anchors."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.text import Bi, big, steps
from engine.shapes import conv_output_size

FPN_STRIDES = (4, 8, 16, 32, 64)


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n_scales, n_ratios = pick(rng, (3, 4, 5)), pick(rng, (3, 2))
    if difficulty == 3:
        n_scales, n_ratios = 1, 3
        k = n_ratios
        h, w = 64 * between(rng, 6, 14), 64 * between(rng, 6, 14)
        sizes = [(h // s, w // s) for s in FPN_STRIDES]
        total = sum(a * b * k for a, b in sizes)
        answer = numbers([k, 4 * k, total])
        prompt = Bi(f"Faster R-CNN + FPN（torchvision）：输入高×宽 = {h}×{w}，P2–P6 步长"
                    f" {FPN_STRIDES}，"
                    f"每层每个位置 {k} 个 anchor（1 个尺寸 × {n_ratios} 个长宽比）。RPN head 在"
                    "所有层"
                    "共享，objectness 每个 anchor 1 个 logit。写出 [objectness 通道数, 回归通道数, "
                    "所有层的 anchor 总数]。",
                    f"Faster R-CNN with FPN (torchvision): input height × width = {h}×{w}, "
                    "levels P2–P6 with "
                    f"strides {FPN_STRIDES}, {k} anchors per location on each level (1 size × "
                    f"{n_ratios} ratios). The RPN head is shared and predicts one objectness "
                    "logit per anchor. Answer [objectness channels, regression channels, total "
                    "anchors over all levels].")
        parts = " + ".join(f"{a}·{b}·{k}" for a, b in sizes)
        solution = steps(Bi(f"通道：{k} 与 4·{k} = {4 * k}", f"channels: {k} and 4·{k} = {4 * k}"),
                         Bi(f"各层特征图：{sizes}", f"feature maps: {sizes}"),
                         Bi(f"总数：{parts} = {big(total)}", f"total: {parts} = {big(total)}"))
        mistakes = [
            Mistake(Bi("objectness 按 softmax 算成 2k", "used 2k softmax objectness channels"),
                    answer.like([2 * k, 4 * k, total])),
            Mistake(Bi("只算了一层特征图", "counted only one level"),
                    answer.like([k, 4 * k, sizes[0][0] * sizes[0][1] * k])),
            Mistake(Bi("回归只输出 4 个通道", "used 4 regression channels, not 4k"),
                    answer.like([k, 4, total])),
        ]
        return Problem(prompt, answer, solution, tuple(mistakes))
    k = n_scales * n_ratios
    if difficulty == 1:
        fh, fw = between(rng, 20, 64), between(rng, 20, 64)
        where = Bi(f"特征图高×宽 = {fh}×{fw}", f"a feature map of height × width = {fh}×{fw}")
    else:
        ih, iw = 16 * between(rng, 25, 64), 16 * between(rng, 25, 64)
        fh, fw = conv_output_size(ih, 16, 16), conv_output_size(iw, 16, 16)
        where = Bi(f"输入图像高×宽 = {ih}×{iw}，backbone 总步长 16",
                   f"an image of height × width = {ih}×{iw} with a total backbone stride of 16")
    total = fh * fw * k
    answer = numbers([2 * k, 4 * k, total])
    prompt = Bi(f"原版 Faster R-CNN 的 RPN：{where.zh}，anchor 有 {n_scales} 种尺寸 × {n_ratios} 种"
                "长宽比，分类用 2 类 softmax。写出 [分类分支通道数, 回归分支通道数, anchor 总数]。",
                f"The original Faster R-CNN RPN on {where.en}, with {n_scales} anchor sizes × "
                f"{n_ratios} aspect ratios and a 2-way softmax classifier. Answer [classification "
                "channels, regression channels, total anchors].")
    solution = steps(Bi(f"每个位置 k = {n_scales}·{n_ratios} = {k} 个 anchor",
                        f"k = {n_scales}·{n_ratios} = {k} anchors per location"),
                     Bi(f"分类 2k = {2 * k}，回归 4k = "
                        f"{4 * k}", f"cls 2k = {2 * k}, reg 4k = {4 * k}"),
                     Bi(f"特征图 {fh}×{fw}，总数 {fh}·{fw}·{k} = {big(total)}",
                        f"feature map {fh}×{fw}, total {fh}·{fw}·{k} = {big(total)}"))
    mistakes = [
        Mistake(Bi("分类通道写成 k（忘了 2 类）", "used k classification channels (forgot the 2 "
                   "classes)"), answer.like([k, 4 * k, total])),
        Mistake(Bi("anchor 总数忘了乘 k", "forgot to multiply the total by k"),
                answer.like([2 * k, 4 * k, fh * fw])),
        Mistake(Bi("回归只输出 4 个通道", "used 4 regression channels, not 4k"),
                answer.like([2 * k, 4, total])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("rpn-anchors", "detection", Bi("RPN 输出与 anchor 数", "RPN outputs and anchors"),
               "list", build)
