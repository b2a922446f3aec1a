"""Whole exams in the TUI with a clock the test moves: navigation and flags, answers kept as
typed, submission with its confirmation, auto-submit at expiry with a half-typed answer,
resume after quitting, self-grading, the debrief, retry missed and a new version."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from dlquiz.exams.spec import ExamSpec
from dlquiz.store.exams.records import ExamRecord
from dlquiz.tui.screens.debrief import DebriefScreen
from dlquiz.tui.screens.exam import ExamScreen
from dlquiz.tui.screens.exam_start import ExamStartScreen
from dlquiz.tui.screens.modals import ConfirmSubmit, KeyHelp
from dlquiz.tui.screens.self_grade import SelfGradeScreen
from dlquiz.tui.widgets.countdown import Countdown
from dlquiz.tui.widgets.item_list import ItemList
from engine.questions import question_from_id

from .exam_support import Clock, exam_app, exam_service
from .tui_support import settle

SPEC = ExamSpec(name="t", items=4, computational=0.5, minutes=20, followups=False, seed=99)


async def wait_for_screen(pilot: Pilot[None], kind: type) -> object:
    for _ in range(400):
        await settle(pilot)
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
        await pilot.pause(0.05)
    raise AssertionError(f"never reached {kind.__name__}; at {pilot.app.screen!r}")


def first(exam: ExamRecord, kind: str) -> int:
    return next(i.n for i in exam.items if i.type == kind)


async def test_navigate_flag_answer_submit_grade_debrief(tmp_path: Path) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang="en")
    exam = service.build(SPEC)
    comp, recall = first(exam, "computational"), first(exam, "recall")
    app = exam_app(service, exam.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen) and screen.current == 1
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.current == 2
        await pilot.press("ctrl+p", "ctrl+g")
        await settle(pilot)
        await pilot.press(*str(comp), "enter")
        await settle(pilot)
        assert screen.current == comp
        answer = question_from_id(exam.item(comp).question_id or "").expected_display
        await pilot.press(*answer)
        await pilot.press("ctrl+f")  # flag it (from inside the answer box)
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, KeyHelp)
        await pilot.press("escape")
        await pilot.press(str(recall))  # a digit jumps once out of the box
        await settle(pilot)
        assert screen.current == recall
        screen.current_view().query_one("#answer", TextArea).insert("卷积共享权重")
        await settle(pilot)
        rows = [line.split() for line in str(screen.query_one(ItemList).render()).splitlines()]
        marks = {int(row[0]): row[1] for row in rows if row}
        assert marks[comp] == "⚑" and marks[recall] == "✎"  # answered is not a tick
        assert {marks[n] for n in marks if n not in (comp, recall)} == {"·"}
        await pilot.press("ctrl+s")
        confirm = await wait_for_screen(pilot, ConfirmSubmit)
        assert isinstance(confirm, ConfirmSubmit) and confirm.flagged == [comp]
        assert comp not in confirm.unanswered and recall not in confirm.unanswered
        await pilot.press("enter")
        grading = await wait_for_screen(pilot, SelfGradeScreen)
        assert isinstance(grading, SelfGradeScreen)
        await pilot.press("space", "down", "space", "enter")  # points 1 and 2 of the first
        while isinstance(app.screen, SelfGradeScreen):
            await pilot.press("enter")
            await settle(pilot)
        debrief = await wait_for_screen(pilot, DebriefScreen)
        assert isinstance(debrief, DebriefScreen)
    done = service.get(exam.id)
    assert done.submitted and not done.timed_out
    assert done.item(comp).correct and done.item(comp).answer == answer
    assert done.item(comp).flagged
    graded = done.item(recall)
    assert graded.answer == "卷积共享权重" and graded.points == (1, 2)
    assert graded.score == 2 / len(graded.key_points)


async def test_time_up_submits_the_half_typed_answer(tmp_path: Path) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang="en")
    exam = service.build(SPEC)
    comp = first(exam, "computational")
    app = exam_app(service, exam.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press(*str(comp), "enter")
        await settle(pilot)
        await pilot.press("1", "2")  # half typed, never saved by Enter
        clock.advance(minutes=21)
        screen.query_one(Countdown).tick()  # what the once-a-second timer does
        await wait_for_screen(pilot, (SelfGradeScreen, DebriefScreen))  # type: ignore[arg-type]
    done = service.get(exam.id)
    assert done.submitted and done.timed_out
    assert done.item(comp).answer == "12" and done.item(comp).score is not None


async def test_warnings_at_five_and_one_minutes(tmp_path: Path) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang="en")
    exam = service.build(SPEC)
    app = exam_app(service, exam.id)
    warned: list[int] = []
    async with app.run_test() as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        original = screen.warn

        def record(message: Countdown.Warning) -> None:
            warned.append(message.seconds_left)
            original(message)

        screen.warn = record  # type: ignore[method-assign]
        countdown = screen.query_one(Countdown)
        for minutes in (14, 1, 4):  # 6 left, 5 left, 1 left
            clock.advance(minutes=minutes)
            countdown.tick()
            await settle(pilot)
        assert countdown.warned == {300, 60}


async def test_leave_and_resume_keeps_answers_and_clock(tmp_path: Path) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang="en")
    exam = service.build(SPEC)
    comp = first(exam, "computational")
    app = exam_app(service, exam.id)
    async with app.run_test() as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press(*str(comp), "enter")
        await settle(pilot)
        await pilot.press("4", "2", "escape", "q")
        await settle(pilot)
        await pilot.press("enter")  # yes, leave (the clock keeps running)
        await settle(pilot)
    assert service.get(exam.id).item(comp).answer == "42"
    clock.advance(minutes=5)
    running = service.open_exam()
    assert running is not None and running.id == exam.id
    again = exam_app(service, running.id)
    async with again.run_test() as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        assert screen.typed[comp] == "42"
        assert screen.query_one(Countdown).seconds_left() == 15 * 60


async def test_start_screen_presets_and_debrief_follow_ups(tmp_path: Path) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang="zh")
    app = exam_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        start = await wait_for_screen(pilot, ExamStartScreen)
        assert isinstance(start, ExamStartScreen)
        await pilot.press("down", "enter")  # the second choice: quick
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen) and len(screen.exam.items) == 5
        first_exam = screen.exam.id
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ConfirmSubmit)
        await pilot.press("enter")
        await wait_for_screen(pilot, DebriefScreen)
        await pilot.press("r")  # retry what was missed: everything, fresh numbers
        retry = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(retry, ExamScreen) and retry.exam.parent_id == first_exam
        assert {i.kind for i in retry.exam.items} == {
            i.kind for i in service.get(first_exam).items}
    versions = service.new_version(first_exam)
    assert versions.seed != service.get(first_exam).seed


async def test_immediate_feedback_shows_each_verdict(tmp_path: Path) -> None:
    clock = Clock()
    service = exam_service(tmp_path, clock, lang="en")
    exam = service.build(ExamSpec(items=2, computational=1.0, feedback="immediate", seed=5))
    app = exam_app(service, exam.id)
    async with app.run_test() as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen)
        item = exam.item(1)
        await pilot.press(*question_from_id(item.question_id or "").expected_display, "enter")
        await settle(pilot)
        assert screen.query("#grade")
        assert screen.current_view().query_one("#answer", Input).disabled
    assert service.get(exam.id).item(1).correct
