"""box-encode: R-CNN regression targets (tx, ty, tw, th) of a ground-truth box."""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.ops import encode_boxes
from engine.questions.text import Bi, lst, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    x, y = between(rng, 0, 100), between(rng, 0, 100)
    pw, ph = 2 * between(rng, 10, 60), 2 * between(rng, 10, 60)
    p = [x, y, x + pw, y + ph]
    gx, gy = x + between(rng, -pw // 4, pw // 4), y + between(rng, -ph // 4, ph // 4)
    gw, gh = pw + 2 * between(rng, -pw // 4, pw // 4), ph + 2 * between(rng, -ph // 4, ph // 4)
    if gw == pw:
        gw += 4
    g = [gx, gy, gx + gw, gy + gh]
    wts = (1.0, 1.0, 1.0, 1.0) if difficulty == 1 else pick(rng, ((10.0, 10.0, 5.0, 5.0),
                                                                   (10.0, 10.0, 10.0, 10.0)))
    pa, ga = np.array([p], float), np.array([g], float)
    t = encode_boxes(pa, ga, wts)[0]
    answer = numbers(t, 4)
    wtxt = str(tuple(int(v) for v in wts))
    prompt = Bi(f"proposal P = {tuple(p)}，ground truth G = {tuple(g)}（xyxy，连续坐标，宽 = x2 − "
                f"x1）。按 torchvision 的 BoxCoder（weights = {wtxt}，自然对数）编码，求回归目标 "
                "[tx, ty, tw, th]。",
                f"Proposal P = {tuple(p)}, ground truth G = {tuple(g)} (xyxy, continuous "
                f"coordinates, width = x2 − x1). Encode with torchvision's BoxCoder (weights = "
                f"{wtxt}, natural log): what are the regression targets [tx, ty, tw, th]?")
    pcx, pcy, gcx, gcy = x + pw / 2, y + ph / 2, gx + gw / 2, gy + gh / 2
    solution = steps(
        Bi(f"中心与宽高：P = ({pcx:g}, {pcy:g}, {pw}, {ph})，G = ({gcx:g}, {gcy:g}, {gw}, {gh})",
           f"centre and size: P = ({pcx:g}, {pcy:g}, {pw}, {ph}), G = ({gcx:g}, {gcy:g}, {gw}, "
           f"{gh})"),
        Bi(r"$t_x = w_x (g_x - p_x)/p_w$，$t_y = w_y (g_y - p_y)/p_h$，"
           r"$t_w = w_w \log(g_w/p_w)$，$t_h = w_h \log(g_h/p_h)$",
           r"$t_x = w_x (g_x - p_x)/p_w$, $t_y = w_y (g_y - p_y)/p_h$, "
           r"$t_w = w_w \log(g_w/p_w)$, $t_h = w_h \log(g_h/p_h)$"),
        Bi(f"结果 {lst(t, 4)}", f"result {lst(t, 4)}"),
    )
    mistakes = [
        Mistake(Bi("tw、th 没取对数", "left out the log in tw, th"),
                answer.like([t[0], t[1], wts[2] * gw / pw, wts[3] * gh / ph])),
        Mistake(Bi("用了左上角的偏移而不是中心", "used the top-left corner offset, not the centre"),
                answer.like([wts[0] * (gx - x) / pw, wts[1] * (gy - y) / ph, t[2], t[3]])),
        Mistake(Bi("偏移除以了 GT 的宽高", "divided the offsets by the ground-truth size"),
                answer.like([wts[0] * (gcx - pcx) / gw, wts[1] * (gcy - pcy) / gh, t[2], t[3]])),
    ]
    if difficulty > 1:
        mistakes.append(Mistake(Bi("忘了乘 weights", "forgot the weights"),
                                answer.like(encode_boxes(pa, ga)[0])))
    return Problem(prompt, answer, solution, tuple(mistakes))


KIND = KindDef("box-encode", "detection", Bi("框回归编码", "Box regression encode"), "list", build)
