"""The exam screens' small promises, driven through Pilot with a clock the test moves:
Ctrl+D answers a recall item aloud in both feedback modes (and so it is not unanswered at
submit), the clock warns only when 5 and 1 minutes are crossed, and the self-grading
checklist shows key points as text (formulas rendered, no markdown escapes)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea

from dlquiz.exams.oral import oral_answer
from dlquiz.exams.spec import ExamSpec
from dlquiz.tui.screens.exam import ExamScreen
from dlquiz.tui.screens.modals import ConfirmSubmit
from dlquiz.tui.screens.self_grade import SelfGradeScreen
from dlquiz.tui.widgets.checklist import Checklist
from dlquiz.tui.widgets.countdown import Countdown

from .exam_support import Clock, exam_app, exam_service
from .test_tui_exam import first, wait_for_screen
from .tui_support import settle

SPEC = ExamSpec(name="t", items=4, computational=0.5, minutes=20, followups=False, seed=99)


async def go_to(pilot: object, screen: ExamScreen, n: int) -> None:
    await screen.go(n)
    await settle(pilot)  # type: ignore[arg-type]


async def test_ctrl_d_answers_aloud_with_deferred_feedback(tmp_path: Path) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang="zh")
    exam = service.build(SPEC)
    recall, comp = first(exam, "recall"), first(exam, "computational")
    app = exam_app(service, exam.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        await go_to(pilot, screen, recall)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert screen.current == recall + 1  # done: on to the next item
        assert screen.views[recall].query_one("#answer", TextArea).text == "（口头作答）"
        await go_to(pilot, screen, comp)
        await pilot.press("ctrl+d")  # a computational item needs a written answer
        await settle(pilot)
        assert screen.current == comp and not screen.typed[comp]
        assert any("计算题要写出答案" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+s")
        confirm = await wait_for_screen(pilot, ConfirmSubmit)
        assert isinstance(confirm, ConfirmSubmit)
        assert recall not in confirm.unanswered and comp in confirm.unanswered
        await pilot.press("enter")
        await wait_for_screen(pilot, SelfGradeScreen)
    done = service.get(exam.id)
    assert done.submitted and done.item(recall).answer == oral_answer("zh")
    assert done.item(recall).answered and not done.item(comp).answered


async def test_ctrl_d_answers_aloud_with_immediate_feedback(tmp_path: Path) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang="en")
    exam = service.build(ExamSpec(items=4, computational=0.5, minutes=20, followups=False,
                                  feedback="immediate", seed=99))
    recall = first(exam, "recall")
    app = exam_app(service, exam.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        await go_to(pilot, screen, recall)
        await pilot.press("ctrl+d")
        grading = await wait_for_screen(pilot, SelfGradeScreen)
        assert isinstance(grading, SelfGradeScreen)
        await pilot.press("space", "enter")
        back = await wait_for_screen(pilot, ExamScreen)
        assert back is screen
        await settle(pilot)
        assert screen.query("#grade")
    item = service.read(exam.id).item(recall)
    assert item.answer == "(answered aloud)" and item.points == (1,) and item.graded


def warnings(app: App[None]) -> list[str]:
    """The clock's warnings shown so far (as the notices on screen say them)."""
    return [str(n.message) for n in app._notifications if "left" in str(n.message)]


async def test_a_five_minute_exam_does_not_warn_when_it_opens(tmp_path: Path) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang="en")
    exam = service.build(ExamSpec(items=2, computational=1.0, minutes=5, seed=5))
    app = exam_app(service, exam.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        countdown = screen.query_one(Countdown)
        countdown.tick()
        await settle(pilot)
        assert not app._notifications
        clock.advance(minutes=3, seconds=59)  # 61 s left
        countdown.tick()
        await settle(pilot)
        assert not app._notifications
        clock.advance(seconds=2)  # 59 s left: the 1-minute mark was crossed
        countdown.tick()
        await settle(pilot)
        assert warnings(app) == ["1 minute left"]


async def test_warnings_fire_once_each_as_the_marks_are_crossed(tmp_path: Path) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang="en")
    exam = service.build(SPEC)
    app = exam_app(service, exam.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        countdown = screen.query_one(Countdown)
        seen = []
        for minutes in (14, 1, 1, 3, 0.5):  # 6, 5, 4, 1 and 0.5 minutes left
            clock.advance(minutes=minutes)
            countdown.tick()
            await settle(pilot)
            seen.append(len(warnings(app)))
        assert seen == [0, 1, 1, 2, 2]
        assert warnings(app) == ["5 minutes left", "1 minute left"]


class ChecklistApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Checklist(("one kernel $T_w$ is **shared**", "minimise $\\min_{\\hat W} x$",
                         "T<1 sharpens, `a_b` code"), {2})


async def test_key_points_are_rendered_not_escaped() -> None:
    app = ChecklistApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rows = [unicodedata.normalize("NFC", str(row.render()))  # W + combining hat: Ŵ
                for row in app.query_one(Checklist).query(Static)]
    assert rows == ["☐ 1. one kernel T_w is shared", "☑ 2. minimise min_(Ŵ) x",
                    "☐ 3. T<1 sharpens, a_b code"]
