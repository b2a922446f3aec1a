"""Expected answers recomputed independently from the prompt text, and known published values.

These read the numbers back out of the English prompt and redo the arithmetic by hand
(plain Python formulas, not the engine), so a prompt that disagrees with its answer fails.
"""

from __future__ import annotations

import math
import re

from engine.questions import generate
from engine.questions.answers.parse import parse_numbers, parse_single

SEEDS = range(40)


def grab(pattern: str, text: str, group: int = 1) -> str:
    """The group of the first match; fails the test when the prompt lacks the pattern."""
    m = re.search(pattern, text)
    assert m is not None, (pattern, text)
    return m.group(group)


def _ints(text: str) -> list[int]:
    return [int(v) for v in re.findall(r"-?\d+", text)]


def test_conv_output_shape_from_prompt() -> None:
    for d in (1, 2, 3):
        for seed in SEEDS:
            q = generate("conv-output-shape", d, seed, "en")
            n, _, h, w = _ints(grab(r"= \(([^)]*)\)", q.prompt))
            args = dict(re.findall(r"(\w+)=(\d+)", q.prompt))
            c_out = _ints(grab(r"Conv2d\(\d+, (\d+)", q.prompt))[0]
            k, s, p = int(args["kernel_size"]), int(args["stride"]), int(args["padding"])
            dil = int(args.get("dilation", 1))
            out = [(x + 2 * p - dil * (k - 1) - 1) // s + 1 for x in (h, w)]
            assert parse_numbers(q.expected_display) == (n, c_out, *out), q.id


def test_conv_params_from_prompt() -> None:
    for d in (1, 2, 3):
        for seed in SEEDS:
            q = generate("conv-params", d, seed, "en")
            c_in, c_out = _ints(grab(r"Conv2d\((\d+), (\d+)", q.prompt, 0))[1:]
            k = int(grab(r"kernel_size=(\d+)", q.prompt))
            g = int(grab(r"groups=(\d+)", q.prompt)) if "groups=" in q.prompt else 1
            bias = "bias=True" in q.prompt
            assert int(q.expected_display) == c_out * c_in // g * k * k + bias * c_out, q.id


def test_iterations_from_prompt() -> None:
    for d in (1, 2, 3):
        for seed in SEEDS:
            q = generate("iters-per-epoch", d, seed, "en")
            n = int(grab(r"(\d+) samples", q.prompt))
            b = int(grab(r"batch_size=(\d+)", q.prompt))
            drop = "drop_last=True" in q.prompt
            gpus = int(grab(r"on (\d+) GPUs", q.prompt)) if " GPUs" in q.prompt else 1
            epochs = int(grab(r"Over (\d+) epochs", q.prompt)) if "Over " in q.prompt else 1
            per_gpu = -(-n // gpus)
            per_epoch = per_gpu // b if drop else -(-per_gpu // b)
            assert int(q.expected_display) == per_epoch * epochs, q.id


def test_box_iou_from_prompt() -> None:
    for d in (1, 2):
        for seed in SEEDS:
            q = generate("box-iou", d, seed, "en")
            a, b = (tuple(_ints(t)) for t in re.findall(r"[AB] = \(([^)]*)\)", q.prompt))

            def area(x: tuple[int, ...]) -> int:
                return (x[2] - x[0]) * (x[3] - x[1])

            iw = max(0, min(a[2], b[2]) - max(a[0], b[0]))
            ih = max(0, min(a[3], b[3]) - max(a[1], b[1]))
            iou = iw * ih / (area(a) + area(b) - iw * ih)
            assert abs(parse_single(q.expected_display) - iou) <= 5e-5, q.id


def test_softmax_cross_entropy_loss_from_prompt() -> None:
    for seed in SEEDS:
        q = generate("softmax-cross-entropy", 1, seed, "en")
        logits = parse_numbers(grab(r"logits = (\[[^\]]*\])", q.prompt))
        t = int(grab(r"target class (\d+)", q.prompt))
        loss = math.log(sum(math.exp(z) for z in logits)) - logits[t]
        assert abs(parse_single(q.expected_display) - loss) <= 5e-5, q.id


def test_yolo_v1_output() -> None:
    for seed in SEEDS:
        q = generate("yolo-output", 1, seed, "en")
        s, b, c = _ints(grab(r"S=(\d+) grid, B=(\d+) boxes per cell and C=(\d+)",
                             q.prompt, 0))[:3]
        assert parse_numbers(q.expected_display) == (s, s, 5 * b + c), q.id


def _find(kind: str, difficulty: int, needle: str) -> str:
    for seed in range(2000):
        q = generate(kind, difficulty, seed, "en")
        if needle in q.prompt:
            return q.expected_display
    raise AssertionError(f"no {kind}/{difficulty} question mentions {needle!r}")


def test_published_architecture_numbers() -> None:
    # torchvision: VGG-16 has 138,357,544 parameters; a 10-class head: 4096·10 + 10.
    assert int(_find("arch-params", 3, "`vgg16` (1000 classes) has 138,357,544 parameters. "
                     "With num_classes=10 ")) == 138_357_544 - 4_097_000 + 40_970
    assert int(_find("arch-params", 3, "`resnet50` (1000 classes) has 25,557,032 parameters. "
                     "With num_classes=10 ")) == 25_557_032 - 2_049_000 + 20_490


def test_resnet50_layer2_first_block_by_hand() -> None:
    # layer2.0: 1×1 256→128, 3×3 128→128, 1×1 128→512, three BNs, 1×1 256→512 + BN shortcut.
    by_hand = (256 * 128 + 128 * 128 * 9 + 128 * 512 + 2 * (128 + 128 + 512)
               + 256 * 512 + 2 * 512)
    assert by_hand == 379_392
    assert int(_find("resnet-block-params", 3, "256 input channels")) == by_hand


def test_channel_shuffle_six_channels_two_groups() -> None:
    shown = _find("channel-shuffle", 1, "6 channels are numbered 0..5. Apply a channel shuffle "
                  "with groups=2 once")
    assert parse_numbers(shown) == (0, 3, 1, 4, 2, 5)


def _interleave(order: list[int], g: int) -> list[int]:
    """ShuffleNet's shuffle read as interleaving: the first channel of every group, then the
    second of every group, and so on."""
    size = len(order) // g
    groups = [order[i * size:(i + 1) * size] for i in range(g)]
    return [grp[j] for j in range(size) for grp in groups]


def test_channel_shuffle_from_prompt() -> None:
    for d in (1, 2, 3):
        for seed in SEEDS:
            q = generate("channel-shuffle", d, seed, "en")
            c, g = int(grab(r"(\d+) channels are", q.prompt)), int(grab(r"groups=(\d+)",
                                                                           q.prompt))
            order = list(range(c))
            for _ in range(2 if "twice" in q.prompt else 1):
                order = _interleave(order, g)
            if "positions" in q.prompt:
                where = [int(v) for v in grab(r"positions ([\d, ]+) \(", q.prompt).split(", ")]
                order = [order[p] for p in where]
            assert parse_numbers(q.expected_display) == tuple(order), q.id


def test_dropout_training_option_is_x_over_keep_probability() -> None:
    for seed in SEEDS:
        q = generate("dropout-scaling", 1, seed, "en")
        p = float(grab(r"p=([\d.]+)", q.prompt))
        x = float(grab(r"value is ([\d.]+)", q.prompt))
        option = grab(rf"- {q.expected_display}\. (\S+)", q.prompt)
        assert abs(float(option) - x / (1 - p)) < 1e-4, q.id


def test_adam_first_step_moves_by_lr_times_sign() -> None:
    for seed in SEEDS:
        q = generate("adam-step", 1, seed, "en")
        w0 = float(grab(r"w₀ = (-?[\d.]+)", q.prompt))
        lr = float(grab(r"lr=([\d.]+)", q.prompt))
        g = float(grab(r"g_1=(-?\d+(?:\.\d+)?)", q.prompt))
        # bias-corrected m̂ = g and v̂ = g², so the step is lr·g/(|g| + 1e-8)
        assert abs(parse_single(q.expected_display) - (w0 - lr * g / (abs(g) + 1e-8))) < 5e-5
