"""Numbers in content/optimization.md, normalization.md and pooling.md, checked by the engine."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

import engine
from engine import shapes
from tests.unit.content.claims import Claim, ceil_div, check, claim_ids

# Two independent zero-mean features with variances 1 and 10^6 (values ±1 and ±1000).
FEATURES084 = np.array([[1.0, 1000.0], [-1.0, -1000.0], [1.0, -1000.0], [-1.0, 1000.0]])
X_POOL = [[1, 3, 2, 1], [4, 6, 5, 0], [7, 2, 9, 8], [1, 0, 3, 4]]
G_POOL = [[1, 2], [3, 4]]


def run(opt: object, steps: int, theta: float = 1.0) -> list[float]:
    """Minimise f(θ) = θ² (gradient 2θ) from θ₀ = 1 with an engine optimizer."""
    out, p = [], np.array([theta])
    for _ in range(steps):
        p = opt.step(p, 2 * p)  # type: ignore[attr-defined]
        out.append(float(p[0]))
    return out


class FixedDraws:
    """Stands in for a numpy Generator so dropout sees chosen uniform draws."""

    def __init__(self, draws: list[float]) -> None:
        self.draws = np.array(draws)

    def random(self, shape: tuple[int, ...]) -> np.ndarray:
        return self.draws.reshape(shape)


def dropout_with_mask(p: float) -> np.ndarray:
    """x = [1, 2, 3, 4] with mask [1, 0, 1, 1] (the second draw falls below p)."""
    draws = FixedDraws([0.99, 0.01, 0.99, 0.99])
    y, _ = engine.dropout(np.array([1.0, 2.0, 3.0, 4.0]), p, draws)  # type: ignore[arg-type]
    return y


def bn_train(x: list[float], gamma: float = 1.0,
             beta: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    col = np.array(x, float)[:, None]
    return engine.batch_norm(col, [0.0], [1.0], [gamma], [beta], training=True)


def bn_eval(x: float, mean: float, var: float) -> float:
    return float(engine.batch_norm(np.array([[x]]), [mean], [var])[0][0, 0])


Grid = Sequence[Sequence[float]]
KernelSize = int | tuple[int, int]


def pool(fn: str, x: Grid, k: KernelSize, s: int | None = None) -> np.ndarray:
    op = engine.max_pool2d if fn == "max" else engine.avg_pool2d
    out: np.ndarray = op(np.array(x, float)[None, None], k, s)[0, 0]
    return out


def pool_back(fn: str, x: Grid, g: Grid, k: KernelSize, s: int | None = None) -> np.ndarray:
    op = engine.max_pool2d_backward if fn == "max" else engine.avg_pool2d_backward
    x4, g4 = np.array(x, float)[None, None], np.array(g, float)[None, None]
    out: np.ndarray = op(x4, g4, k, s)[0, 0]
    return out


def first(state: np.ndarray | None) -> float:
    """Element 0 of an optimizer state buffer, which exists once a step has run."""
    assert state is not None, "optimizer state read before any step"
    return float(state[0])


def wn_grads() -> tuple[float, np.ndarray]:
    """Weight-norm gradients for v = [3, 4], g = 2 and ∂L/∂w = [1, 0] (Salimans & Kingma)."""
    v, g, gw = np.array([3.0, 4.0]), 2.0, np.array([1.0, 0.0])
    w = g * v / np.linalg.norm(v)
    grad_g = gw @ v / np.linalg.norm(v)
    grad_v = g / np.linalg.norm(v) * (gw - (gw @ w) * w / (w @ w))
    return float(grad_g), grad_v


def rms_norm(x: list[float]) -> np.ndarray:
    a = np.array(x, float)
    out: np.ndarray = a / np.sqrt(np.mean(a * a))
    return out


def gn(x: list[float], groups: int) -> np.ndarray:
    """GroupNorm of one sample with H = W = 1 as a LayerNorm over each group."""
    return engine.layer_norm(np.array(x, float).reshape(groups, -1), len(x) // groups).ravel()


def gd_x(lr: float, steps: int) -> float:
    opt, p = engine.SGD(lr=lr), np.array([1.0])
    for _ in range(steps):
        p = opt.step(p, p)  # f = x²/2, gradient x
    return float(p[0])


CLAIMS = [
    # 010 optimizer overview, f(θ) = θ², θ₀ = 1, lr 0.1
    Claim("010", r"SGD：$1\to0.8\to0.64$", lambda: run(engine.SGD(lr=0.1), 2)),
    Claim("010", r"SGD momentum 0.9：$1\to0.8\to0.46$",
          lambda: run(engine.SGD(lr=0.1, momentum=0.9), 2)),
    Claim("010", r"Nesterov：$1\to0.62\to0.2224$",
          lambda: run(engine.SGD(lr=0.1, momentum=0.9, nesterov=True), 2)),
    Claim("010", r"$1\to0.9\to0.800412$", lambda: run(engine.Adam(lr=0.1), 2)),
    Claim("010", r"$7\times10^9\times8$ 字节 = 56 GB", lambda: 7e9 * 2 * 4 / 1e9),
    # 011 gradient descent
    Claim("011", "依次为 0.8、0.64、0.512", lambda: run(engine.SGD(lr=0.1), 3)),
    Claim("011", r"$\eta=1.1$ 时每步乘 −1.2", lambda: run(engine.SGD(lr=1.1), 1)),
    Claim("011", r"y 方向每步乘 $1-1.9=-0.9$",
          lambda: engine.SGD(lr=0.019).step([1.0], [100.0])[0]),
    Claim("011", "x 方向每步只乘 0.981，100 步后 x 仍剩初值的 0.146859 倍",
          lambda: (engine.SGD(lr=0.019).step([1.0], [1.0])[0], gd_x(0.019, 100)), at=(0, -1)),
    # 012 mini-batch
    Claim("012", r"$\lceil50000/128\rceil=391$ 步（最后一个 batch 80 个样本）",
          lambda: (ceil_div(50000, 128), 50000 - 128 * (ceil_div(50000, 128) - 1))),
    # 013 SGD with momentum and weight decay
    Claim("013", r"$g=2+0.01\times1=2.01$，$b=2.01$，$\theta=1-0.201=0.799$",
          lambda: run(engine.SGD(lr=0.1, momentum=0.9, weight_decay=0.01), 1)),
    Claim("013", r"$\theta=0.799-0.341499=0.457501$",
          lambda: run(engine.SGD(lr=0.1, momentum=0.9, weight_decay=0.01), 2)[1]),
    Claim("013", r"$b=0.9\times2.01+1.60599=3.41499$",
          lambda: (lambda o: (run(o, 2), first(o.momentum_buffer))[1])(
              engine.SGD(lr=0.1, momentum=0.9, weight_decay=0.01))),
    # 014 momentum
    Claim("014", r"$\theta=0.8-0.34=0.46$", lambda: run(engine.SGD(lr=0.1, momentum=0.9), 2)[1]),
    Claim("014", r"第 3 步 $g=0.92$，$b=3.98$，$\theta=0.062$",
          lambda: (lambda o: (lambda r: (2 * r[1], first(o.momentum_buffer), r[2]))(run(o, 3)))(
              engine.SGD(lr=0.1, momentum=0.9))),
    Claim("014", r"$\theta=0.2224$；第 3 步 $\theta=-0.108352$",
          lambda: run(engine.SGD(lr=0.1, momentum=0.9, nesterov=True), 3)[1:], at=(0, 2)),
    Claim("014", "对照：普通 SGD 为 0.8、0.64、0.512", lambda: run(engine.SGD(lr=0.1), 3)),
    # 015 RMSprop(lr=0.01, alpha=0.99)
    Claim("015", r"$\theta=1-0.01\times2/0.2=0.9$", lambda: run(engine.RMSprop(lr=0.01), 1)),
    Claim("015", r"$v=0.99\times0.04+0.01\times3.24=0.072$，$\sqrt v=0.268328$",
          lambda: (lambda o: (run(o, 2), (first(o.square_avg),
                                          math.sqrt(first(o.square_avg))))[1])(
              engine.RMSprop(lr=0.01))),
    Claim("015", r"$0.01\times1.8/0.268328=0.067082$，$\theta=0.832918$",
          lambda: (lambda r: (r[0] - r[1], r[1]))(run(engine.RMSprop(lr=0.01), 2))),
    Claim("015", r"第 3 步：$\theta=0.779982$", lambda: run(engine.RMSprop(lr=0.01), 3)[2]),
    # 016 Adam(lr=0.1)
    Claim("016", r"$\theta=1-0.1\times2/2=0.9$", lambda: run(engine.Adam(lr=0.1), 1)),
    Claim("016", r"$v=0.999\times0.004+0.001\times3.24=0.007236$",
          lambda: (lambda o: (run(o, 2), first(o.exp_avg_sq))[1])(engine.Adam(lr=0.1))),
    Claim("016", r"$\hat m=0.36/0.19=1.894737$，$\hat v=0.007236/0.001999=3.619810$",
          lambda: (lambda o: (run(o, 2), (first(o.exp_avg) / 0.19,
                                          first(o.exp_avg_sq) / (1 - 0.999**2)))[1])(
              engine.Adam(lr=0.1)), at=(2, 5)),
    Claim("016", r"$\theta=0.9-0.1\times0.995878=0.800412$",
          lambda: (lambda r: ((r[0] - r[1]) / 0.1, r[1]))(run(engine.Adam(lr=0.1), 2))),
    Claim("016", "再减 0.1，得 0.899，第 2 步 0.798519",
          lambda: run(engine.AdamW(lr=0.1, weight_decay=0.01), 2), at=(1, 3)),
    Claim("016", "归一化后仍走 0.1，得 0.9",
          lambda: run(engine.Adam(lr=0.1, weight_decay=0.01), 1)),
    # 006 pooling
    Claim("006", r"max pooling：$\begin{bmatrix}6&5\\7&9\end{bmatrix}$",
          lambda: pool("max", X_POOL, 2)),
    Claim("006", r"average pooling：$\begin{bmatrix}3.5&2\\2.5&6\end{bmatrix}$",
          lambda: pool("avg", X_POOL, 2)),
    Claim("006", r"默认 $\lfloor5/2\rfloor+1=3$，`ceil_mode=True` 时 $\lceil5/2\rceil+1=4$",
          lambda: (shapes.pool_output_size(7, 2, 2),
                   shapes.pool_output_size(7, 2, 2, ceil_mode=True)),
          at=(3, -1)),
    Claim("006", "（112、k=3、s=2、p=1）→ 56", lambda: shapes.pool_output_size(112, 3, 2, 1)),
    Claim("006", "（55、k=3、s=2）→ 27", lambda: shapes.pool_output_size(55, 3, 2)),
    Claim("006", "角落输出为 4/9",
          lambda: engine.avg_pool2d(np.ones((1, 1, 4, 4)), 3, 1, 1)[0, 0, 0, 0] * 9, at=(0,)),
    # 007 pooling backward
    Claim("007", r"$\delta X=\begin{bmatrix}0&0&0&0\\0&1&2&0\\3&0&4&0\\0&0&0&0\end{bmatrix}$",
          lambda: pool_back("max", X_POOL, G_POOL, 2)),
    Claim("007", r"\begin{bmatrix}0.25&0.25&0.5&0.5\\0.25&0.25&0.5&0.5\\0.75&0.75&1&1\\"
          r"0.75&0.75&1&1\end{bmatrix}", lambda: pool_back("avg", X_POOL, G_POOL, 2)),
    Claim("007", "$1+2+3+4=10$", lambda: pool_back("avg", X_POOL, G_POOL, 2).sum()),
    Claim("007", "$0.98/49=0.02$",
          lambda: engine.avg_pool2d_backward(np.zeros((1, 1, 7, 7)), [[[[0.98]]]], 7)[0, 0, 3, 3]),
    # 040 pooling layer
    Claim("040", "$224/2^5=7$",
          lambda: (lambda s: [s := shapes.pool_output_size(s, 2) for _ in range(5)][-1])(224)),
    Claim("040", r"$7\times7\times512=25088$ 维，fc6 参数 $25088\times4096+4096=102764544$",
          lambda: (7 * 7 * 512, shapes.linear_params(25088, 4096)), at=(3, -1)),
    Claim("040", r"FC 参数 $2048\times1000+1000=2049000$，约为前者的 2%",
          lambda: (shapes.linear_params(2048, 1000),
                   round(100 * shapes.linear_params(2048, 1000)
                         / shapes.linear_params(25088, 4096)))),
    Claim("040", r"都得到 $[9,0]$", lambda: pool("max", [[0, 9, 0, 0]], (1, 2))),
    Claim("040", r"$[9,0,0,0]$ 经一维 max pooling（k=2、s=2）都得到 $[9,0]$",
          lambda: pool("max", [[9, 0, 0, 0]], (1, 2))),
    # 043 max vs average
    Claim("043", "max 得 8，average 得 2",
          lambda: (pool("max", [[0, 0], [0, 8]], 2)[0, 0], pool("avg", [[0, 0], [0, 8]], 2)[0, 0])),
    # 044 max-pool backward
    Claim("044", r"梯度分别落在 6、5、7、9 的位置：$\delta X=\begin{bmatrix}0&0&0&0\\0&1&2&0\\"
          r"3&0&4&0\\0&0&0&0\end{bmatrix}$", lambda: pool_back("max", X_POOL, G_POOL, 2)),
    Claim("044", "k=3、s=1，输出 $[9,9,9]$", lambda: pool("max", [[1, 3, 9, 2, 4]], (1, 3), 1)),
    Claim("044", r"$\delta x=[0,0,3,0,0]$",
          lambda: pool_back("max", [[1, 3, 9, 2, 4]], [[1, 1, 1]], (1, 3), 1)),
    Claim("044", r"PyTorch 给出 $\begin{bmatrix}1&0\\0&0\end{bmatrix}$",
          lambda: pool_back("max", [[2, 2], [1, 0]], [[1]], 2)),
    # 050 GroupNorm
    Claim("050", r"每个均值覆盖 $2\times56\times56 = 6272$ 个数；"
          r"共 $N\cdot G = 32\times32 = 1024$ 组",
          lambda: (64 // 32 * 56 * 56, 32 * 32), at=(3, -1)),
    Claim("050", "（ε=1e-5 时约为 ±0.999995 和 ±0.9999988）",
          lambda: gn([1, 3, 2, 6], 2)[[1, 3]], at=(-2, -1)),
    Claim("050", "则得 [−1.0690, 0, −0.5345, 1.6036]", lambda: gn([1, 3, 2, 6], 1)),
    # 061 BN noise
    Claim("061", "μ=1，σ²=1，x=2 被归一化为约 1.0", lambda: bn_train([0, 2])[0][1, 0], at=(-1,)),
    Claim("061", "μ=4，σ²=8/3≈2.667，x=2 被归一化为 −2/√2.667 ≈ −1.2247",
          lambda: (np.var([2, 4, 6]), bn_train([2, 4, 6])[0][0, 0]), at=(3, -1)),
    # 063 weight normalization
    Claim("063", r"$\nabla_g L$ = 1·0.6 + 0·0.8 = 0.6", lambda: wn_grads()[0]),
    Claim("063", r"$\nabla_v L$ = [0.256, −0.192]", lambda: wn_grads()[1]),
    Claim("063", "3·0.256 + 4·(−0.192) = 0", lambda: float(np.dot([3, 4], wn_grads()[1]))),
    # 064 BN / LN / IN counts for (32, 64, 56, 56)
    Claim("064", "每组覆盖 32×56×56 = 100,352 个数；可学习参数 2×64 = 128",
          lambda: (32 * 56 * 56, 2 * 64), at=(3, -1)),
    Claim("064", "每组覆盖 64×56×56 = 200,704 个数", lambda: 64 * 56 * 56),
    Claim("064", "2×64×56×56 = 401,408 个参数", lambda: 2 * 64 * 56 * 56),
    Claim("064", "`nn.LayerNorm(768)` 只有 2×768 = 1536 个参数", lambda: 2 * 768),
    # 065 LayerNorm vs RMSNorm on [1, 2, 3, 4]
    Claim("065", "μ = 2.5，σ² = (2.25+0.25+0.25+2.25)/4 = 1.25，σ ≈ 1.1180",
          lambda: (np.mean([1, 2, 3, 4]), np.var([1, 2, 3, 4]), np.std([1, 2, 3, 4])),
          at=(0, -2, -1)),
    Claim("065", "y ≈ [−1.3416, −0.4472, 0.4472, 1.3416]",
          lambda: engine.layer_norm(np.array([1.0, 2.0, 3.0, 4.0]), 4)),
    Claim("065", "RMS = √((1+4+9+16)/4) = √7.5 ≈ 2.7386",
          lambda: math.sqrt(np.mean(np.square([1, 2, 3, 4])))),
    Claim("065", "输出 ≈ [0.3651, 0.7303, 1.0954, 1.4606]", lambda: rms_norm([1, 2, 3, 4])),
    # 066 dropout
    Claim("066", "[1, 0, 3, 4] / 0.5 = [2, 0, 6, 8]", lambda: dropout_with_mask(0.5)),
    Claim("066", "[1, 0, 3, 4] / 0.8 = [1.25, 0, 3.75, 5]", lambda: dropout_with_mask(0.2)),
    # 075 BN train vs eval on [1, 2, 3, 6]
    Claim("075", "μ = 3，有偏方差 σ² = (4+1+0+9)/4 = 3.5，输出 ≈ [−1.0690, −0.5345, 0, 1.6036]",
          lambda: (3.0, np.var([1, 2, 3, 6]), *bn_train([1, 2, 3, 6])[0][:, 0]),
          at=(0, 6, 7, 8, 9, 10)),
    Claim("075", "running_mean = 0.9·0 + 0.1·3 = 0.3", lambda: bn_train([1, 2, 3, 6])[1]),
    Claim("075", "无偏方差 = 14/3 ≈ 4.6667，running_var = 0.9·1 + 0.1·4.6667 ≈ 1.3667",
          lambda: (np.var([1, 2, 3, 6], ddof=1), bn_train([1, 2, 3, 6])[2][0]), at=(2, -1)),
    Claim("075", "(6 − 0.3)/√1.3667 ≈ 4.8758",
          lambda: bn_eval(6.0, *(float(v[0]) for v in bn_train([1, 2, 3, 6])[1:]))),
    # 084 conditioning: feature variances 1 and 10^6 give Hessian diag(1, 10^6)
    Claim("084", "= diag(1, 1,000,000)，条件数 κ = 1,000,000",
          lambda: np.linalg.cond(np.diag(np.var(FEATURES084, axis=0))), at=(-1,)),
    Claim("084", "lr < 2/λ_max = 2e-6",
          lambda: 2 / np.linalg.eigvalsh(np.diag(np.var(FEATURES084, axis=0))).max()),
    # without the ½ the Hessian of mean((w·x − y)²) is 2·E[xxᵀ]: threshold 2/λ_max halves, and
    # after standardising (Hessian 2I) the one-step learning rate is 1/2
    Claim("084", "稳定条件变成 lr < 1e-6，标准化后 lr = 0.5 一步到位",
          lambda: (2 / (2 * np.linalg.eigvalsh(np.diag(np.var(FEATURES084, axis=0))).max()),
                   1 / np.linalg.eigvalsh(2 * np.eye(2)).max())),
    Claim("084", "约要 1,000,000 步误差才缩小到 1/e",
          lambda: round(-1 / math.log(engine.SGD(lr=1e-6).step([1.0], [1.0])[0]), -3), at=(0,)),
    # 085 BatchNorm, x = [2, 4, 6, 8], γ = 2, β = 1
    Claim("085", r"$\hat x$ ≈ [−1.3416, −0.4472, 0.4472, 1.3416]",
          lambda: bn_train([2, 4, 6, 8])[0][:, 0]),
    Claim("085", "≈ [−1.6833, 0.1056, 1.8944, 3.6833]",
          lambda: bn_train([2, 4, 6, 8], 2.0, 1.0)[0][:, 0]),
    Claim("085", "running_mean = 0.9·0 + 0.1·5 = 0.5", lambda: bn_train([2, 4, 6, 8])[1]),
    Claim("085", "无偏方差 = 20/3 ≈ 6.6667，running_var = 0.9·1 + 0.1·6.6667 ≈ 1.5667",
          lambda: (np.var([2, 4, 6, 8], ddof=1), bn_train([2, 4, 6, 8])[2][0]), at=(2, -1)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
