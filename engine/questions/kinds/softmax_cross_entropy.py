"""softmax-cross-entropy: cross-entropy loss of logits and its gradient w.r.t. a logit."""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.ops import cross_entropy, softmax
from engine.questions.text import Bi, lst, matrix_block, steps


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n = pick(rng, (2, 3)) if difficulty == 3 else 1
    c = pick(rng, (3, 4))
    z = np.round(rng.uniform(-2, 3, (n, c)), 1)
    t = rng.integers(0, c, n)
    p = softmax(z, axis=1)
    loss = cross_entropy(z, t)
    src = lst(z[0]) if n == 1 else matrix_block(z)
    tgt = str(int(t[0])) if n == 1 else lst(t)
    setup = Bi(f"logits = {src}，目标类别 {tgt}（从 0 开始），`F.cross_entropy`（reduction='mean"
               "'）。",
               f"logits = {src}, target class {tgt} (0-based), `F.cross_entropy` "
               "(reduction='mean').")
    probs = Bi(f"softmax 概率：{lst(p.ravel(), 4)}", f"softmax probabilities: {lst(p.ravel(), 4)}")
    if difficulty == 1:
        answer = real(loss, 4, unit="nats")
        prompt = setup + Bi("损失是多少？", " What is the loss?")
        lines = [probs, Bi(f"loss = −ln p[{tgt}] = "
                           f"{loss:.4f}", f"loss = −ln p[{tgt}] = {loss:.4f}")]
        mistakes = [Mistake(Bi("用了以 10 为底的对数", "used log base 10"),
                            answer.like([loss / math.log(10)])),
                    Mistake(Bi("用了以 2 为底的对数", "used log base 2"),
                            answer.like([loss / math.log(2)])),
                    Mistake(Bi("漏了负号", "dropped the minus sign"), answer.like([-loss]))]
        return Problem(prompt, answer, steps(*lines), tuple(mistakes))
    i = between(rng, 0, n - 1)
    j = int(t[i]) if rng.integers(2) else between(rng, 0, c - 1)
    onehot = 1.0 if j == t[i] else 0.0
    grad = (float(p[i, j]) - onehot) / n
    answer = real(grad, 4)
    where = f"z[{j}]" if n == 1 else f"z[{i}, {j}]"
    prompt = setup + Bi(f"求 ∂loss/∂{where}。", f" What is ∂loss/∂{where}?")
    lines = [probs, Bi(f"∂loss/∂z = (softmax − onehot)/N：({float(p[i, j]):.4f} − {onehot:g})/"
                       f"{n} = "
                       f"{grad:.4f}",
                       f"∂loss/∂z = (softmax − onehot)/N: ({float(p[i, j]):.4f} − {onehot:g})/"
                       f"{n} = "
                       f"{grad:.4f}")]
    mistakes = [Mistake(Bi("符号反了（onehot − softmax）", "flipped the sign (onehot − softmax)"),
                        answer.like([-grad]))]
    if onehot:
        mistakes.append(Mistake(Bi("忘了减去 onehot", "forgot to subtract the one-hot target"),
                                answer.like([float(p[i, j]) / n])))
    if n > 1:
        mistakes.append(Mistake(Bi("忘了除以 batch 大小 N（mean）", "forgot to divide by N (mean)"),
                                answer.like([grad * n])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("softmax-cross-entropy", "losses", Bi("Softmax 交叉熵及梯度",
               "Softmax cross-entropy and gradient"), "real", build)
