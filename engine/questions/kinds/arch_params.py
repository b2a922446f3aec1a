"""arch-params: parameters of one layer, MACs of one layer, or a whole network's parameters
with a new classifier, for the named architectures of ``engine.arch``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

import numpy as np

from engine.arch import Layer, LayerCost, count_params, layer_breakdown, layers
from engine.arch.layers import Conv, Linear, Residual
from engine.questions.base import KindDef, Mistake, Problem, integer
from engine.questions.draw import pick
from engine.questions.text import Bi, big, steps
from engine.shapes import conv2d_macs, conv2d_params, linear_params

NAMES = ("alexnet", "vgg11", "vgg16", "vgg19", "resnet18", "resnet34", "resnet50", "resnet101",
         "mobilenet_v1", "mobilenet_v2")


@lru_cache(maxsize=64)
def _breakdown(name: str, num_classes: int = 1000) -> tuple[LayerCost, ...]:
    """The engine's per-layer table (a pure function of its arguments, so cached)."""
    return tuple(layer_breakdown(name, num_classes))


@lru_cache(maxsize=64)
def _params(name: str, num_classes: int = 1000) -> int:
    return count_params(name, num_classes)


@lru_cache(maxsize=16)
def _weighted(name: str) -> tuple[Conv | Linear, ...]:
    """The conv and linear specs of ``name`` that carry parameters."""
    rows = {r.name for r in _breakdown(name)}
    return tuple(s for s in _specs(layers(name)) if isinstance(s, Conv | Linear) and s.name in rows)


def _specs(items: Sequence[Layer]) -> Iterator[Layer]:
    for item in items:
        if isinstance(item, Residual):
            yield from _specs(item.body)
            yield from _specs(item.shortcut)
        else:
            yield item


def _pick_layer(rng: np.random.Generator, name: str) -> tuple[Conv | Linear, LayerCost]:
    rows = {r.name: r for r in _breakdown(name)}
    spec = pick(rng, _weighted(name))
    return spec, rows[spec.name]


def _source(name: str) -> Bi:
    """Where the architecture comes from; torchvision has no MobileNetV1."""
    if name == "mobilenet_v1":
        return Bi("MobileNetV1（按论文结构搭建：卷积无 bias、每个卷积后接 BN，最后是 1024→类别数"
                  "的全连接"
                  "；torchvision 没有提供这个模型，层名 model.i 沿用常见的 PyTorch 实现）",
                  "MobileNetV1 (built to the paper's structure: convs without bias, BN after "
                  "each conv, a 1024→classes fully connected layer at the end; torchvision has "
                  "no MobileNetV1, so layer names model.i follow common PyTorch ports)")
    return Bi(f"torchvision 的 `{name}`", f"torchvision's `{name}`")


def _describe(spec: Conv | Linear, row: LayerCost) -> Bi:
    if isinstance(spec, Linear):
        return Bi(f"Linear({row.in_shape[0]}, {spec.out_features}, bias={spec.bias})",
                  f"Linear({row.in_shape[0]}, {spec.out_features}, bias={spec.bias})")
    text = (f"Conv2d({row.in_shape[0]}, {spec.out_channels}, kernel_size={spec.kernel}, "
            f"stride={spec.stride}, padding={spec.padding}, groups={spec.groups}, "
            f"bias={spec.bias})，输入 {row.in_shape}")
    return Bi(text, text.replace("，输入", ", input"))


def _layer_params(rng: np.random.Generator, name: str) -> Problem:
    spec, row = _pick_layer(rng, name)
    answer = integer(row.params, unit="params")
    desc, src = _describe(spec, row), _source(name)
    prompt = Bi(f"{src.zh} 中的 `{spec.name}` 层是 {desc.zh}。它有多少参数？",
                f"In {src.en}, layer `{spec.name}` is {desc.en}. How many parameters does it "
                "have?")
    if isinstance(spec, Linear):
        wts, b, groups = row.in_shape[0] * spec.out_features, spec.out_features, 1
        no_b = linear_params(row.in_shape[0], spec.out_features, bias=False)
        with_b = linear_params(row.in_shape[0], spec.out_features, bias=True)
    else:
        c_in, groups = row.in_shape[0], spec.groups
        no_b = conv2d_params(c_in, spec.out_channels, spec.kernel, groups, bias=False)
        with_b = conv2d_params(c_in, spec.out_channels, spec.kernel, groups, bias=True)
        wts, b = no_b, spec.out_channels
    solution = steps(Bi(f"权重 {big(wts)}，bias {b if spec.bias else 0}，合计 {big(row.params)}",
                        f"weights {big(wts)}, bias {b if spec.bias else 0}, total "
                        f"{big(row.params)}"))
    mistakes = [Mistake(Bi("忘了 bias", "forgot the bias"), answer.like([no_b])) if spec.bias else
                Mistake(Bi("bias=False 却算了 bias", "counted a bias although bias=False"),
                        answer.like([with_b]))]
    if isinstance(spec, Conv) and groups > 1:
        mistakes.append(Mistake(Bi("忽略了 groups", "ignored groups"), answer.like(
            [conv2d_params(row.in_shape[0], spec.out_channels, spec.kernel, 1, spec.bias)])))
    return Problem(prompt, answer, solution, tuple(mistakes))


def _layer_macs(rng: np.random.Generator, name: str) -> Problem:
    spec, row = _pick_layer(rng, name)
    while isinstance(spec, Linear):
        spec, row = _pick_layer(rng, name)
    answer = integer(row.macs, unit="MACs", approx=True)
    desc, src = _describe(spec, row), _source(name)
    prompt = Bi(f"{src.zh}（输入 224×224）中的 `{spec.name}` 层是 {desc.zh}。它处理一张图要多少 "
                "MACs（乘加次数，不计 bias）？",
                f"In {src.en} with a 224×224 input, layer `{spec.name}` is {desc.en}. How many "
                "MACs (multiply-accumulates, bias not counted) does it take per image?")
    c, h, w = row.out_shape
    solution = steps(Bi(f"输出 {row.out_shape}；MACs = {c}·{h}·{w}·({row.in_shape[0]}/"
                        f"{spec.groups})·"
                        f"{spec.kernel}² = {big(row.macs)}",
                        f"output {row.out_shape}; MACs = {c}·{h}·{w}·({row.in_shape[0]}/"
                        f"{spec.groups})·{spec.kernel}² = {big(row.macs)}"))
    mistakes = [Mistake(Bi("按 FLOPs = 2·MACs 算了", "reported FLOPs = 2·MACs"),
                        answer.like([2 * row.macs]))]
    if row.in_shape[1] != h:
        mistakes.append(Mistake(Bi("用了输入尺寸而不是输"
                                   "出尺寸", "used the input size, not the output"),
                                answer.like([conv2d_macs(row.in_shape[0], c, spec.kernel,
                                                         row.in_shape[1], row.in_shape[2],
                                                         spec.groups)])))
    if spec.groups > 1:
        mistakes.append(Mistake(Bi("忽略了 groups", "ignored groups"), answer.like(
            [conv2d_macs(row.in_shape[0], c, spec.kernel, h, w)])))
    return Problem(prompt, answer, solution, tuple(mistakes))


def _network(rng: np.random.Generator, name: str) -> Problem:
    classes = pick(rng, (2, 10, 20, 21, 37, 100, 101, 102, 200, 365))
    base, total = _params(name), _params(name, classes)
    fc = [r for r in _breakdown(name) if r.kind == "linear"][-1]
    feats = fc.in_shape[0]
    answer = integer(total, unit="params")  # exact: the change is a few thousand weights
    src = _source(name)
    prompt = Bi(f"{src.zh}（1000 类）有 {big(base)} 个参数。把它改成 num_classes={classes}（只替换"
                "最后的全连接层，带 bias），参数量是多少？",
                f"{src.en[0].upper()}{src.en[1:]} (1000 classes) has {big(base)} parameters. "
                f"With num_classes={classes} (only the last fully connected layer, with bias, "
                "changes), how many parameters does it have?")
    solution = steps(Bi(f"最后一层：{feats}·1000 + 1000 → {feats}·{classes} + {classes}",
                        f"last layer: {feats}·1000 + 1000 → {feats}·{classes} + {classes}"),
                     Bi(f"{big(base)} − {big(feats * 1000 + 1000)} + "
                        f"{big(feats * classes + classes)}"
                        f" = {big(total)}",
                        f"{big(base)} − {big(feats * 1000 + 1000)} + "
                        f"{big(feats * classes + classes)}"
                        f" = {big(total)}"))
    mistakes = [
        Mistake(Bi("没改 bias 的个数", "did not change the number of biases"),
                answer.like([total + 1000 - classes])),
        Mistake(Bi("只减去了旧的全连接层，没加新的", "removed the old classifier but did not add "
                   "the new one"), answer.like([base - feats * 1000 - 1000])),
    ]
    return Problem(prompt, answer, solution, tuple(mistakes))


def build(rng: np.random.Generator, difficulty: int) -> Problem:
    name = pick(rng, NAMES)
    if difficulty == 1:
        return _layer_params(rng, name)
    if difficulty == 2:
        return _layer_macs(rng, name)
    return _network(rng, name)


KIND = KindDef("arch-params", "architectures", Bi("经典网络的参数量与计算量",
               "Parameters of a named architecture"), "integer", build)
