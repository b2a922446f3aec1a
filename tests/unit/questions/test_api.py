"""The public API: the kind ids (the contract with the notes), lookups, ids and errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from engine.questions import (
    BadQuestionIdError,
    QuestionError,
    UnknownKindError,
    check,
    generate,
    get_kind,
    list_kinds,
    question_from_id,
)

# Copied from the kinds table the content notes link to; a rename must fail here.
KINDS = {
    "iters-per-epoch": "basics", "activation-derivative": "basics",
    "conv-output-shape": "conv", "conv-params": "conv", "conv-macs": "conv",
    "conv-output-value": "conv", "conv-backward": "conv", "dilated-kernel": "conv",
    "transposed-conv-shape": "conv", "stacked-3x3": "conv", "group-conv-params": "conv",
    "receptive-field": "conv", "pool-output-shape": "pooling", "pool-forward": "pooling",
    "pool-backward": "pooling", "sgd-momentum": "optim", "rmsprop-step": "optim",
    "adam-step": "optim", "adamw-vs-adam": "optim", "box-iou": "detection",
    "nms-survivors": "detection", "box-encode": "detection", "box-decode": "detection",
    "yolo-output": "detection", "rpn-anchors": "detection",
    "batchnorm-forward": "normalization", "layernorm-forward": "normalization",
    "dropout-scaling": "normalization", "softmax-cross-entropy": "losses",
    "focal-loss": "losses", "resnet-block-params": "architectures",
    "se-block-params": "architectures", "arch-params": "architectures",
    "depthwise-separable": "lightweight", "channel-shuffle": "lightweight",
    "mobilenet-multiplier": "lightweight",
    "mha-params": "transformers", "kv-cache-size": "transformers",
    "attention-flops": "transformers", "vit-tokens": "transformers",
    "lora-params": "training",
    "zero-memory": "training", "pipeline-bubble": "training", "lr-schedule": "optim",
    "mixed-precision-memory": "training", "grad-accumulation": "training",
    "allreduce-traffic": "training", "chinchilla-optimal": "training",
    "training-flops": "training", "attention-memory": "transformers",
    "gqa-kv-cache": "transformers", "transformer-params": "transformers",
    "dilated-receptive-field": "conv", "norm-params": "normalization",
    "rmsnorm-forward": "normalization", "label-smoothing": "losses", "grad-clip": "optim",
    "sampling-probs": "transformers", "attention-weights": "transformers",
    "int8-quant": "training", "ddpm-alpha-bar": "training", "init-std": "basics",
    "classification-metrics": "metrics", "average-precision": "metrics", "roc-auc": "metrics",
    "perplexity": "transformers", "kl-entropy": "losses", "rnn-params": "architectures",
    "mlp-backprop": "basics", "sinusoidal-pe": "transformers", "rope-rotation": "transformers",
    "softmax-temperature": "basics", "infonce": "losses", "dice-miou": "detection",
    "roi-align-sample": "detection", "roi-pool": "detection",
    "groupnorm-forward": "normalization", "weight-norm": "normalization",
    "separable-speedup": "lightweight", "moe-params": "transformers",
    "speculative-decoding": "transformers", "ema-weights": "optim",
    "weight-decay-step": "optim", "beam-search": "transformers", "bpe-merges": "transformers",
}
ANSWER_TYPES = {"integer", "real", "shape", "list", "set", "matrix", "choice"}


def test_kind_ids_and_topics_are_the_contract() -> None:
    kinds = list_kinds()
    assert [k.id for k in kinds] == sorted(KINDS)
    assert {k.id: k.topic for k in kinds} == KINDS
    for k in kinds:
        assert k.title_zh and k.title_en and k.difficulties == (1, 2, 3)
        assert k.answer_type in ANSWER_TYPES
    assert {k.answer_type for k in kinds} == ANSWER_TYPES
    assert [k.id for k in list_kinds(topic="pooling")] == ["pool-backward", "pool-forward",
                                                           "pool-output-shape"]


def test_get_kind_and_unknown_kind() -> None:
    assert get_kind("box-iou").topic == "detection"
    with pytest.raises(UnknownKindError, match="no-such-kind"):
        get_kind("no-such-kind")
    assert issubclass(UnknownKindError, QuestionError)
    assert issubclass(BadQuestionIdError, QuestionError)


def test_generate_draws_and_reports_a_fresh_seed() -> None:
    q = generate("conv-params")
    assert q.lang == "zh" and q.difficulty == 1 and q.seed >= 0
    assert q.id == f"conv-params/1/{q.seed}"
    assert question_from_id(q.id) == q
    assert set(q.to_dict()) == {"id", "kind", "topic", "difficulty", "seed", "prompt",
                                "answer_format"}


@pytest.mark.parametrize("qid", ["conv-params", "conv-params/4/1", "conv-params/0/1",
                                 "conv-params/1/-3", "conv-params/1/x", "/1/2", "", "a/b/c/d",
                                 "Conv-Params/1/2"])
def test_bad_question_ids(qid: str) -> None:
    with pytest.raises(QuestionError):
        question_from_id(qid)
    with pytest.raises(QuestionError):
        check(qid, "1")


def test_unknown_kind_in_id() -> None:
    with pytest.raises(UnknownKindError):
        check("no-such-kind/1/1", "1")


def test_bad_difficulty_language_and_seed() -> None:
    with pytest.raises(QuestionError, match="Difficulty"):
        generate("box-iou", 4, 1)
    with pytest.raises(QuestionError, match="Language"):
        generate("box-iou", 1, 1, "fr")
    with pytest.raises(QuestionError, match="Seed"):
        generate("box-iou", 1, -1)


def test_same_id_same_question_in_a_fresh_process() -> None:
    code = ("from engine.questions import generate;"
            "q = generate('nms-survivors', 3, 4242, 'en');"
            "print(q.prompt); print(q.expected_display)")
    out = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout for _ in range(2)]
    q = generate("nms-survivors", 3, 4242, "en")
    assert out[0] == out[1] == f"{q.prompt}\n{q.expected_display}\n"


def test_imports_only_numpy_stdlib_and_engine() -> None:
    code = ("import sys; import engine.questions as Q; Q.check('arch-params/3/1', '1');"
            "bad = [m for m in ('sqlalchemy', 'textual', 'typer', 'torch', 'dlquiz') "
            "if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
