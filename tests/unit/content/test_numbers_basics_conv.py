"""Numbers in content/basics.md and content/convolution.md, checked against the engine."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

import engine
from engine import shapes
from engine.arch import count_macs, count_params
from tests.unit.content.claims import Claim, ceil_div, check, claim_ids

IMAGENET = 1281167
SELU_LAMBDA, SELU_ALPHA = 1.0507009873554805, 1.6732632423543772


def act(name: str, x: float) -> float:
    return float(engine.activation(name, [x])[0])


def grad(name: str, x: float) -> float:
    return float(engine.activation_grad(name, [x])[0])


def vgg16_rf() -> list[shapes.RFInfo]:
    """Receptive fields after every layer of VGG-16's feature extractor (3×3 convs, 2×2 pools)."""
    conv, pool = (3, 1, 1, 1), (2, 2, 0, 1)
    layers = []
    for n in (2, 2, 3, 3, 3):
        layers += [conv] * n + [pool]
    return shapes.receptive_field(layers)


VGG_RF = {"pool1": 2, "pool2": 5, "pool3": 9, "pool4": 13, "pool5": 17}  # layer indices


def rf_sizes(lo: int, hi: int) -> list[int]:
    return [info.size for info in vgg16_rf()[lo:hi]]


def conv_x(x: Sequence[Sequence[float]], w: Sequence[Sequence[float]]) -> np.ndarray:
    x4, w4 = np.array(x, float)[None, None], np.array(w, float)[None, None]
    y: np.ndarray = engine.conv2d(x4, w4)[0, 0]
    return y


X004 = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
W004 = [[1, 0], [-1, 2]]
G004 = [[1, 2], [0, -1]]


def backward004() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    a = np.array
    return engine.conv2d_backward(a(X004, float)[None, None], a(W004, float)[None, None],
                                  a(G004, float)[None, None])


def cosine_lr(t: int, total: int = 100, lr_max: float = 0.1) -> float:
    return 0.5 * lr_max * (1 + math.cos(math.pi * t / total))


def soft_threshold(u: float, thr: float) -> float:
    return math.copysign(max(abs(u) - thr, 0.0), u)


def igc_params(channels: int, groups_l: int, per_group_m: int) -> int:
    """Primary 3×3 group conv (L groups) plus secondary 1×1 group conv (M groups), no bias."""
    primary = shapes.conv2d_params(channels, channels, 3, groups=groups_l, bias=False)
    return primary + shapes.conv2d_params(channels, channels, 1, groups=per_group_m, bias=False)


def tconv_1d() -> np.ndarray:
    x = np.array([1.0, 2.0]).reshape(1, 1, 1, 2)
    w = np.ones((1, 1, 1, 3))
    y: np.ndarray = engine.conv_transpose2d(x, w, stride=(1, 2))[0, 0, 0]
    return y


def deeplab_os16(size: int) -> int:
    """ResNet stem (7×7 s2 p3, 3×3 max-pool s2 p1), then two stride-2 3×3 convs."""
    size = shapes.conv_output_size(size, 7, 2, 3)
    size = shapes.pool_output_size(size, 3, 2, 1)
    for _ in range(2):
        size = shapes.conv_output_size(size, 3, 2, 1)
    return size


p3 = shapes.conv2d_params
C256 = 256

CLAIMS = [
    # 001 epoch / iteration / batch size
    Claim("001", r"$\lceil 50000/128 \rceil = 391$", lambda: ceil_div(50000, 128)),
    Claim("001", r"$50000-390\times128=80$", lambda: 50000 - (ceil_div(50000, 128) - 1) * 128),
    Claim("001", r"$\lfloor 50000/128\rfloor = 390$", lambda: 50000 // 128),
    Claim("001", r"$391\times200=78200$", lambda: ceil_div(50000, 128) * 200),
    Claim("001", r"$\lceil 1281167/256\rceil = 5005$", lambda: ceil_div(IMAGENET, 256)),
    Claim("001", r"$5005\times90=450450$", lambda: ceil_div(IMAGENET, 256) * 90),
    Claim("001", r"$\lceil 1281167/8\rceil=160146$", lambda: ceil_div(IMAGENET, 8)),
    Claim("001", r"$\lceil 160146/32\rceil=5005$", lambda: ceil_div(ceil_div(IMAGENET, 8), 32)),
    # 002 CNN vs fully connected
    Claim("002", r"$64\times3\times3\times3+64=1792$", lambda: p3(3, 64, 3)),
    Claim("002", r"$3072\times65536=201326592$",
          lambda: shapes.linear_params(32 * 32 * 3, 32 * 32 * 64, bias=False)),
    Claim("002", "约是卷积的 11 万倍",
          lambda: round(shapes.linear_params(3072, 65536, bias=False) / p3(3, 64, 3) / 1e4)),
    # 017 activations
    Claim("017", r"$\sigma(0)=0.5$", lambda: act("sigmoid", 0)),
    Claim("017", r"$\sigma'(0)=0.25$", lambda: grad("sigmoid", 0)),
    Claim("017", r"$\sigma(2)=0.880797$", lambda: act("sigmoid", 2)),
    Claim("017", r"$\sigma'(2)=0.104994$", lambda: grad("sigmoid", 2)),
    Claim("017", r"$\tanh(1)=0.761594$", lambda: act("tanh", 1)),
    Claim("017", r"$\tanh'(1)=0.419974$", lambda: grad("tanh", 1)),
    Claim("017", r"$\mathrm{GELU}(1)=\Phi(1)=0.841345$", lambda: act("gelu", 1)),
    Claim("017", r"$\mathrm{SiLU}(1)=\sigma(1)=0.731059$", lambda: act("silu", 1)),
    Claim("017", r"$\sigma(1)(1+1\cdot(1-\sigma(1)))=0.927671$", lambda: grad("silu", 1)),
    Claim("017", r"$0.25^5=0.0009765625$", lambda: grad("sigmoid", 0) ** 5),
    # 018 ReLU variants at x = -2 (value / derivative)
    Claim("018", "Leaky ReLU(α=0.01)：−0.02 / 0.01",
          lambda: (float(engine.leaky_relu([-2.0])[0]), grad("leaky_relu", -2))),
    Claim("018", "PReLU(α=0.25)：−0.5 / 0.25",
          lambda: (float(engine.leaky_relu([-2.0], 0.25)[0]),
                   float(engine.leaky_relu([-2.0], 0.25)[0]) / -2)),
    Claim("018", r"$e^{-2}-1=-0.864665$ / $e^{-2}=0.135335$",
          lambda: (act("elu", -2), grad("elu", -2)), at=(2, 4)),
    Claim("018", r"$\lambda\alpha(e^{-2}-1)=-1.520166$",
          lambda: SELU_LAMBDA * float(engine.elu([-2.0], SELU_ALPHA)[0])),
    Claim("018", r"$\lambda\alpha e^{-2}=0.237933$",
          lambda: SELU_LAMBDA * SELU_ALPHA * grad("elu", -2)),
    Claim("018", r"$-2\,\Phi(-2)=-0.045500$", lambda: act("gelu", -2)),
    Claim("018", r"$-2\cdot\mathrm{ReLU6}(1)/6=-0.333333$",
          lambda: -2 * min(float(engine.relu([-2.0 + 3])[0]), 6.0) / 6),
    # 067 learning-rate schedules
    Claim("067", r"$0.05\,(1+\cos(\pi/4))=0.085355$", lambda: cosine_lr(25)),
    Claim("067", "t=50 时 0.05", lambda: cosine_lr(50)),
    Claim("067", "t=75 时 0.014645", lambda: cosine_lr(75)),
    Claim("067", r"$0.1\times8192/256=3.2$", lambda: 0.1 * 8192 / 256),
    Claim("067", r"$\lceil1281167/8192\rceil=157$", lambda: ceil_div(IMAGENET, 8192)),
    Claim("067", r"$157\times5=785$", lambda: ceil_div(IMAGENET, 8192) * 5),
    # 068 depth vs width
    Claim("068", r"$64\times64\times9=36864$", lambda: p3(64, 64, 3, bias=False)),
    Claim("068", r"$128\times128\times9=147456$", lambda: p3(128, 128, 3, bias=False)),
    Claim("068", r"$2\times36864=73728$", lambda: 2 * p3(64, 64, 3, bias=False)),
    Claim("068", r"\approx1.92", lambda: round(1.2 * 1.1**2 * 1.15**2, 2)),
    # 074 batch size
    Claim("074", r"$0.1\times1024/256=0.4$", lambda: 0.1 * 1024 / 256),
    Claim("074", r"$\lceil1281167/1024\rceil=1252$", lambda: ceil_div(IMAGENET, 1024)),
    Claim("074", "学习率 3.2，每个 epoch 157 步",
          lambda: (0.1 * 8192 / 256, ceil_div(IMAGENET, 8192))),
    # 078 L1: proximal step vs sub-gradient step, threshold 0.1 × 0.5
    Claim("078", r"$u=0.03\to0$", lambda: soft_threshold(0.03, 0.1 * 0.5)),
    Claim("078", r"$u=-0.2\to-0.15$", lambda: soft_threshold(-0.2, 0.1 * 0.5)),
    Claim("078", r"$0.03-0.05\times\mathrm{sign}(0.03)=-0.02$", lambda: 0.03 - 0.05),
    # 003 convolution
    Claim("003", r"完整输出为 $\begin{bmatrix}0&2\\-1&-1\end{bmatrix}$",
          lambda: conv_x([[1, 2, 0, 1], [0, 1, 3, 1], [2, 1, 0, 0], [1, 0, 1, 2]],
                         [[1, 0, -1]] * 3)),
    Claim("003", r"$\lfloor(224+6-7)/2\rfloor+1=112$",
          lambda: shapes.conv_output_size(224, 7, 2, 3)),
    Claim("003", r"$64\times3\times7\times7=9408$", lambda: p3(3, 64, 7, bias=False)),
    Claim("003", r"$\lfloor(7+2-3)/2\rfloor+1=4$", lambda: shapes.conv_output_size(7, 3, 2, 1)),
    # 004 convolution backward
    Claim("004", r"前向 $Y=\begin{bmatrix}7&9\\13&15\end{bmatrix}$", lambda: conv_x(X004, W004)),
    Claim("004", r"$\delta W=X\star\delta Y=\begin{bmatrix}0&2\\6&8\end{bmatrix}$",
          lambda: backward004()[1]),
    Claim("004", r"$\delta b=1+2+0-1=2$", lambda: backward004()[2]),
    Claim("004", r"\begin{bmatrix}1&2&0\\-1&-1&4\\0&1&-2\end{bmatrix}",
          lambda: backward004()[0]),
    # 005 params and FLOPs
    Claim("005", r"$64\times3\times49=9408$", lambda: p3(3, 64, 7, bias=False)),
    Claim("005", r"$64\times112\times112\times3\times49=118013952",
          lambda: shapes.conv2d_macs(3, 64, 7, 112, 112)),
    Claim("005", r"118013952\approx0.118",
          lambda: shapes.conv2d_macs(3, 64, 7, 112, 112) / 1e9),
    Claim("005", "FLOPs 约 236027904",
          lambda: shapes.flops_from_macs(shapes.conv2d_macs(3, 64, 7, 112, 112), "2mac")),
    Claim("005", r"$64\times27+64=1792$", lambda: p3(3, 64, 3)),
    Claim("005", r"$64\times224\times224\times27=86704128$",
          lambda: shapes.conv2d_macs(3, 64, 3, 224, 224)),
    Claim("005", r"$25088\times4096+4096=102764544$",
          lambda: shapes.linear_params(512 * 7 * 7, 4096)),
    Claim("005", "占全网 138,357,544 的约 74%",
          lambda: (count_params("vgg16"),
                   round(100 * shapes.linear_params(25088, 4096) / count_params("vgg16")))),
    Claim("005", "fc6 一层约 1.03 亿", lambda: shapes.linear_params(25088, 4096) / 1e8),
    Claim("005", "ResNet-50 参数 25,557,032、4.09 GMACs",
          lambda: (count_params("resnet50"), count_macs("resnet50") / 1e9)),
    Claim("005", "VGG-16 参数 138,357,544、15.47 GMACs",
          lambda: (count_params("vgg16"), count_macs("vgg16") / 1e9)),
    # 008 receptive field recurrence
    Claim("008", r"block1：$1\to3\to5$，pool1：$5+1\times1=6$",
          lambda: [1, *rf_sizes(0, 3)], at=(0, 1, 2, -1)),
    Claim("008", r"block2：$6+2\times2=10\to14$，pool2：16", lambda: rf_sizes(3, 6)),
    Claim("008", r"block3：$24\to32\to40$，pool3：44", lambda: rf_sizes(6, 10)),
    Claim("008", r"block4：$60\to76\to92$，pool4：100，$j=16$",
          lambda: [*rf_sizes(10, 14), vgg16_rf()[VGG_RF["pool4"]].jump]),
    Claim("008", r"block5：$132\to164\to196$", lambda: rf_sizes(14, 17)),
    Claim("008", r"pool5：212，$j=32$",
          lambda: (vgg16_rf()[VGG_RF["pool5"]].size, vgg16_rf()[VGG_RF["pool5"]].jump)),
    Claim("008", r"conv 7×7 s2 p3 → $r=7$，$j=2$",
          lambda: (shapes.receptive_field([(7, 2, 3, 1)])[0].size,
                   shapes.receptive_field([(7, 2, 3, 1)])[0].jump)),
    Claim("008", r"$r=7+2\times2=11$，$j=4$",
          lambda: (shapes.receptive_field([(7, 2, 3, 1), (3, 2, 1, 1)])[1].size,
                   shapes.receptive_field([(7, 2, 3, 1), (3, 2, 1, 1)])[1].jump)),
    Claim("008", r"$(2/2-1)\times2=0$",
          lambda: shapes.receptive_field([(7, 2, 3, 1), (3, 2, 1, 1)])[1].start),
    # 009 receptive field, stacked 3×3
    Claim("009", r"$1\to3\to5\to7$",
          lambda: [1] + [r.size for r in shapes.receptive_field([(3, 1, 1, 1)] * 3)]),
    Claim("009", r"$3\times9\times256^2=1769472$",
          lambda: 3 * p3(C256, C256, 3, bias=False)),
    Claim("009", r"$49\times256^2=3211264$", lambda: p3(C256, C256, 7, bias=False)),
    Claim("009", r"$27/49\approx0.55$",
          lambda: 3 * p3(C256, C256, 3, bias=False) / p3(C256, C256, 7, bias=False)),
    Claim("009", "conv5_3 理论感受野 196、pool5 为 212",
          lambda: (vgg16_rf()[16].size, vgg16_rf()[VGG_RF["pool5"]].size)),
    # 028 transposed convolution
    Claim("028", r"$(2-1)\cdot1+2+1=4$", lambda: shapes.conv_transpose_output_size(2, 3, 1, 0)),
    Claim("028", r"$H_{in}=4$，k=4、s=2、p=1：$(4-1)\times2-2+3+1=8$",
          lambda: shapes.conv_transpose_output_size(4, 4, 2, 1)),
    Claim("028", "$H_{in}=4$，k=3、s=2、p=1：不加 output_padding 得 7，加 `output_padding=1` 得 8",
          lambda: (shapes.conv_transpose_output_size(4, 3, 2, 1),
                   shapes.conv_transpose_output_size(4, 3, 2, 1, output_padding=1)),
          at=(4, -1)),
    Claim("028", r"$256\times128\times16+128=524416$", lambda: p3(256, 128, 4)),
    # 029 dilated convolution
    Claim("029", r"$k_{eff}=2\times2+1=5$", lambda: shapes.effective_kernel_size(3, 2)),
    Claim("029", r"$\lfloor(64+4-4-1)/1\rfloor+1=64$",
          lambda: shapes.conv_output_size(64, 3, 1, 2, 2)),
    Claim("029", "感受野按指数增长（3、7、15、31）",
          lambda: [r.size for r in shapes.receptive_field(
              [(3, 1, d, d) for d in (1, 2, 4, 8)])]),
    Claim("029", r"$7+2\times4=15$；再加一层 d=8 为 $15+16=31$",
          lambda: [r.size for r in shapes.receptive_field(
              [(3, 1, d, d) for d in (1, 2, 4, 8)])][2:], at=(3, -1)),
    # 045 group convolution
    Claim("045", r"$256\times256\times9=589824$", lambda: p3(C256, C256, 3, bias=False)),
    Claim("045", r"$8\times32\times32\times9=73728$",
          lambda: p3(C256, C256, 3, groups=8, bias=False)),
    Claim("045", r"$256\times1\times9=2304$", lambda: p3(C256, C256, 3, groups=256, bias=False)),
    Claim("045", r"$589824\times3136=1849688064$",
          lambda: shapes.conv2d_macs(C256, C256, 3, 56, 56)),
    Claim("045", r"$73728\times3136=231211008$",
          lambda: shapes.conv2d_macs(C256, C256, 3, 56, 56, groups=8)),
    Claim("045", "$C_{out}=256$ 时约为 0.115",
          lambda: (p3(C256, C256, 3, groups=C256, bias=False) + p3(C256, C256, 1, bias=False))
          / p3(C256, C256, 3, bias=False)),
    # 046 interleaved group convolutions, C = 64
    Claim("046", r"普通卷积：$64\times64\times9=36864$", lambda: p3(64, 64, 3, bias=False)),
    Claim("046", r"$32\times2\times2\times9+2\times32\times32=1152+2048=3200$",
          lambda: igc_params(64, 32, 2)),
    Claim("046", "L=16、M=4：$2304+1024=3328$", lambda: igc_params(64, 16, 4)),
    Claim("046", "$576+4096=4672$", lambda: igc_params(64, 64, 1)),
    # 047 atrous convolution
    Claim("047", "$k_{eff}$ 分别为 13、25、37",
          lambda: [shapes.effective_kernel_size(3, d) for d in (6, 12, 18)]),
    Claim("047", "特征图为 33×33", lambda: (deeplab_os16(513),) * 2),
    Claim("047", "两层 3×3、d=2：感受野 9",
          lambda: shapes.receptive_field([(3, 1, 2, 2)] * 2)[-1].size),
    Claim("047", r"感受野 $1+2+4+10=17$",
          lambda: shapes.receptive_field([(3, 1, d, d) for d in (1, 2, 5)])[-1].size),
    # 048 transposed convolution, worked
    Claim("048", r"$(2-1)\times2+3=5$，结果为 [1, 1, 3, 2, 2]",
          lambda: [len(tconv_1d()), *tconv_1d()]),
    Claim("048", r"$(3-1)\times2+3=7$", lambda: shapes.conv_transpose_output_size(3, 3, 2, 0)),
    Claim("048", r"$\lfloor(7+2-3)/2\rfloor+1=\lfloor(8+2-3)/2\rfloor+1=4$",
          lambda: shapes.conv_output_size(7, 3, 2, 1)),
    Claim("048", r"$\lfloor(7+2-3)/2\rfloor+1=\lfloor(8+2-3)/2\rfloor+1=4$",
          lambda: shapes.conv_output_size(8, 3, 2, 1)),
    Claim("048", "从 4 默认得到 7，设 `output_padding=1` 得到 8",
          lambda: (shapes.conv_transpose_output_size(4, 3, 2, 1),
                   shapes.conv_transpose_output_size(4, 3, 2, 1, output_padding=1)),
          at=(1, 3)),
    # 077 odd kernels
    Claim("077", r"\frac{18C^2}{25C^2}=0.72",
          lambda: 2 * p3(C256, C256, 3, bias=False) / p3(C256, C256, 5, bias=False)),
    Claim("077", r"\frac{27C^2}{49C^2}\approx0.55",
          lambda: 3 * p3(C256, C256, 3, bias=False) / p3(C256, C256, 7, bias=False)),
    Claim("077", "两个 3×3：1179648", lambda: 2 * p3(C256, C256, 3, bias=False)),
    Claim("077", r"$256\times256\times25=1638400$", lambda: p3(C256, C256, 5, bias=False)),
    Claim("077", "三个 3×3：1769472；一个 7×7：3211264",
          lambda: (3 * p3(C256, C256, 3, bias=False), p3(C256, C256, 7, bias=False)),
          at=(2, 5)),
    Claim("077", "k=3、p=1、s=1 → 32；k=5、p=0 → 28",
          lambda: (shapes.conv_output_size(32, 3, 1, 1), shapes.conv_output_size(32, 5, 1, 0)),
          at=(3, 6)),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
