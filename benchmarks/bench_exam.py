"""Exam speed: building a 50-item exam and grading it in-process (goals 300 ms and 100 ms,
medians over fresh exams with different seeds, half answered right, half wrong), and each
keypress on the exam screen (goal 50 ms), measured with Pilot's `press` (which returns
once the key has been handled and the screen refreshed), over the keys people press:
typing, next, previous, flag, jump. Pilot itself costs a few tens of milliseconds per key,
so a key that does nothing (F12) is timed in the same run and the net figure is the
difference. The countdown redraws only itself: the script counts which widgets refresh on
a tick.

Prints one JSON object. Run: python benchmarks/bench_exam.py
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dlquiz.exams.service import ExamService
from dlquiz.exams.spec import ExamSpec
from dlquiz.srs.setup import open_study_bank
from engine.questions import question_from_id

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
ROUNDS = 7


def build_and_grade(service: ExamService) -> tuple[list[float], list[float]]:
    builds, grades = [], []
    for seed in range(ROUNDS):
        spec = ExamSpec(items=50, computational=0.5, minutes=120, seed=1000 + seed)
        start = time.perf_counter()
        exam = service.build(spec)
        builds.append(time.perf_counter() - start)
        for item in exam.items:  # answered as a person would: half right, half wrong
            if item.question_id and item.n % 2:
                service.answer(exam.id, item.n, question_from_id(item.question_id)
                               .expected_display)
            elif item.question_id:
                service.answer(exam.id, item.n, "12345")
        start = time.perf_counter()
        service.submit(exam.id)
        grades.append(time.perf_counter() - start)
    return builds, grades


async def keypresses(service: ExamService) -> tuple[dict[str, float], list[str]]:
    from dlquiz.tui.app.exam_app import make_exam_app
    from dlquiz.tui.screens.exam import ExamScreen
    from dlquiz.tui.widgets.countdown import Countdown

    exam = service.build(ExamSpec(items=20, computational=0.5, minutes=120, seed=7))
    app = make_exam_app(service, exam_id=exam.id, cursor_blink=False)
    timings: dict[str, list[float]] = {"nothing (F12)": [], "type": [], "next": [],
                                       "previous": [], "flag": [], "jump": []}
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, ExamScreen):
            await pilot.pause(0.05)
        screen = app.screen
        await app.workers.wait_for_complete()  # the item views are built in the background
        await pilot.pause()
        for _ in range(5):
            for name, keys in (("nothing (F12)", ["f12"]), ("type", ["4"]),
                               ("next", ["ctrl+n"]), ("previous", ["ctrl+p"]),
                               ("flag", ["ctrl+f"]), ("jump", ["escape", "7"])):
                for key in keys[:-1]:
                    await pilot.press(key)
                start = time.perf_counter()
                await pilot.press(keys[-1])
                timings[name].append(time.perf_counter() - start)
                await pilot.pause()
            await pilot.press("ctrl+g")
            await pilot.pause()
            await pilot.press("1", "enter")
            await pilot.pause()
        refreshed: list[str] = []
        for widget in screen.query("*"):
            setattr(widget, "refresh", _spy(widget, refreshed))  # noqa: B010
        await pilot.pause()
        refreshed.clear()
        screen.query_one(Countdown).tick()  # what the once-a-second timer calls
        by_tick = list(refreshed)  # read before any other event is processed
    medians = {name: round(1000 * statistics.median(values), 1)
               for name, values in timings.items()}
    return medians, sorted(set(by_tick))


def _spy(widget: Any, seen: list[str]) -> Callable[..., Any]:
    """`widget.refresh`, noting the widget's class each time it is called."""
    original = widget.refresh

    def refresh(*args: Any, **kwargs: Any) -> Any:
        seen.append(type(widget).__name__)
        return original(*args, **kwargs)
    return refresh


def net(keys: dict[str, float]) -> dict[str, float]:
    floor = keys["nothing (F12)"]
    return {name: round(value - floor, 1) for name, value in keys.items()
            if name != "nothing (F12)"}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bank = open_study_bank(f"sqlite:///{Path(tmp) / 'bench.db'}", now=NOW)
        service = ExamService(bank, lang="zh")
        builds, grades = build_and_grade(service)
        keys, refreshed = asyncio.run(keypresses(service))
    print(json.dumps({
        "build_50_items_ms": round(1000 * statistics.median(builds), 1),
        "grade_50_items_ms": round(1000 * statistics.median(grades), 1),
        "keypress_ms": keys,
        "keypress_net_of_pilot_ms": net(keys),
        "widgets_refreshed_by_a_clock_tick": refreshed,
        "goals": {"build_ms": 300, "grade_ms": 100, "keypress_ms": 50},
    }, indent=2))


if __name__ == "__main__":
    main()
