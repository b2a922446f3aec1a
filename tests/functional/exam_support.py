"""An exam bank for the TUI tests: the built-in notes and question kinds, a clock the test
moves by hand, and fixed seeds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from dlquiz.exams.service import ExamService
from dlquiz.srs.setup import open_study_bank
from dlquiz.tui.app.exam_app import ExamApp, make_exam_app

from .tui_support import ZONE

START = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def exam_service(tmp: Path, clock: Clock, lang: str = "zh") -> ExamService:
    bank = open_study_bank(f"sqlite:///{tmp / 'exam.db'}", now=START)
    return ExamService(bank, lang=lang, clock=clock, seeds=lambda: 20261128, zone=ZONE)


def exam_app(service: ExamService, exam_id: int | None = None) -> ExamApp:
    return make_exam_app(service, exam_id=exam_id, cursor_blink=False)
