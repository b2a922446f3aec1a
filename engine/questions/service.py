"""Generate questions by id and judge answers: the public behaviour of engine.questions.

A question is a pure function of (kind, difficulty, seed). Building a problem also
validates its mistakes, through exactly the path a typed answer takes (display, parse,
compare): a mistake whose value is judged right for these numbers is not a mistake here and
is left out, as is one that cannot be told apart from an earlier mistake. If a kind lists
mistakes but none survives, the numbers are redrawn (a fixed sequence of attempts, so still
deterministic).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import replace
from functools import lru_cache

from engine.questions.answers.check import compare, display
from engine.questions.answers.parse import AnswerParseError, Parsed, parse
from engine.questions.base import DIFFICULTIES, Answer, KindDef, Mistake, Problem
from engine.questions.errors import BadQuestionIdError, QuestionError
from engine.questions.formats import default_format
from engine.questions.model import Question, Verdict
from engine.questions.registry import get_def
from engine.questions.seeding import rng_for
from engine.questions.text import LANGS, Bi

MAX_ATTEMPTS = 4
_ID = re.compile(r"^([a-z0-9][a-z0-9-]*)/(\d+)/(\d{1,19})$")


def _typed(answer: Answer) -> Parsed:
    """What a person typing this answer's display would submit, parsed.

    Exact numbers and reals with stated decimals survive the display unchanged under the
    checker's rules, so only other answers take the (slower) round trip through text.
    """
    if answer.type == "choice":
        return Parsed(letter=answer.letter)
    if answer.decimals is not None or all(v.is_integer() for v in answer.values):
        return Parsed(answer.values, answer.cols)
    return parse(display(answer), answer.type, answer.cols, answer.choices)


def _clean(problem: Problem) -> Problem:
    """Keep only mistakes that are judged wrong and tell apart from earlier ones."""
    kept: list[Mistake] = []
    for m in problem.mistakes:
        got = _typed(m.answer)
        if compare(problem.answer, got).correct or not compare(m.answer, got).correct:
            continue
        if any(compare(k.answer, got).correct for k in kept):
            continue
        kept.append(m)
    return replace(problem, mistakes=tuple(kept))


def build_problem(kind: KindDef, difficulty: int, seed: int) -> Problem:
    """The problem for (kind, difficulty, seed), with validated mistakes.

    Cached, because it is a pure function and ``check`` right after ``generate`` (practice
    drills, the study TUI) asks for the same problem again.
    """
    return _build_cached(kind.id, difficulty, seed)


@lru_cache(maxsize=256)
def _build_cached(kind_id: str, difficulty: int, seed: int) -> Problem:
    kind = get_def(kind_id)
    best: Problem | None = None
    for attempt in range(MAX_ATTEMPTS):
        problem = kind.build(rng_for(kind.id, difficulty, seed, attempt), difficulty)
        clean = _clean(problem)
        if clean.mistakes or not problem.mistakes:
            return clean
        best = best or clean
    assert best is not None
    return best


def clear_cache() -> None:
    """Forget cached problems (benchmarks measuring the cold path use this)."""
    _build_cached.cache_clear()


def _check_args(difficulty: int, lang: str) -> None:
    if difficulty not in DIFFICULTIES:
        raise QuestionError(f"Difficulty must be 1, 2 or 3, not {difficulty!r}.")
    if lang not in LANGS:
        raise QuestionError(f"Language must be 'zh' or 'en', not {lang!r}.")


def _question(kind: KindDef, difficulty: int, seed: int, lang: str,
              problem: Problem) -> Question:
    fmt = problem.answer_format or default_format(problem.answer)
    return Question(
        id=f"{kind.id}/{difficulty}/{seed}", kind=kind.id, topic=kind.topic,
        difficulty=difficulty, seed=seed, lang=lang, prompt=problem.prompt.get(lang),
        answer_format=fmt.get(lang), solution=problem.solution.get(lang),
        expected_display=display(problem.answer),
    )


def generate(kind_id: str, difficulty: int = 1, seed: int | None = None,
             lang: str = "zh") -> Question:
    """A question of ``kind_id``; a fresh random seed is drawn when ``seed`` is None."""
    kind = get_def(kind_id)
    _check_args(difficulty, lang)
    if seed is None:
        seed = secrets.randbelow(10**6)
    if seed < 0:
        raise QuestionError(f"Seed must be a non-negative integer, not {seed}.")
    return _question(kind, difficulty, seed, lang, build_problem(kind, difficulty, seed))


def split_id(question_id: str) -> tuple[KindDef, int, int]:
    """(kind, difficulty, seed) from ``kind/difficulty/seed``."""
    m = _ID.match(question_id.strip())
    if m is None:
        raise BadQuestionIdError(
            f"Question id {question_id!r} is not of the form kind/difficulty/seed, "
            "e.g. conv-output-shape/2/12345."
        )
    kind = get_def(m.group(1))
    difficulty = int(m.group(2))
    if difficulty not in DIFFICULTIES:
        raise BadQuestionIdError(f"Question id {question_id!r} has difficulty {difficulty}; "
                                 "it must be 1, 2 or 3.")
    return kind, difficulty, int(m.group(3))


def question_from_id(question_id: str, lang: str = "zh") -> Question:
    kind, difficulty, seed = split_id(question_id)
    _check_args(difficulty, lang)
    return _question(kind, difficulty, seed, lang, build_problem(kind, difficulty, seed))


_OK = Bi("正确！", "Correct!")


def _feedback(correct: bool, score: float, expected: str, diag: Bi | None) -> Bi:
    if correct:
        return _OK
    if score > 0:
        pct = f"{score:.0%}"
        text = Bi(f"部分正确（得分 {pct}）。正确答案是 {expected}。",
                  f"Partly right (score {pct}). The expected answer is {expected}.")
    else:
        text = Bi(f"不对。正确答案是 {expected}。", "Not right. The expected answer is "
                                                    f"{expected}.")
    if diag is not None:
        text = text + Bi(f"你的答案正是一个常见错误：{diag.zh}。",
                         f" Your answer matches a common mistake: {diag.en}.")
    return text


def check(question_id: str, answer: str, lang: str = "zh") -> Verdict:
    """Judge ``answer`` for the question ``question_id``; never raises on the answer."""
    kind, difficulty, seed = split_id(question_id)
    _check_args(difficulty, lang)
    return judge(build_problem(kind, difficulty, seed), answer, lang)


def judge(problem: Problem, answer: str, lang: str = "zh") -> Verdict:
    """Judge ``answer`` against an already built problem (``check`` without the lookup)."""
    expected = display(problem.answer)
    solution = problem.solution.get(lang)
    fmt = (problem.answer_format or default_format(problem.answer)).get(lang)
    try:
        got = parse(str(answer), problem.answer.type, problem.answer.cols,
                    problem.answer.choices)
    except (AnswerParseError, ValueError, OverflowError, ArithmeticError):
        msg = Bi(f"无法读懂你的答案。请按此格式作答：{fmt}。",
                 f"Could not read your answer. Please answer as {fmt}.")
        return Verdict(False, 0.0, expected, msg.get(lang), None, solution, parse_error=True)
    match = compare(problem.answer, got)
    diag: Bi | None = None
    if not match.correct:
        for m in problem.mistakes:
            if compare(m.answer, got).correct:
                diag = m.name
                break
    feedback = _feedback(match.correct, match.score, expected, diag)
    return Verdict(match.correct, float(match.score), expected, feedback.get(lang),
                   diag.get(lang) if diag else None, solution)
