"""The exam service both front ends use (`dlquiz exam …` and the exam screens): build an
exam from a spec, keep answers as they are typed, submit (automatically once time is up),
self-grade recall items, and the follow-ups of a debrief (retry what was missed, a new
version, bring the missed cards into today's study)."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo

import dlquiz
from dlquiz.exams.assemble import KindMaterial, assemble, new_item
from dlquiz.exams.grading import grade_computational, grade_recall, totals
from dlquiz.exams.oral import oral_answer
from dlquiz.exams.spec import MAX_SEED, ExamSpec, spec_of
from dlquiz.store import exams as store
from dlquiz.store.bank import Bank
from dlquiz.store.cards import CardRecord, change_cards
from dlquiz.store.exams import (
    PASSING_SHARE,
    ExamItemRecord,
    ExamRecord,
    ExamSummary,
    ItemGrade,
    cards_for,
    missed_since,
    recall_material,
)
from dlquiz.store.schema import NEW, InputError

Clock = Callable[[], datetime]
MISSED_WINDOW = timedelta(days=30)
WEAKEST_TOPICS, WEAKEST_WEIGHT = 5, 4.0  # what an `interview` exam leans on


def utc_now() -> datetime:
    return datetime.now(UTC)


def random_seed() -> int:
    return secrets.randbelow(1_000_000_000)


@dataclass(frozen=True)
class BroughtIntoStudy:
    """What `bring_into_study` did with the cards an exam missed."""

    made_due: int  # rescheduled to now
    already_due: int  # due today anyway
    still_new: int  # never studied: they stay in the new-card queue

    @property
    def missed(self) -> int:
        return self.made_due + self.already_due + self.still_new


class ExamService:
    def __init__(self, bank: Bank, *, lang: str = "zh", clock: Clock = utc_now,
                 seeds: Callable[[], int] = random_seed, zone: tzinfo | None = None) -> None:
        self.bank = bank
        self.lang = lang
        self.clock = clock
        self.seeds = seeds
        self.zone = zone or datetime.now().astimezone().tzinfo or UTC

    # -- building ----------------------------------------------------------------------

    def build(self, spec: ExamSpec, *, parent_id: int | None = None,
              only: tuple[set[str], set[int]] | None = None) -> ExamRecord:
        """A new exam (its clock starts now). `only` restricts the candidates to these
        kinds and notes (the `missed` preset, and retrying an exam's misses)."""
        from engine.questions import list_kinds  # deferred: numpy

        spec = self._weakest(spec).validate()
        seed = spec.seed if spec.seed is not None else self.seeds()
        kinds = [KindMaterial(k.id, k.topic) for k in list_kinds()]
        notes = recall_material(self.bank)
        if spec.missed_only and only is None:
            only = missed_since(self.bank, self.clock() - MISSED_WINDOW)
        if only is not None:
            kinds = [k for k in kinds if k.id in only[0]]
            notes = [n for n in notes if n.note_id in only[1]]
        planned = assemble(spec, seed, kinds, notes)
        items = [new_item(n, plan, self.lang) for n, plan in enumerate(planned, start=1)]
        now = self.clock()
        return store.create_exam(
            self.bank, name=spec.name, spec=replace(spec, seed=seed).to_dict(), seed=seed,
            version=dlquiz.__version__, lang=self.lang, feedback=spec.feedback,
            minutes=spec.minutes, started_at=now,
            deadline=now + timedelta(minutes=spec.minutes), parent_id=parent_id, items=items)

    def _weakest(self, spec: ExamSpec) -> ExamSpec:
        """The `interview` preset's topics: every topic of the active interview plan, the
        WEAKEST_TOPICS it expects to be recalled least on the day weighted WEAKEST_WEIGHT
        times the others (so the round leans on them and still has enough to ask); every
        topic alike without a plan."""
        if not spec.weakest_topics or spec.topics:
            return spec
        from dlquiz.srs.plan_service import PlanService

        found = PlanService(self.bank, self.clock, self.zone).forecast()
        if found is None:
            return spec
        ranked = [g.name for g in found.by_topic if g.cards]
        return replace(spec, topics=tuple(
            (topic, WEAKEST_WEIGHT if n < WEAKEST_TOPICS else 1.0)
            for n, topic in enumerate(ranked)))

    # -- taking ------------------------------------------------------------------------

    def get(self, exam_id: int) -> ExamRecord:
        """The exam; one whose time ran out unsubmitted is submitted now (timed out)."""
        exam = store.get_exam(self.bank, exam_id)
        if not exam.submitted and self.clock() > exam.deadline:
            return self.submit(exam_id)
        return exam

    def read(self, exam_id: int) -> ExamRecord:
        """The exam as stored (no automatic submission: the exam screen submits itself,
        with what its boxes hold, when its clock runs out)."""
        return store.get_exam(self.bank, exam_id)

    def list(self) -> list[ExamSummary]:
        return store.list_exams(self.bank)

    def open_exam(self) -> ExamRecord | None:
        """The newest exam still running (an expired one is submitted on the way)."""
        for exam_id in store.open_exams(self.bank):
            exam = self.get(exam_id)
            if not exam.submitted:
                return exam
        return None

    def answer(self, exam_id: int, n: int, text: str, *,
               seconds: float | None = None) -> ExamItemRecord:
        """Keep an answer; with immediate feedback a computational one is graded now.
        Without `seconds`, the time since the previous answer (or the start) is counted."""
        exam = store.get_exam(self.bank, exam_id)
        item = _item(exam, n)
        if seconds is None:
            last = max((i.answered_at for i in exam.items if i.answered_at), default=None)
            seconds = (self.clock() - max(last or exam.started_at, exam.started_at)
                       ).total_seconds()
        grade = None
        if exam.feedback == "immediate" and item.type == "computational" and text.strip():
            assert item.question_id is not None
            grade = grade_computational(item.question_id, text, self.lang)
        return store.save_answer(self.bank, exam_id, n, text, self.clock(), seconds=seconds,
                                 grade=grade)

    def answer_orally(self, exam_id: int, n: int, *,
                      seconds: float | None = None) -> ExamItemRecord:
        """Mark recall item n as answered aloud (an answer already written is kept)."""
        exam = store.get_exam(self.bank, exam_id)
        item = _item(exam, n)
        if item.type != "recall":
            raise InputError(f"item {n} of exam {exam_id} is computational: write the answer "
                             "(`dlquiz exam answer EXAM N ANSWER`); only recall items can be "
                             "answered aloud.")
        text = item.answer if item.answered else oral_answer(exam.lang)
        return self.answer(exam_id, n, text or "", seconds=seconds)

    def spend(self, exam_id: int, n: int, seconds: float) -> None:
        store.add_seconds(self.bank, exam_id, n, seconds, self.clock())

    def flag(self, exam_id: int, n: int, flagged: bool) -> None:
        _item(store.get_exam(self.bank, exam_id), n)
        store.set_flag(self.bank, exam_id, n, flagged, self.clock())

    def submit(self, exam_id: int, *, typed: Mapping[int, str] | None = None,
               seconds: Mapping[int, float] | None = None) -> ExamRecord:
        """Grade every computational item, close the exam; past the deadline it counts as
        timed out. `typed` holds what the screen shows in the answer boxes at that moment
        (a half-typed answer counts, even one not saved before the clock ran out)."""
        exam = store.get_exam(self.bank, exam_id)
        if exam.submitted:
            raise InputError(f"exam {exam_id} was already submitted; `dlquiz exam show "
                             f"{exam_id}` has the debrief.")
        final = {n: text for n, text in (typed or {}).items()
                 if text != (_item(exam, n).answer or "")}
        exam = replace(exam, items=tuple(replace(i, answer=final.get(i.n, i.answer))
                                         for i in exam.items))
        grades: dict[int, ItemGrade] = {}
        for item in exam.items:
            if item.type == "computational" and (not item.graded or item.n in final):
                assert item.question_id is not None
                grades[item.n] = grade_computational(item.question_id, item.answer, self.lang)
        graded = [replace(i, score=grades[i.n].score) if i.n in grades else i
                  for i in exam.items]
        total = totals(graded)
        now = self.clock()
        timed_out = now > exam.deadline
        return store.submit_exam(self.bank, exam_id, grades,
                                 submitted_at=exam.deadline if timed_out else now,
                                 timed_out=timed_out, score=total.score,
                                 max_score=total.max_score, answers=final,
                                 seconds=dict(seconds or {}))

    def points(self, exam_id: int, n: int, ticked: tuple[int, ...]) -> ExamRecord:
        """Self-grade a recall item by the numbers (1-based) of the key points covered."""
        exam = self.get(exam_id)
        item = _item(exam, n)
        if item.type != "recall":
            raise InputError(f"item {n} of exam {exam_id} is computational: the engine grades "
                             "it; self-grading is for recall items.")
        if not exam.submitted and not (exam.feedback == "immediate" and item.answered):
            raise InputError(f"exam {exam_id} is still running: the key points are shown "
                             "after submission (`dlquiz exam submit`).")
        bad = [p for p in ticked if not 1 <= p <= len(item.key_points)]
        if bad:
            raise InputError(f"item {n} has key points 1 to {len(item.key_points)}; "
                             f"{', '.join(map(str, bad))} is not one of them.")
        grade = grade_recall(ticked, len(item.key_points))
        graded = [replace(i, score=grade.score) if i.n == n else i for i in exam.items]
        total = totals(graded)
        return store.set_points(self.bank, exam_id, n, tuple(sorted(set(ticked))), grade,
                                score=total.score, max_score=total.max_score)

    # -- after the debrief -------------------------------------------------------------

    def missed(self, exam: ExamRecord) -> tuple[set[str], set[int]]:
        kinds = {i.kind for i in exam.items
                 if i.type == "computational" and i.kind and (i.score or 0.0) < 1.0}
        notes = {i.note_id for i in exam.items
                 if i.type == "recall" and i.note_id and (i.score or 0.0) < PASSING_SHARE}
        return kinds, notes

    def retry_missed(self, exam_id: int) -> ExamRecord:
        """A new exam over the kinds and notes this one missed, with fresh numbers."""
        exam = self.get(exam_id)
        kinds, notes = self.missed(exam)
        count = len(kinds) + len(notes)
        if count == 0:
            raise InputError(f"exam {exam_id} has nothing missed to retry.")
        minutes = max(5, round(exam.minutes * count / max(len(exam.items), 1)))
        spec = ExamSpec(name=f"retry #{exam_id}", items=count,
                        computational=len(kinds) / count, minutes=minutes,
                        feedback=exam.feedback, followups=False,  # type: ignore[arg-type]
                        difficulties=tuple(exam.spec.get("difficulties", (1, 2, 3))))
        return self.build(spec, parent_id=exam_id, only=(kinds, notes))

    def new_version(self, exam_id: int) -> ExamRecord:
        """The same spec with a new seed: new numbers, new draw of notes."""
        exam = self.get(exam_id)
        spec = spec_of(exam)
        seed = self.seeds()
        while seed == exam.seed and seed < MAX_SEED:
            seed += 1
        return self.build(replace(spec, seed=seed), parent_id=exam_id)

    def bring_into_study(self, exam_id: int) -> BroughtIntoStudy:
        """Make the missed cards due now (one undoable action). A missed card never studied
        stays new (FSRS starts a card with its first rating): it is counted apart."""
        exam = self.get(exam_id)
        kinds, notes = self.missed(exam)
        now = self.clock()
        card_ids = cards_for(self.bank, kinds, notes)
        still_new = 0
        already_due = 0

        def due_now(card: CardRecord) -> CardRecord:
            nonlocal still_new, already_due
            if card.state == NEW:
                still_new += 1
                return card
            if card.due <= now:
                already_due += 1
                return card
            return card.with_changes(due=now)

        changed = change_cards(self.bank, "reschedule", card_ids, due_now, now)
        return BroughtIntoStudy(made_due=len(changed), already_due=already_due,
                                still_new=still_new)


def _item(exam: ExamRecord, n: int) -> ExamItemRecord:
    try:
        return exam.item(n)
    except KeyError:
        raise InputError(f"exam {exam.id} has no item {n}; its items are 1 to "
                         f"{len(exam.items)}.") from None
