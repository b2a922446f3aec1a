"""Numbers in content/detection.md, checked against the engine (boxes, NMS, losses, shapes)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import engine
from engine import shapes
from tests.unit.content.claims import Claim, check, claim_ids

p = shapes.conv2d_params
lin = shapes.linear_params

# 027: proposal P centre (100, 100), 50 × 100; ground truth G centre (110, 90), 60 × 80 (xyxy).
P027 = [[75.0, 50.0, 125.0, 150.0]]
G027 = [[80.0, 50.0, 140.0, 130.0]]
TV_WEIGHTS = (10.0, 10.0, 5.0, 5.0)

# 042: four boxes A, B, C, D with scores 0.9, 0.8, 0.7, 0.6.
BOXES042 = [[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [5, 0, 15, 10]]
SCORES042 = [0.9, 0.8, 0.7, 0.6]


def iou042(i: int, j: int) -> float:
    return float(engine.box_iou([BOXES042[i]], [BOXES042[j]])[0, 0])


def nms042(threshold: float) -> str:
    kept = sorted(engine.nms(np.array(BOXES042, float), np.array(SCORES042), threshold))
    return "结果 " + "、".join("ABCD"[i] for i in kept)


def focal(p_fg: float, target: int) -> float:
    logit = math.log(p_fg / (1 - p_fg))
    return float(engine.sigmoid_focal_loss([logit], [float(target)])[0])


def bce(p_fg: float, target: int) -> float:
    logit = math.log(p_fg / (1 - p_fg))
    return float(engine.binary_cross_entropy_with_logits([logit], [float(target)])[0])


def fpn_level(side: int) -> int:
    return min(5, max(2, math.floor(4 + math.log2(side / 224))))


def fpn_anchors(image: int = 800) -> tuple[list[int], int]:
    sizes = [image // s for s in (4, 8, 16, 32)]
    sizes.append(shapes.pool_output_size(sizes[-1], 1, 2))
    return sizes, 3 * sum(s * s for s in sizes)


def bilinear(x: float, y: float, f: dict[tuple[int, int], float]) -> float:
    return sum(v * max(0.0, 1 - abs(x - i)) * max(0.0, 1 - abs(y - j)) for (i, j), v in f.items())


CLAIMS = [
    # 022 YOLO
    Claim("022", r"$7\times 7\times(2\cdot 5 + 20) = 7\times 7\times 30 = 1470$",
          lambda: (2 * 5 + 20, 7 * 7 * (2 * 5 + 20))),
    Claim("022", r"最多 $7\cdot 7\cdot 2 = 98$ 个框", lambda: 7 * 7 * 2),
    Claim("022", "$416/32 = 13$", lambda: shapes.conv_output_size(416, 32, 32)),
    Claim("022", r"每格 $5\cdot(5 + 20) = 125$ 个通道，输出 13×13×125 = 21,125 个数",
          lambda: (5 * (5 + 20), 13 * 13 * 5 * (5 + 20))),
    Claim("022", r"共 $13\cdot 13\cdot 5 = 845$ 个框", lambda: 13 * 13 * 5),
    Claim("022", r"每个尺度 $3\cdot(4 + 1 + 80) = 255$ 个通道", lambda: 3 * (4 + 1 + 80)),
    Claim("022", r"共 $(169 + 676 + 2704)\cdot 3 = 10{,}647$ 个框",
          lambda: 3 * sum(shapes.conv_output_size(416, s, s) ** 2 for s in (32, 16, 8))),
    # 023 R-CNN family
    Claim("023", r"$7\times 7\times 512 = 25{,}088$ 维", lambda: 7 * 7 * 512),
    Claim("023", r"$25{,}088\cdot 4096 + 4096 = 102{,}764{,}544$", lambda: lin(25088, 4096)),
    Claim("023", r"误差 $x = 0.5$ 时损失 $0.5\cdot 0.25 = 0.125$", lambda: 0.5 * 0.5**2),
    Claim("023", r"$x = 2$ 时损失 $2 - 0.5 = 1.5$", lambda: 2 - 0.5),
    # 027 box coder
    Claim("027", r"$t_x = 10/50 = 0.2$，$t_y = -10/100 = -0.1$",
          lambda: engine.encode_boxes(P027, G027)[0, :2], at=(2, 5)),
    Claim("027", r"$t_w = \log(60/50) = \log 1.2 \approx 0.1823$",
          lambda: engine.encode_boxes(P027, G027)[0, 2]),
    Claim("027", r"$t_h = \log 0.8 \approx -0.2231$",
          lambda: engine.encode_boxes(P027, G027)[0, 3]),
    Claim("027", r"$(2.0, -1.0, 0.9116, -1.1157)$",
          lambda: engine.encode_boxes(P027, G027, TV_WEIGHTS)[0]),
    Claim("027", r"$\log(1000/16) \approx 4.135$", lambda: math.log(1000 / 16)),
    Claim("027", r"$50 e^{0.1823} = 60$，$100 e^{-0.2231} = 80$",
          lambda: (lambda b: (b[2] - b[0], b[3] - b[1]))(
              engine.decode_boxes(P027, engine.encode_boxes(P027, G027))[0]), at=(2, 5)),
    Claim("027", r"$(32 + 64\cdot 0.5,\ 32 - 64\cdot 0.25) = (64, 16)$，宽 128、高 64",
          lambda: (lambda b: ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, b[2] - b[0], b[3] - b[1]))(
              engine.decode_boxes([[0, 0, 64, 64]], [[0.5, -0.25, math.log(2), 0]])[0])),
    # 030 focal loss
    Claim("030", r"CE $= -\ln 0.9 \approx 0.10536$", lambda: bce(0.1, 0)),
    Claim("030", r"FL $= 0.75\cdot 0.1^2\cdot 0.10536 \approx 0.00079$，约为 CE 的 1/133",
          lambda: (focal(0.1, 0), round(bce(0.1, 0) / focal(0.1, 0))), at=(4, 6)),
    Claim("030", r"CE $\approx 2.302585$", lambda: bce(0.1, 1)),
    Claim("030", r"FL $= 0.25\cdot 0.9^2\cdot 2.302585 \approx 0.46627$", lambda: focal(0.1, 1)),
    Claim("030", r"$-\log(0.99/0.01) \approx -4.595$", lambda: -math.log(0.99 / 0.01)),
    Claim("030", r"$80\cdot 9 = 720$ 个通道，回归头 $4\cdot 9 = 36$ 个", lambda: (80 * 9, 4 * 9),
          at=(2, 5)),
    # 031 FPN
    Claim("031", r"224×224 的 RoI → $k = 4$", lambda: fpn_level(224)),
    Claim("031", r"112×112 → $4 + \log_2 0.5 = 3$", lambda: fpn_level(112)),
    Claim("031", r"64×64 → $\lfloor 4 - 1.807 \rfloor = 2$",
          lambda: (-math.log2(64 / 224), fpn_level(64)), at=(-2, -1)),
    Claim("031", "P2–P5 为 200、100、50、25", lambda: fpn_anchors()[0][:4]),
    Claim("031", r"$\lfloor (25-1)/2 \rfloor + 1 = 13$", lambda: fpn_anchors()[0][4]),
    Claim("031", r"$3\cdot(200^2 + 100^2 + 50^2 + 25^2 + 13^2) = 3\cdot 53{,}294 = 159{,}882$",
          lambda: (fpn_anchors()[1] // 3, fpn_anchors()[1])),
    # 038 RPN
    Claim("038", r"anchor 数 $60\cdot 40\cdot 9 = 21{,}600$", lambda: 60 * 40 * 9),
    Claim("038", r"每个位置输出 $2\cdot 9 = 18$ 个分数、$4\cdot 9 = 36$ 个坐标",
          lambda: (2 * 9, 4 * 9), at=(2, 5)),
    Claim("038", r"$512\cdot 512\cdot 9 + 512 = 2{,}359{,}808$", lambda: p(512, 512, 3)),
    Claim("038", r"分类层 $512\cdot 18 + 18 = 9{,}234$", lambda: p(512, 18, 1)),
    Claim("038", r"回归层 $512\cdot 36 + 36 = 18{,}468$", lambda: p(512, 36, 1)),
    Claim("038", r"$512\cdot(4+2)\cdot 9 = 27{,}648$",
          lambda: p(512, 18, 1, bias=False) + p(512, 36, 1, bias=False)),
    # 039 RoI pooling / align
    Claim("039", "$665/32 = 20.78$", lambda: 665 / 32),
    Claim("039", "丢掉 0.78 个特征格（约 25 个原图像素）",
          lambda: (665 / 32 - 665 // 32, round((665 / 32 - 665 // 32) * 32))),
    Claim("039", r"$20/7 \approx 2.86$", lambda: 20 / 7),
    Claim("039", "20.78/7 ≈ 2.97", lambda: 665 / 32 / 7),
    Claim("039", r"= 2.25$",
          lambda: bilinear(0.25, 0.5, {(0, 0): 1, (1, 0): 2, (0, 1): 3, (1, 1): 4})),
    # 042 NMS
    Claim("042", r"交集 $9\times 9 = 81$，并集 $100 + 100 - 81 = 119$，约 0.6807",
          lambda: iou042(0, 1)),
    Claim("042", "IoU(A,D)：交集 50，并集 150，约 0.3333", lambda: iou042(0, 3)),
    Claim("042", r"IoU(B,D)：交集 $6\times 9 = 54$，并集 146，约 0.3699", lambda: iou042(1, 3)),
    Claim("042", "结果 A、C、D", lambda: nms042(0.5)),
    Claim("042", "结果 A、C。", lambda: nms042(0.3)),
    Claim("042", "阈值 0.7：全部保留", lambda: "全部保留" if len(nms042(0.7)) == 10 else "?"),]


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
