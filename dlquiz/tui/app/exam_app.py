"""The exam app: start screen -> exam -> self-grading -> debrief (-> another exam). It only
routes; each screen gets the ExamService and reports back with messages."""

from __future__ import annotations

import asyncio

from textual import on
from textual.app import App

from dlquiz.exams.service import ExamService
from dlquiz.exams.spec import preset
from dlquiz.store.exams import ExamRecord
from dlquiz.store.schema import BankError, InputError
from dlquiz.tui.screens.debrief import DebriefScreen
from dlquiz.tui.screens.exam import ExamScreen
from dlquiz.tui.screens.exam_start import ExamStartScreen
from dlquiz.tui.screens.self_grade import SelfGradeScreen
from dlquiz.ui import cjk


class ExamApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "dlquiz exam"
    ENABLE_COMMAND_PALETTE = False  # ctrl+p is "previous item" here

    def __init__(self, service: ExamService, *, exam_id: int | None = None,
                 cursor_blink: bool = True) -> None:
        super().__init__()
        self.service = service
        self.exam_id = exam_id
        self.cursor_blink = cursor_blink

    async def on_mount(self) -> None:
        if self.exam_id is not None:
            exam = await asyncio.to_thread(self.service.get, self.exam_id)
            await self.take(exam)
        else:
            await self.show_start()

    async def show_start(self) -> None:
        running = await asyncio.to_thread(self.service.open_exam)
        summaries = await asyncio.to_thread(self.service.list)
        left = ((running.deadline - self.service.clock()).total_seconds()
                if running is not None else 0.0)
        self.push_screen(ExamStartScreen(self.service.lang, running, left, summaries,
                                         self.service.zone), self.chosen)

    async def chosen(self, choice: str | None) -> None:
        if not choice:
            return
        how, _, value = choice.partition(":")
        try:
            if how in ("resume", "view"):
                exam = await asyncio.to_thread(self.service.get, int(value))
            elif how == "again":
                exam = await asyncio.to_thread(self.service.new_version, int(value))
            else:
                exam = await asyncio.to_thread(self.service.build, preset(value))
        except (InputError, BankError) as exc:
            self.notify(str(exc), severity="error", timeout=10)
            await self.show_start()
            return
        await self.take(exam)

    async def take(self, exam: ExamRecord) -> None:
        if exam.submitted:
            await self.after_submit(exam)
            return
        self.push_screen(ExamScreen(self.service, exam, cursor_blink=self.cursor_blink))

    @on(ExamScreen.Submitted)
    async def submitted(self, message: ExamScreen.Submitted) -> None:
        await self.after_submit(message.exam)

    async def after_submit(self, exam: ExamRecord) -> None:
        pending = [i.n for i in exam.items if i.type == "recall" and not i.graded]
        if pending:
            self.push_screen(SelfGradeScreen(self.service, exam, pending), self.debrief)
        else:
            self.debrief(exam)

    def debrief(self, exam: ExamRecord | None) -> None:
        if exam is not None:
            self.push_screen(DebriefScreen(self.service, exam))

    @on(ExamScreen.SelfGrade)
    def grade_one(self, message: ExamScreen.SelfGrade) -> None:
        screen = self.screen

        async def back(_exam: ExamRecord | None) -> None:
            if isinstance(screen, ExamScreen):
                await screen.regraded()

        self.push_screen(SelfGradeScreen(self.service, message.exam, [message.n]), back)

    @on(ExamScreen.Left)
    def left(self) -> None:
        self.exit()

    @on(DebriefScreen.NewExam)
    async def new_exam(self, message: DebriefScreen.NewExam) -> None:
        await self.take(message.exam)


def make_exam_app(service: ExamService, *, exam_id: int | None = None,
                  cursor_blink: bool = True) -> ExamApp:
    cjk.install()
    return ExamApp(service, exam_id=exam_id, cursor_blink=cursor_blink)


def run_exam_app(service: ExamService, *, exam_id: int | None = None) -> None:
    """Run the exam app; exits with its return code (2 when it ended on a bank error)."""
    import sys

    app = make_exam_app(service, exam_id=exam_id)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)
