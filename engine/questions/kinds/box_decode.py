"""box-decode: apply regression deltas to a proposal (torchvision's clamp of dw, dh)."""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, numbers
from engine.questions.draw import between, pick
from engine.questions.ops import decode_boxes
from engine.questions.text import Bi, lst, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    x, y = between(rng, 0, 100), between(rng, 0, 100)
    pw, ph = 2 * between(rng, 10, 60), 2 * between(rng, 10, 60)
    p = [x, y, x + pw, y + ph]
    wts = (1.0, 1.0, 1.0, 1.0) if difficulty == 1 else pick(rng, ((10.0, 10.0, 5.0, 5.0),
                                                                   (10.0, 10.0, 10.0, 10.0)))
    scale = np.array(wts) if difficulty > 1 else np.ones(4)
    d = np.round(rng.uniform(-0.5, 0.5, 4), 2) * scale
    d[2] = d[2] if d[2] != 0 else 0.1 * scale[2]
    clamp = difficulty == 3 and bool(rng.integers(2))
    if clamp:
        d[2] = round(float(rng.uniform(4.3, 5.0)), 2) * scale[2]
    pa, da = np.array([p], float), np.array([d])
    box = decode_boxes(pa, da, wts)[0]
    answer = numbers(box, 2)
    dtxt = "(" + ", ".join(f"{v:g}" for v in d) + ")"
    wtxt = str(tuple(int(v) for v in wts))
    prompt = Bi(f"proposal P = {tuple(p)}（xyxy，连续坐标，宽 = x2 − x1），预测的 deltas (dx, dy, "
                f"dw, dh) = {dtxt}。按 torchvision 的 BoxCoder（weights = {wtxt}：各 delta 先除以"
                "对应的 "
                "weight，dw、dh 再截断到不超过 log(1000/16)）解码，得到的框 [x1, y1, x2, y2] 是多"
                "少？",
                f"Proposal P = {tuple(p)} (xyxy, continuous coordinates, width = x2 − x1), "
                f"predicted deltas (dx, dy, dw, dh) = {dtxt}. Decoding with torchvision's "
                f"BoxCoder (weights = {wtxt}: each delta is divided by its weight, then dw and dh"
                " are "
                "clamped at log(1000/16)), what is the box [x1, y1, x2, y2]?")
    pcx, pcy = x + pw / 2, y + ph / 2
    solution = steps(
        Bi(f"P 的中心与宽高：({pcx:g}, {pcy:g}, {pw}, {ph})", f"P as centre and size: ({pcx:g}, "
           f"{pcy:g}, {pw}, {ph})"),
        Bi(r"先除以 weights；$x = p_x + d_x p_w$，$w = p_w e^{\min(d_w, \log(1000/16))}$（y、h "
           r"同理）",
           r"divide by the weights; $x = p_x + d_x p_w$, $w = p_w e^{\min(d_w, \log(1000/16))}$ "
           "(likewise y, h)"),
        Bi(f"角点 = (x − w/2, y − h/2, x + w/2, y + h/2) = {lst(box, 2)}",
           f"corners = (x − w/2, y − h/2, x + w/2, y + h/2) = {lst(box, 2)}"),
    )
    dd = d / np.array(wts)
    cx, cy = pcx + dd[0] * pw, pcy + dd[1] * ph
    w_lin, h_lin = pw * (1 + dd[2]), ph * (1 + dd[3])
    mistakes = [
        Mistake(Bi("宽高没取指数（w = p_w(1+dw)）", "no exponential for the size (w = p_w(1+dw))"),
                answer.like([cx - w_lin / 2, cy - h_lin / 2, cx + w_lin / 2, cy + h_lin / 2])),
        Mistake(Bi("给出了中心与宽高而不是角点", "gave centre and size instead of corners"),
                answer.like([cx, cy, box[2] - box[0], box[3] - box[1]])),
    ]
    if difficulty > 1:
        mistakes.append(Mistake(Bi("忘了除以 weights", "forgot to divide by the weights"),
                                answer.like(_no_weights(pa, da))))
    if clamp:
        w_raw = pw * math.exp(dd[2])
        mistakes.append(Mistake(Bi("忘了 dw 的截断 log(1000/16)", "forgot the clamp of dw at "
                                   "log(1000/16)"),
                                answer.like([cx - w_raw / 2, box[1], cx + w_raw / 2, box[3]])))
    return Problem(prompt, answer, solution, tuple(mistakes))


def _no_weights(pa: np.ndarray, da: np.ndarray) -> np.ndarray:
    return np.asarray(decode_boxes(pa, da)[0], dtype=np.float64)


KIND = KindDef("box-decode", "detection", Bi("框回归解码", "Box regression decode"), "list", build)
