"""rnn-params: parameter counts of PyTorch's nn.LSTM and nn.GRU.

Each gate has an input matrix (h × input), a recurrent matrix (h × h) and, in PyTorch, two
bias vectors (b_ih and b_hh): per layer and direction g·(h·(i + h) + 2h) with g = 4 gates
for an LSTM and 3 for a GRU. A layer after the first reads the previous layer's output:
i = h, or 2h when the network is bidirectional; a bidirectional layer has two directions.
"""

from __future__ import annotations

import numpy as np

from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import pick
from engine.questions.text import Bi, big, steps

_GATES = {"LSTM": 4, "GRU": 3}


def rnn_params(cell: str, i: int, h: int, layers: int = 1, bidirectional: bool = False,
               biases: int = 2, second_input: int | None = None) -> int:
    """Parameters of nn.LSTM / nn.GRU; ``second_input`` overrides the input width of the
    layers after the first (for mistakes)."""
    g = _GATES[cell]
    dirs = 2 if bidirectional else 1
    total = 0
    for layer in range(layers):
        width = i if layer == 0 else (second_input if second_input is not None else h * dirs)
        total += dirs * g * (h * (width + h) + biases * h)
    return total


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    cell = "LSTM" if difficulty == 1 else pick(rng, ("LSTM", "GRU"))
    i = pick(rng, (10, 16, 32, 50, 64, 100, 128, 256, 300, 512))
    h = pick(rng, (8, 20, 32, 64, 100, 128, 256, 512))
    layers = 1 if difficulty == 1 else (pick(rng, (1, 2)) if difficulty == 2 else 2)
    bi = difficulty == 3
    total = rnn_params(cell, i, h, layers, bi)
    answer = integer(total, unit="params")
    args = f"input_size={i}, hidden_size={h}" + (f", num_layers={layers}" if layers > 1 else "") \
        + (", bidirectional=True" if bi else "")
    prompt = Bi(f"`nn.{cell}({args})`（bias=True，默认）一共有多少个参数？",
                f"How many parameters does `nn.{cell}({args})` (bias=True, the default) have?")
    g = _GATES[cell]
    dirs = 2 if bi else 1
    first = dirs * g * (h * (i + h) + 2 * h)
    lines = [Bi(f"{cell} 有 {g} 组门，每组：W_ih {h}×{i}、W_hh {h}×{h}、b_ih 与 b_hh 各 {h}",
                f"an {cell} has {g} gate blocks, each: W_ih {h}×{i}, W_hh {h}×{h}, b_ih and b_hh "
                f"of {h} each"),
             Bi(f"第 1 层{'（双向 ×2）' if bi else ''}：{big(first)}",
                f"layer 1{' (two directions)' if bi else ''}: {big(first)}")]
    if layers > 1:
        width = h * dirs
        lines.append(Bi(f"第 2 层的输入宽度是 {width}：{big(total - first)}",
                        f"layer 2 reads an input of width {width}: {big(total - first)}"))
    lines.append(Bi(f"合计 {big(total)}", f"total {big(total)}"))
    other = "GRU" if cell == "LSTM" else "LSTM"
    mistakes = [
        Mistake(Bi("只算了一组 bias（Keras 的约定）", "counted one bias vector per gate (Keras's "
                   "convention)"), answer.like([rnn_params(cell, i, h, layers, bi, biases=1)])),
        Mistake(Bi(f"门的个数按 {other} 算了", f"used the gate count of a {other}"),
                answer.like([rnn_params(other, i, h, layers, bi)])),
        Mistake(Bi("漏了循环矩阵 W_hh", "left out the recurrent matrices W_hh"),
                answer.like([total - dirs * g * h * h * layers])),
    ]
    if bi:
        mistakes.append(Mistake(Bi("双向没有乘 2", "did not double for the two directions"),
                                answer.like([rnn_params(cell, i, h, layers, False,
                                                        second_input=2 * h)])))
        mistakes.append(Mistake(Bi("第 2 层的输入宽度按 h 算了（应为 2h）", "took layer 2's "
                                   "input width as h (it is 2h)"),
                                answer.like([rnn_params(cell, i, h, layers, True,
                                                        second_input=h)])))
    elif layers > 1:
        mistakes.append(Mistake(Bi("第 2 层的输入宽度按 input_size 算了", "took layer 2's "
                                   "input width as input_size"),
                                answer.like([rnn_params(cell, i, h, layers, second_input=i)])))
    return Problem(prompt, answer, steps(*lines), tuple(mistakes))


KIND = KindDef("rnn-params", "architectures", Bi("LSTM 与 GRU 的参数量",
               "LSTM and GRU parameter counts"), "integer", build)
