"""The corrections of issues 14 and 24's reviews stay made.

Each row names a note, a statement the review found wrong or misleading (it must not come back)
and the corrected statement (it must stay). New numbers the corrections introduced are claims,
checked like every other number of the built-in notes.
"""

from __future__ import annotations

import numpy as np
import pytest

import engine
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
    # issue 24
    ("148", "即损失的下界", "不是下界"),
    ("148", "越不均匀越大", r"$N\sum f_iP_i$ 能小于 1"),
    ("162", "不改变它们的相对大小", "大的 logit 被压得更多，logit 之间的差距随之缩小"),
    ("162", "把三个 logit 一起往下推", "最大的推得最多"),
    ("165", r"输出层 logits 乘以 $1/\text{width\_mult}$（或初始化方差按 $1/\text{fan\_in}^2$）",
     r"同时输出层学习率也按 $1/\text{fan\_in}$ 缩放"),
    ("128", "负半轴输出和梯度很小但不为 0", "更负时为负"),
    # blind review of notes 190–265 (review1)
    ("196", "晚交互（late interaction）表达力有限",
     "区别于 ColBERT 那种 token 级的 late interaction"),
    ("263", "模型对热门物品的打分系统性偏高", "系统性高估正交互的概率"),
    ("205", "还要求新邻居比已选邻居更靠近当前点", "候选离当前点比离任何已选邻居都近"),
    ("250", "它对 $w$ 是凸函数，有唯一的全局最优", "局部最优就是全局最优"),
    ("251", "CatBoost 用有序提升处理类别特征的目标泄漏", "CatBoost 用有序目标统计编码类别特征"),
    ("224", '成为"动态注意力"，参数量不变', "时间复杂度与 GAT 同阶"),
    ("259", "所有正则图在 WL 下都一样", "节点数相同、度也相同的正则图"),
    ("222", "令两个参数相等", r"$\theta=\theta_0'=-\theta_1'$"),
    ("253", "所以两者给出的模型排序相同，但", "对多类或多图取平均后"),
    # blind review of notes 225–265
    ("128", "集中在零点附近", r"集中在导数的零点 $x\approx-0.75$ 附近"),
    ("225", "RLHF/GRPO 就是以序列的", "PPO 用价值网络和 GAE 给每个 token 估一个优势"),
    ("230", "bf16 只有 8 位尾数", "bf16 只有 7 位尾数"),
    ("231", "切的是注意力本身的序列维", "把按序列切换成按头切"),
    ("233", "再加 bf16 权重为 98 GB", "若另存一份 bf16 权重"),
    ("234", None, "逐元素加法其实不走 Tensor Core"),
    ("247", "把其中一个梯度投影到另一个梯度的法平面上",
     "把每个任务的梯度投影到与它冲突的那个梯度的法平面上"),
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


def switch_counter_example(eps: float) -> float:
    """N·Σ f_i·P_i for N = 2 and three tokens, f_i counted by argmax as Switch does."""
    probs = np.array([[0.5 + eps, 0.5 - eps], [0.5 + eps, 0.5 - eps], [0.0, 1.0]])
    f = np.bincount(probs.argmax(axis=1), minlength=2) / len(probs)
    return 2 * float(f @ probs.mean(axis=0))


def z_loss(logits: np.ndarray, alpha: float = 1e-4) -> float:
    log_z = float(logits[0] - engine.log_softmax(logits)[0])
    return alpha * log_z**2


def z_loss_step_gap(logits: list[float], lr: float = 1.0, h: float = 1e-6) -> float:
    """z_0 − z_2 after one gradient step on the z-loss alone, the gradient by central
    differences (not by the 2α·log Z·p formula the note states)."""
    z = np.array(logits, float)
    grad = np.array([(z_loss(z + h * e) - z_loss(z - h * e)) / (2 * h) for e in np.eye(len(z))])
    stepped = z - lr * grad
    return float(stepped[0] - stepped[2])


def gelu_zero_of_derivative() -> float:
    """The negative root of GELU'(x) = Φ(x) + x·φ(x), by bisection on the engine's derivative."""
    lo, hi = -2.0, 0.0  # GELU'(-2) < 0 < GELU'(0) = 0.5
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if engine.activation_grad("gelu", [mid])[0] < 0 else (lo, mid)
    return (lo + hi) / 2


CLAIMS = [
    Claim("148", r"取 $\varepsilon=0.01$ 时为 0.8933", lambda: switch_counter_example(0.01),
          at=(-1,)),
    Claim("162", r"$z_0-z_2$ 从 2 变成 1.9963",
          lambda: (2.0, z_loss_step_gap([32.0, 31.0, 30.0])), at=(-2, -1)),
    Claim("128", r"在 $x\approx-0.7518$ 处为 0", gelu_zero_of_derivative, at=(0,)),
    Claim("128", r"导数的零点 $x\approx-0.75$", gelu_zero_of_derivative),
    Claim("128", r"在 $x=-\sqrt2$ 处最小，约 $-0.1289$",
          lambda: float(engine.activation_grad("gelu", [-np.sqrt(2)])[0]), at=(-1,)),
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


@pytest.mark.parametrize("eps", [0.001, 0.01, 0.1, 0.24])
def test_switch_loss_falls_below_its_uniform_value(eps: float) -> None:
    """Note 148's counter-example: N·Σ f_i·P_i = (8 + 4ε)/9, below 1 whenever 0 < ε < 1/4."""
    assert switch_counter_example(eps) == pytest.approx((8 + 4 * eps) / 9)
    assert switch_counter_example(eps) < 1


def test_gelu_derivative_is_negative_below_its_root() -> None:
    root = gelu_zero_of_derivative()
    below = engine.activation_grad("gelu", np.linspace(-6.0, root - 1e-3, 200))
    above = engine.activation_grad("gelu", np.linspace(root + 1e-3, 0.0, 200))
    assert (below < 0).all() and (above > 0).all()
    # the minimum sits where GELU'' = φ(x)(2 − x²) vanishes, x = −√2
    xs = np.linspace(-6.0, 0.0, 600_001)
    assert xs[engine.activation_grad("gelu", xs).argmin()] == pytest.approx(-np.sqrt(2), abs=1e-4)


def test_mup_output_forms_are_equivalent_only_with_the_learning_rate() -> None:
    """Note 165: logits·(1/n) with init var 1/n and Adam lr η give the same function after an
    Adam step as init var 1/n² with lr η/n; init var 1/n² with lr η does not."""
    n, lr = 256, 0.01
    rng = np.random.default_rng(0)
    w, x = rng.normal(0, n**-0.5, (4, n)), rng.normal(0, 1, n)
    upstream = rng.normal(0, 1, 4)  # dL/dlogits
    grad_eff = np.outer(upstream, x)  # dL/dW for the effective weight W_eff = W/n

    def logits_after(w0: np.ndarray, mult: float, step_lr: float) -> np.ndarray:
        w1 = engine.Adam(lr=step_lr, eps=1e-12).step(w0, mult * grad_eff)
        return np.asarray(mult * w1 @ x)

    multiplier = logits_after(w, 1 / n, lr)
    table3 = logits_after(w / n, 1.0, lr / n)
    init_only = logits_after(w / n, 1.0, lr)
    assert np.allclose(multiplier, table3, rtol=1e-6)
    assert not np.allclose(multiplier, init_only, rtol=1e-2)


@pytest.mark.parametrize("claim", CLAIMS, ids=claim_ids(CLAIMS))
def test_claim(claim: Claim) -> None:
    check(claim)
