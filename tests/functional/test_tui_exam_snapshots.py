"""Snapshots of the exam screens at 80×24 and 120×36, Chinese, on a fixed clock and seed:
the start screen, an item, the submit confirmation, self-grading and the debrief."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dlquiz.exams.spec import ExamSpec

from .exam_support import Clock, exam_app, exam_service
from .tui_support import run

SIZES = [(80, 24), (120, 36)]
Snap = Callable[..., bool]
SPEC = ExamSpec(name="mock", items=4, computational=0.5, minutes=45, followups=False, seed=7)



@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    service = exam_service(tmp_path, Clock())
    assert snap_compare(exam_app(service), terminal_size=size, run_before=run())


@pytest.mark.parametrize("size", SIZES)
def test_exam_item(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    service = exam_service(tmp_path, Clock())
    exam = service.build(SPEC)
    assert snap_compare(exam_app(service, exam.id), terminal_size=size,
                        run_before=run("ctrl+n", "4", "2", "ctrl+f"))


@pytest.mark.parametrize("size", SIZES)
def test_submit_confirmation(snap_compare: Snap, tmp_path: Path,
                             size: tuple[int, int]) -> None:
    service = exam_service(tmp_path, Clock())
    exam = service.build(SPEC)
    assert snap_compare(exam_app(service, exam.id), terminal_size=size,
                        run_before=run("ctrl+f", "ctrl+s"))


@pytest.mark.parametrize("size", SIZES)
def test_self_grading(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    service = exam_service(tmp_path, Clock())
    exam = service.build(SPEC)
    assert snap_compare(exam_app(service, exam.id), terminal_size=size,
                        run_before=run("ctrl+s", "enter", "space"))


@pytest.mark.parametrize("size", SIZES)
def test_debrief(snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
    service = exam_service(tmp_path, Clock())
    exam = service.build(SPEC)
    service.submit(exam.id)
    for item in service.get(exam.id).items:
        if item.type == "recall":
            service.points(exam.id, item.n, (1,))
    assert snap_compare(exam_app(service, exam.id), terminal_size=size, run_before=run())
