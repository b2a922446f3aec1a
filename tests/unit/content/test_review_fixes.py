"""The corrections of issue 14's review stay made.

Each row names a note, a statement the review found wrong or misleading (it must not come back)
and the corrected statement (it must stay). New numbers the corrections introduced are claims,
checked like every other number of the built-in notes.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlquiz.notes.parser import read_notes_file
from engine.arch import count_macs
from tests.unit.content.claims import CONTENT_DIR, Claim, answers, check, claim_ids

# (note, stale statement or None, corrected statement)
FIXES: list[tuple[str, str | None, str]] = [
    ("017", "只用于输出层", "MoE 的门控也用 softmax"),
    ("074", "但无法用 BN", "(1, C, H, W) 能训练"),
    ("015", "更接近带动量的 SGD", "学习率约为 η/ε 的普通 SGD"),
    ("084", None, "带 ½ 的均方误差"),
    ("013", r"半径与 $\eta$ 成正比", r"距离是 $O(\sqrt\eta)$"),
    ("076", "学习率（和 schedule）> batch size/训练时长",
     "batch size 不应当作为提升验证集表现的超参数来调"),
    ("064", "BN/GN/IN 的 affine 参数是每通道一对",
     "默认 `affine=False`、`track_running_stats=False`"),
    ("063", "‖v‖ 在训练中只增不减", "不带 weight decay 的普通 SGD"),
    ("063", "当时 PixelCNN", "DRAW 和 DQN"),
    ("042", "用给不同类加坐标偏移的技巧一次完成", "改为逐类循环做 NMS"),
    ("066", "Transformer 常用 0.1", "很多现代 LLM 预训练不用 dropout"),
    ("001", "梯度期望相同", "先除以 4 再 backward"),
    ("065", "数值溢出", "风险是下溢而不是溢出"),
    ("099", r"计算量按 $N^2$ 增长", "而不是 16 倍"),
    ("106", "小模型的 loss 被高估，且拟合范围偏小", "arXiv 2406.19146"),
    ("106", "如 LLaMA 7B 用 1T token", "Llama 3 8B 用约 15T token"),
    ("111", "必须是 fp32", "BF16 存 AdamW 的一、二阶矩"),
    ("094", "每 token 计算量不变", "加上路由器"),
    ("102", r"收益主要在长序列（$n^2$ 项大）", "端到端训练比 MLPerf 1.1 纪录快 15%"),
    ("114", "低比特浮点（fp8、NF4）", "NF4（NormalFloat4）不是浮点格式"),
    ("114", "针对正态分布权重设计的分位数数据类型", "16 个取值的码本"),
    ("089", "某一行全被屏蔽时 softmax 得到 NaN", "从 PyTorch 2.5 起对这种行输出 0"),
    ("117", "显存随卡数线性下降", "`reshard_after_forward=True`"),
    ("117", None, "与卡数成反比"),
    ("091", r"**无参数**：$\theta_i = 10000^{-2i/d}$", "Llama 3 取 500,000"),
    ("091", None, r"`rotate_half` 把 $(x_i,x_{i+d/2})$ 配成一对"),
    ("086", "softmax 变得过于平坦，注意力区分不出重点", r"μP 改用 $1/d_k$ 缩放"),
    ("120", "前期下降慢，末期下降慢", "两端慢、中段快"),
    ("125", r"均匀初始化时交叉熵应约为 $\ln C$", "初始预测接近均匀分布时"),
    ("103", "被遮住的 15%", "被选中的 15%"),
    ("087", r"只把显存降到 $O(n)$", "主要收益是大幅减少 HBM 读写"),
    ("021", "每个 stage 开头 stride 2 下采样", "conv2_x 的 stride 为 1"),
    ("081", "shortcut 的 Add 属于 G4", "depthwise 卷积和 ReLU 违反 G4"),
    ("081", None, "MAC 指 memory access cost"),
    ("034", "$x = -2$", "$x = 2$"),
    ("051", "FLOPs 不大", "约 8.4G 次乘加"),
    ("077", "在 4 个方向上交替做非对称 padding", "把通道分成 4 组"),
    ("077", "等价于 2×2、stride 2 的卷积", "LayerNorm → Linear 到 2C"),
    ("080", None, "论文的 FLOPs 实为乘加次数"),
    ("082", None, "论文的 FLOPs 实为乘加次数"),
    ("049", "v1 的分组卷积违反了 v2 的哪条准则", "四条都违反"),
    ("049", None, "MAC 是 memory access cost"),
    ("070", None, r"$D_l\,(I+\partial F/\partial x_l)$"),
    ("028", "或改用插值 + 卷积、PixelShuffle", "减轻而不能根除"),
    ("028", None, r"$H_{in}=4$，k=4、s=2、p=1"),
    ("020", "A–E 五种配置", "A、A-LRN、B、C、D、E 六列配置"),
    ("020", "逐 stage 翻倍", "最后一个保持 512"),
    ("020", "三个 FC 层都是", "三个 FC 层合计都是"),
    ("043", "特征越稀疏、窗口越小，max 越有利", "两者的共同作用"),
    ("073", None, "PyTorch 的量化开发已集中到 torchao"),
    ("040", "降维减算", "降低分辨率、减少计算"),
    ("040", "2×2 max（一维", "一维 max pooling（k=2、s=2）"),
]

# References the review asked for: note → URL it must cite.
ADDED_REFERENCES = [
    ("073", "https://docs.pytorch.org/ao/stable/index.html"),
    ("106", "https://arxiv.org/abs/2406.19146"),
    ("106", "https://arxiv.org/abs/2406.12907"),
    ("089", "https://github.com/pytorch/pytorch/pull/133882"),
    ("117", "https://pytorch.org/docs/stable/distributed.fsdp.fully_shard.html"),
]

# Title typos fixed in the built-in deck (the user's file keeps its own spelling).
STALE_TITLE_WORDS = ("边框回顾", "降采用", "shotcut", "deconvlution", "Depth separable")


def _xception_macs() -> int:
    """Conv + FC multiply-adds of Xception at 299×299 (Chollet 2017, Fig. 5), counted from
    the layer list: valid 3×3 stem convs, 'same' separable convs (depthwise 3×3 then 1×1),
    stride-2 1×1 shortcut projections, 3×3/s2 max pools, global pooling and a 1000-way FC."""
    def conv(c_in: int, c_out: int, k: int, side: int) -> int:
        return c_in * c_out * k * k * side * side

    def sep(c_in: int, c_out: int, side: int) -> int:
        return c_in * 9 * side * side + c_in * c_out * side * side

    entry = (conv(3, 32, 3, 149) + conv(32, 64, 3, 147)
             + conv(64, 128, 1, 74) + sep(64, 128, 147) + sep(128, 128, 147)
             + conv(128, 256, 1, 37) + sep(128, 256, 74) + sep(256, 256, 74)
             + conv(256, 728, 1, 19) + sep(256, 728, 37) + sep(728, 728, 37))
    middle = 8 * 3 * sep(728, 728, 19)
    exit_flow = (conv(728, 1024, 1, 10) + sep(728, 728, 19) + sep(728, 1024, 19)
                 + sep(1024, 1536, 10) + sep(1536, 2048, 10) + 2048 * 1000)
    return entry + middle + exit_flow


CLAIMS = [
    Claim("106", "LLaMA-1 7B 用 1T token（约 143 token/参数）", lambda: round(1e12 / 7e9),
          at=(-1,)),
    Claim("106", "Llama 3 8B 用约 15T token（按 8B 计约 1,875 token/参数）",
          lambda: 15e12 / 8e9, at=(-1,)),
    Claim("051", "299×299 输入下约 8.4G 次乘加，约为 ResNet-50（224×224，4.1G）的 2 倍",
          lambda: (_xception_macs() / 1e9, count_macs("resnet50") / 1e9,
                   round(_xception_macs() / count_macs("resnet50"))), at=(2, -2, -1)),
    # torchvision switches to the per-class loop above these numel() values; 4 numbers a box
    Claim("042", "`boxes.numel()` 在 CPU 上超过 4000、GPU 上超过 20000，即 1000 / 5000 个框",
          lambda: (4000 // 4, 20000 // 4), at=(-2, -1)),
    # fp16's smallest subnormal is 2^-24; 1e-12 rounds to zero in it
    Claim("065", "fp16 最小次正规数约 5.96e-8，1e-12 在 fp16 中就是 0",
          lambda: (float(np.finfo(np.float16).smallest_subnormal),
                   float(np.float16(1e-12))), at=(0, -1)),
]


@pytest.mark.parametrize(("note", "stale", "fixed"), FIXES,
                         ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(FIXES)])
def test_fixed_statement(note: str, stale: str | None, fixed: str) -> None:
    answer = answers()[note]
    if stale is not None:
        assert stale not in answer, f"note {note} says again: {stale!r}"
    assert fixed in answer, f"note {note} lost its correction: {fixed!r}"


def test_added_references() -> None:
    cited = {(n.number, r.url) for path in sorted(CONTENT_DIR.glob("*.md"))
             for n in read_notes_file(path).notes for r in n.references}
    assert [ref for ref in ADDED_REFERENCES if ref not in cited] == []


def test_no_title_keeps_a_fixed_typo() -> None:
    titles = [n.title for path in sorted(CONTENT_DIR.glob("*.md"))
              for n in read_notes_file(path).notes]
    assert [t for t in titles if any(w in t for w in STALE_TITLE_WORDS)] == []


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
