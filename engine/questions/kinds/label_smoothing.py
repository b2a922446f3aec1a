"""label-smoothing: cross-entropy with label smoothing, F.cross_entropy(label_smoothing=ε).

PyTorch's convention (as in Inception-v3): the target is (1 − ε)·onehot + ε/K over all K
classes, so the true class gets 1 − ε + ε/K and every other class ε/K. Some write ε/(K − 1)
for the other classes instead; that is one of the named mistakes. The loss is
−Σ y_k log p_k and its gradient with respect to the logits is p − y.
"""

from __future__ import annotations

import math

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, real
from engine.questions.draw import between, pick
from engine.questions.ops import softmax
from engine.questions.text import Bi, lst, matrix_block, num, steps


def smooth(target: np.ndarray, k: int, eps: float, spread_over_others: bool = False
           ) -> np.ndarray:
    """Soft targets, one row per sample."""
    onehot = np.eye(k)[target]
    if spread_over_others:
        return np.asarray(onehot * (1 - eps) + (1 - onehot) * eps / (k - 1), dtype=np.float64)
    return np.asarray(onehot * (1 - eps) + eps / k, dtype=np.float64)


def loss(z: np.ndarray, y: np.ndarray) -> float:
    """Mean over samples of −Σ y log softmax(z)."""
    logp = np.log(softmax(z, axis=1))
    return float(np.mean(-np.sum(y * logp, axis=1)))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    n = pick(rng, (2, 3)) if difficulty == 2 else 1
    k = pick(rng, (3, 4, 5))
    eps = pick(rng, (0.1, 0.2, 0.05, 0.3))
    z = np.round(rng.uniform(-2, 3, (n, k)), 1)
    t = rng.integers(0, k, n)
    y = smooth(t, k, eps)
    p = softmax(z, axis=1)
    src = lst(z[0]) if n == 1 else matrix_block(z)
    tgt = str(int(t[0])) if n == 1 else lst(t)
    setup = Bi(f"logits = {src}，目标类别 {tgt}（从 0 开始），`F.cross_entropy(logits, target, "
               f"label_smoothing={eps})`（reduction='mean'，K = {k} 类；软目标 = (1−ε)·onehot + "
               f"ε/K，ε = {eps}，自然对数）。",
               f"logits = {src}, target class {tgt} (0-based), `F.cross_entropy(logits, target, "
               f"label_smoothing={eps})` (reduction='mean', K = {k} classes; soft target = "
               f"(1−ε)·onehot + ε/K with ε = {eps}, natural log).")
    lines = [Bi(f"软目标：真类 1 − {eps} + {eps}/{k} = {num(1 - eps + eps / k, 4)}，"
                f"其余 {eps}/{k} = {num(eps / k, 4)}",
                f"soft target: true class 1 − {eps} + {eps}/{k} = {num(1 - eps + eps / k, 4)}, "
                f"others {eps}/{k} = {num(eps / k, 4)}"),
             Bi(f"softmax 概率：{lst(p.ravel(), 4)}", f"softmax probabilities: "
                f"{lst(p.ravel(), 4)}")]
    if difficulty < 3:
        value = loss(z, y)
        answer = real(value, 4, unit="nats")
        lines.append(Bi(f"loss = −Σ y·log p = {num(value, 4)}", f"loss = −Σ y·log p = "
                        f"{num(value, 4)}"))
        mistakes = [
            Mistake(Bi("其余类用了 ε/(K−1)、真类 1−ε", "gave the other classes ε/(K−1) and the "
                       "true class 1−ε"), answer.like([loss(z, smooth(t, k, eps, True))])),
            Mistake(Bi("没做 label smoothing（普通交叉熵）", "left out the smoothing (plain "
                       "cross-entropy)"), answer.like([loss(z, np.eye(k)[t])])),
            Mistake(Bi("真类只给了 1−ε（漏了 ε/K）", "gave the true class only 1−ε (missed its "
                       "ε/K)"),
                    answer.like([loss(z, np.eye(k)[t] * (1 - eps) + (1 - np.eye(k)[t]) * eps
                                      / k)])),
            Mistake(Bi("用了以 10 为底的对数", "used log base 10"),
                    answer.like([value / math.log(10)])),
            Mistake(Bi("用了以 2 为底的对数（bits 而不是 nats）", "used log base 2 (bits, not "
                       "nats)"), answer.like([value / math.log(2)])),
        ]
        return Problem(setup + Bi("损失是多少？", " What is the loss?"), answer, steps(*lines),
                       tuple(mistakes))
    j = between(rng, 0, k - 1)
    grad = float(p[0, j] - y[0, j])
    answer = real(grad, 4)
    lines.append(Bi(f"∂loss/∂z = p − y：{num(float(p[0, j]), 4)} − {num(float(y[0, j]), 4)} = "
                    f"{num(grad, 4)}",
                    f"∂loss/∂z = p − y: {num(float(p[0, j]), 4)} − {num(float(y[0, j]), 4)} = "
                    f"{num(grad, 4)}"))
    other = smooth(t, k, eps, True)
    mistakes = [
        Mistake(Bi("按 one-hot 目标求了梯度（没做 smoothing）", "used the one-hot target (no "
                   "smoothing)"), answer.like([float(p[0, j] - np.eye(k)[t][0, j])])),
        Mistake(Bi("符号反了（y − p）", "flipped the sign (y − p)"), answer.like([-grad])),
        Mistake(Bi("其余类用了 ε/(K−1)", "used ε/(K−1) for the other classes"),
                answer.like([float(p[0, j] - other[0, j])])),
    ]
    return Problem(setup + Bi(f"求 ∂loss/∂z[{j}]。", f" What is ∂loss/∂z[{j}]?"), answer,
                   steps(*lines), tuple(mistakes))


KIND = KindDef("label-smoothing", "losses", Bi("Label smoothing 交叉熵",
               "Cross-entropy with label smoothing"), "real", build)
