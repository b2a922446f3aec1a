"""Generate questions by id and judge answers: the public behaviour of engine.questions.

A question is a pure function of (kind, difficulty, seed). Building a problem also
validates its mistakes, through exactly the path a typed answer takes (display, parse,
compare): a mistake whose value is judged right for these numbers is not a mistake here and
is left out. Two mistakes that give the same answer would make a diagnosis ambiguous, so
the numbers are redrawn (a fixed sequence of attempts, so still deterministic); when every
attempt collides, the colliding mistakes are named together ("either … or …").
"""

from __future__ import annotations

import secrets
from functools import lru_cache

from engine.questions.answers.check import compare, display, noise
from engine.questions.answers.parse import Parsed, parse
from engine.questions.base import DIFFICULTIES, Answer, KindDef, Mistake, Problem
from engine.questions.errors import QuestionError
from engine.questions.formats import default_format, precision_note
from engine.questions.ids import check_seed, split_id
from engine.questions.judge import either, judge
from engine.questions.model import Question, Verdict
from engine.questions.registry import get_def
from engine.questions.seeding import rng_for
from engine.questions.text import LANGS, Bi

__all__ = ["build_problem", "check", "clear_cache", "generate", "judge", "question_from_id",
           "split_id"]

MAX_ATTEMPTS = 8


def _typed(answer: Answer) -> Parsed:
    """What a person typing this answer's display would submit, parsed.

    Exact numbers and reals with stated decimals survive the display unchanged under the
    checker's rules, so only other answers take the (slower) round trip through text.
    """
    if answer.type == "choice":
        return Parsed(letter=answer.letter)
    if answer.decimals is not None or all(v.is_integer() for v in answer.values):
        return Parsed(answer.values, answer.cols)
    return parse(display(answer), answer.type, answer.cols, answer.choices,
                 length=len(answer.values))


def _slacks(ref: Answer) -> tuple[float, ...] | None:
    """How far from each entry of ``ref`` an answer may lie and still be judged right (more
    than any tolerance allows); None for the types ``_near`` does not filter."""
    if ref.type in ("set", "choice", "matrix"):
        return None
    unit = 10.0 ** -ref.decimals if ref.decimals is not None else 0.0
    rel = ref.rel_tol + (0.006 if ref.approx else 0.0)
    return tuple(unit + abs(e) * rel + 1e-9 * max(1.0, abs(e)) for e in ref.values)


def _near(ref: Answer, got: Parsed, slacks: tuple[float, ...] | None) -> bool:
    """False only when ``got`` certainly is not judged right against ``ref``: some entry lies
    farther from it than any tolerance allows. A cheap filter in front of ``compare`` (every
    mistake of every generated question is compared with every other)."""
    if slacks is None:
        return True
    if len(got.values) != len(ref.values):
        return False
    for u, e, slack in zip(got.values, ref.values, slacks, strict=True):
        if abs(u - e) > slack:
            return False
    return True


def _right(ref: Answer, got: Parsed, slacks: tuple[float, ...] | None = None,
           known: bool = False) -> bool:
    """Whether ``got`` is judged right against ``ref`` (``slacks`` precomputed when
    ``known``)."""
    return _near(ref, got, slacks if known else _slacks(ref)) and compare(ref, got).correct


def _same(a: Mistake, b: Mistake, typed: dict[int, tuple[Parsed, tuple[float, ...] | None]]
          ) -> bool:
    """Whether one mistake's answer would be diagnosed as the other (either way round);
    ``typed`` holds each mistake's typed answer and slacks by id (computed once)."""
    (ta, sa), (tb, sb) = typed[id(a)], typed[id(b)]
    return _right(a.answer, tb, sa, True) or _right(b.answer, ta, sb, True)


def same_value(a: Answer, b: Answer) -> bool:
    """Whether a mistake's exact value is the right answer's (a slip that makes no difference
    for these numbers, such as forgetting a padding of 0), as opposed to a different value
    the tolerance happens to accept."""
    if a.type == "choice":
        return a.letter == b.letter
    return a.cols == b.cols and len(a.values) == len(b.values) and all(
        abs(x - y) <= noise(y) for x, y in zip(a.values, b.values, strict=True))


def _clean(problem: Problem) -> tuple[Problem, int]:
    """Keep the mistakes judged wrong; name colliding ones together. Returns the problem and
    the number of collisions (0 when every kept mistake has its own answer). A slip whose
    value is the right one is not a mistake here; a slip whose different value the tolerance
    would accept as right is a collision (the numbers are redrawn, so no mistake is ever
    marked right), and so is a harmless slip that lands on a kept mistake."""
    groups: list[list[Mistake]] = []
    right: list[Mistake] = []
    collisions = 0
    typed = {id(m): (_typed(m.answer), _slacks(m.answer)) for m in problem.mistakes}
    ref_slacks = _slacks(problem.answer)
    for m in problem.mistakes:
        got = typed[id(m)][0]
        if _right(problem.answer, got, ref_slacks, True):
            right.append(m)
            collisions += not same_value(m.answer, problem.answer)
            continue
        if got.values is not m.answer.values and not compare(m.answer, got).correct:
            continue  # (only a display round trip can make a value miss itself)
        group = next((g for g in groups if _same(g[0], m, typed)), None)
        if group is None:
            groups.append([m])
        elif all(k.name != m.name for k in group):
            group.append(m)
            collisions += 1
    collisions += sum(any(_same(r, g[0], typed) for r in right) for g in groups)
    kept = tuple(Mistake(either([k.name for k in g]), g[0].answer) for g in groups)
    return _with(problem, mistakes=kept), collisions


def _with(problem: Problem, mistakes: tuple[Mistake, ...] | None = None,
          attempt: int | None = None) -> Problem:
    """``replace(problem, ...)`` without dataclasses' introspection (twice per build)."""
    return Problem(problem.prompt, problem.answer, problem.solution,
                   problem.mistakes if mistakes is None else mistakes, problem.answer_format,
                   problem.precision, problem.attempt if attempt is None else attempt)


def build_problem(kind: KindDef, difficulty: int, seed: int) -> Problem:
    """The problem for (kind, difficulty, seed), with validated mistakes.

    Cached, because it is a pure function and ``check`` right after ``generate`` (practice
    drills, the study TUI) asks for the same problem again.
    """
    return _build_cached(kind.id, difficulty, seed)


@lru_cache(maxsize=256)
def _build_cached(kind_id: str, difficulty: int, seed: int) -> Problem:
    kind = get_def(kind_id)
    best: tuple[int, Problem] | None = None
    for attempt in range(MAX_ATTEMPTS):
        problem = kind.build(rng_for(kind.id, difficulty, seed, attempt), difficulty)
        clean, collisions = _clean(_with(problem, attempt=attempt))
        if not problem.mistakes or (clean.mistakes and not collisions):
            return clean
        score = collisions if clean.mistakes else 1_000
        if best is None or score < best[0]:
            best = (score, clean)
    assert best is not None
    return best[1]


def clear_cache() -> None:
    """Forget cached problems (benchmarks measuring the cold path use this)."""
    _build_cached.cache_clear()


def _check_args(difficulty: int, lang: str) -> None:
    if difficulty not in DIFFICULTIES:
        raise QuestionError(f"Difficulty must be 1, 2 or 3, not {difficulty!r}.")
    if lang not in LANGS:
        raise QuestionError(f"Language must be 'zh' or 'en', not {lang!r}.")


def prompt_text(problem: Problem) -> Bi:
    """The kind's prompt followed by the precision policy of its answer."""
    note = problem.precision or precision_note(problem.answer)
    if note is None:
        return problem.prompt
    p = problem.prompt
    gap_en = "\n\n" if p.en.rstrip(" ").endswith(("\n", "```", "|")) else " "
    gap_zh = "\n\n" if p.zh.rstrip(" ").endswith(("\n", "```", "|")) else ""
    return Bi(p.zh.rstrip(" ") + gap_zh + note.zh, p.en.rstrip(" ") + gap_en + note.en)


def _question(kind: KindDef, difficulty: int, seed: int, lang: str,
              problem: Problem) -> Question:
    fmt = problem.answer_format or default_format(problem.answer)
    return Question(
        id=f"{kind.id}/{difficulty}/{seed}", kind=kind.id, topic=kind.topic,
        difficulty=difficulty, seed=seed, lang=lang, prompt=prompt_text(problem).get(lang),
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
    check_seed(seed)
    return _question(kind, difficulty, seed, lang, build_problem(kind, difficulty, seed))


def question_from_id(question_id: str, lang: str = "zh") -> Question:
    kind, difficulty, seed = split_id(question_id)
    _check_args(difficulty, lang)
    return _question(kind, difficulty, seed, lang, build_problem(kind, difficulty, seed))


def mistakes_of(question_id: str, lang: str = "zh") -> list[tuple[str, str]]:
    """The known mistakes of a question as (name, the answer it produces): what an answer
    key warns about."""
    kind, difficulty, seed = split_id(question_id)
    _check_args(difficulty, lang)
    problem = build_problem(kind, difficulty, seed)
    return [(m.name.get(lang), display(m.answer)) for m in problem.mistakes]


def check(question_id: str, answer: str, lang: str = "zh") -> Verdict:
    """Judge ``answer`` for the question ``question_id``; never raises on the answer."""
    kind, difficulty, seed = split_id(question_id)
    _check_args(difficulty, lang)
    return judge(build_problem(kind, difficulty, seed), answer, lang)
