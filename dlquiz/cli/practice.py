"""The `dlquiz practice` drill: question, answer line, verdict, solution, summary."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime

import numpy as np
import typer
from rich.console import Console
from rich.text import Text

from dlquiz.cli.common import fail, open_bank_for
from dlquiz.cli.question_view import print_question, print_verdict
from dlquiz.store.exams import AttemptEntry, record_attempt
from engine.questions import Verdict, check, generate, list_kinds

SUMMARY = {"zh": "本轮练习：{right}/{total} 正确，平均得分 {score:.2f}。",
           "en": "Practice done: {right}/{total} correct, mean score {score:.2f}."}
PROMPT = {"zh": "你的答案> ", "en": "Your answer> "}


def pick_kinds(targets: list[str]) -> list[str]:
    """Kind ids named directly or through their topic; all kinds when none are named."""
    kinds = list_kinds()
    if not targets:
        return [k.id for k in kinds]
    chosen: list[str] = []
    for target in targets:
        matched = [k.id for k in kinds if target in (k.id, k.topic)]
        if not matched:
            topics = sorted({k.topic for k in kinds})
            raise fail(f"'{target}' is neither a kind nor a topic; topics: {', '.join(topics)} "
                       "(`dlquiz kinds` lists the kinds).")
        chosen.extend(m for m in matched if m not in chosen)
    return chosen


def read_answer(console: Console, question_id: str, lang: str) -> tuple[str, Verdict] | None:
    """Read answer lines until one can be read (an unreadable answer is neither right nor
    wrong: say the expected format and ask again, as the study screen does). None at the end
    of input."""
    while True:
        console.print(Text(PROMPT[lang]), end="")
        line = sys.stdin.readline()
        if not line:
            return None
        verdict = check(question_id, line.strip(), lang)
        if verdict.readable:
            return line, verdict
        console.print(Text(verdict.feedback, style="yellow"))


def run_practice(ctx: typer.Context, targets: list[str], *, count: int, difficulty: int | None,
                 seed: int | None, lang: str) -> None:
    kinds = pick_kinds(targets)
    rng = np.random.default_rng(seed)
    bank = open_bank_for(ctx)
    console = Console(highlight=False)
    results: list[float] = []
    right = 0
    for number in range(1, count + 1):
        kind = kinds[int(rng.integers(len(kinds)))]
        level = difficulty or int(rng.integers(1, 4))
        question = generate(kind, level, int(rng.integers(1_000_000)), lang)
        console.rule(f"{number}/{count} · {kind}")
        print_question(console, question, lang)
        started = time.monotonic()
        answered = read_answer(console, question.id, lang)
        if answered is None:
            console.print()
            break
        line, verdict = answered
        print_verdict(console, verdict, lang)
        record_attempt(bank, AttemptEntry(
            question_id=question.id, kind=kind, difficulty=level, answer=line.strip(),
            correct=verdict.correct, score=verdict.score, diagnosis=verdict.mistake,
            answered_at=datetime.now(UTC), duration_ms=int((time.monotonic() - started) * 1000)))
        results.append(verdict.score)
        right += int(verdict.correct)
    if results:
        console.rule()
        console.print(Text(SUMMARY[lang].format(right=right, total=len(results),
                                                score=sum(results) / len(results)), style="bold"))
