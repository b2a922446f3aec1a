"""Generated-and-checked questions per second across all kinds (goal: at least 1,000/s).

One unit of work is one question: ``generate`` it, then ``check`` its expected answer by id.
Kinds, difficulties and seeds are interleaved so every kind weighs the same. Two figures:

- ``questions_per_second``: generate and check in one process, as ``dlquiz practice`` and
  the study TUI do (``check`` finds the problem in the small per-process cache);
- ``cold_questions_per_second``: the cache cleared before each call, as when ``dlquiz ask``
  and ``dlquiz check`` run as separate processes, so the problem is built twice.

CPU time of this process is reported next to wall time because the 2-core machine is
often shared. Prints one JSON object.
"""

from __future__ import annotations

import json
import platform
import time

from engine.questions import check, generate, list_kinds
from engine.questions.service import clear_cache

GOAL = 1000.0


def _pass(kinds: list[str], rounds: int, cold: bool, offset: int) -> tuple[int, float, float]:
    done = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for seed in range(offset, offset + rounds):
        lang = "en" if seed % 2 else "zh"
        for kind in kinds:
            for difficulty in (1, 2, 3):
                if cold:
                    clear_cache()
                q = generate(kind, difficulty, seed, lang)
                if cold:
                    clear_cache()
                if not check(q.id, q.expected_display, lang).correct:
                    raise AssertionError(f"{q.id}: the expected answer was judged wrong")
                done += 1
    return done, time.perf_counter() - wall, time.process_time() - cpu


def run(rounds: int = 20) -> dict[str, object]:
    kinds = [k.id for k in list_kinds()]
    _pass(kinds, 1, True, 10_000)  # warm up imports and the arch tables
    n, wall, cpu = _pass(kinds, rounds, False, 0)
    n_cold, wall_cold, cpu_cold = _pass(kinds, rounds, True, 1_000)
    rate = n / wall
    return {
        "benchmark": "questions_generate_and_check",
        "kinds": len(kinds),
        "questions": n,
        "questions_per_second": round(rate, 1),
        "questions_per_cpu_second": round(n / cpu, 1),
        "cold_questions_per_second": round(n_cold / wall_cold, 1),
        "cold_questions_per_cpu_second": round(n_cold / cpu_cold, 1),
        "goal_per_second": GOAL,
        "meets_goal": rate >= GOAL,
        "python": platform.python_version(),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
