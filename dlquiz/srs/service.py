"""The study service both front ends use: the TUI and `dlquiz review` call the same methods,
so a session in the terminal and a scripted session behave identically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING

from dlquiz.srs import queue, skills
from dlquiz.srs.days import local_zone
from dlquiz.srs.records import (
    DueForecast,
    QueueCard,
    QueueCounts,
    QueueFilter,
    RatingResult,
    UndoResult,
)
from dlquiz.srs.settings import StudySettings, load_settings
from dlquiz.store.database import Bank
from dlquiz.store.errors import BankError
from dlquiz.store.records import NoteDetail
from dlquiz.store.repository import builtin_twin, get_note

if TYPE_CHECKING:
    from engine.questions import Question, Verdict

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class StudyItem:
    """A card ready to show: the note behind it, or the question generated for it."""

    card: QueueCard
    note: NoteDetail | None
    question: Question | None
    twin: NoteDetail | None = None  # the built-in answer to a draft or partial note


@dataclass(frozen=True)
class SkillCheck:
    verdict: Verdict
    proposed_rating: int


class StudyService:
    """Scheduling operations on one bank with one clock, zone and filter."""

    def __init__(self, bank: Bank, *, filters: QueueFilter = QueueFilter(), lang: str = "zh",
                 clock: Clock = utc_now, zone: tzinfo | None = None,
                 settings: StudySettings | None = None,
                 seeds: Callable[[], int] = skills.random_seed) -> None:
        self.bank = bank
        self.seeds = seeds
        self.filters = filters
        self.lang = lang
        self.clock = clock
        self.zone = zone or local_zone()
        self._settings = settings

    def with_settings(self, settings: StudySettings) -> StudyService:
        """The same service with other settings (e.g. a raised new-card limit for today)."""
        return StudyService(self.bank, filters=self.filters, lang=self.lang, clock=self.clock,
                            zone=self.zone, settings=settings, seeds=self.seeds)

    @cached_property
    def settings(self) -> StudySettings:
        if self._settings is not None:
            return self._settings
        with self.bank.sessions() as session:
            return load_settings(session)

    @cached_property
    def skill_topics(self) -> dict[str, str]:
        from engine.questions import list_kinds  # deferred: numpy only when skills are needed

        return {k.id: k.topic for k in list_kinds()}

    def ensure_skills(self) -> int:
        with self.bank.sessions() as session:
            return skills.ensure_skill_cards(session, self.skill_topics, self.clock())

    def counts(self) -> QueueCounts:
        topics = self.skill_topics if self.filters.topic else {}
        with self.bank.sessions() as session:
            return queue.queue_counts(session, self.clock(), self.zone, self.settings,
                                      self.filters, topics)

    def forecast(self) -> DueForecast:
        with self.bank.sessions() as session:
            return queue.forecast(session, self.clock(), self.zone, self.settings, self.filters)

    def next_item(self, exclude: frozenset[int] = frozenset()) -> StudyItem | None:
        """The next card with its content; a skill card gets (or keeps) its pending question."""
        from dlquiz.srs import recording  # deferred: fsrs is not needed to count cards

        topics = self.skill_topics if self.filters.topic else {}
        with self.bank.sessions() as session:
            card = queue.next_card(session, self.clock(), self.zone, self.settings,
                                   self.filters, topics, exclude)
            if card is None:
                return None
            if card.note_id is not None:
                note = get_note(session, card.note_id)
                twin = builtin_twin(session, note.id) if note.status != "answered" else None
                return StudyItem(card=card, note=note, question=None, twin=twin)
            row = recording.get_card(session, card.card_id)
            qid = card.pending_question
            if qid is None:
                assert card.skill_kind is not None
                qid = skills.fresh_question_id(
                    card.skill_kind, skills.skill_difficulty(row.reps, row.stability),
                    self.seeds())
                recording.set_pending_question(session, card.card_id, qid)
        from engine.questions import question_from_id

        return StudyItem(card=card, note=None, question=question_from_id(qid, self.lang))

    def check_skill(self, question_id: str, answer: str) -> SkillCheck:
        from engine.questions import check

        verdict = check(question_id, answer, self.lang)
        return SkillCheck(verdict=verdict, proposed_rating=3 if verdict.correct else 1)

    def practice_question(self, kind: str, difficulty: int = 1) -> Question:
        """An unscheduled question of a kind a note links to (`**练习**`), fresh numbers."""
        from engine.questions import generate

        return generate(kind, difficulty, self.seeds(), self.lang)

    def check_practice(self, question: Question, answer: str) -> Verdict:
        """Check an answer to a practice question and keep the attempt for progress stats."""
        from dlquiz.store.attempts import record_attempt

        verdict = self.check_skill(question.id, answer).verdict
        with self.bank.sessions() as session:
            record_attempt(session, question_id=question.id, kind=question.kind,
                           difficulty=question.difficulty, answer=answer,
                           correct=verdict.correct, score=verdict.score,
                           diagnosis=verdict.diagnosis, answered_at=self.clock(),
                           duration_ms=None)
        return verdict

    def previews(self, card_id: int) -> dict[int, timedelta]:
        from dlquiz.srs import recording  # deferred: fsrs is not needed to count cards

        with self.bank.sessions() as session:
            return recording.interval_preview(session, card_id, self.clock(), self.settings)

    def rate(self, card_id: int, rating: int, *, answer: str | None = None,
             duration_ms: int | None = None) -> tuple[RatingResult, Verdict | None]:
        """Record a rating; a skill card needs the typed answer, checked against the question
        it was shown."""
        from dlquiz.srs import recording  # deferred: fsrs is not needed to count cards

        verdict = None
        question_id = None
        with self.bank.sessions() as session:
            row = recording.get_card(session, card_id)
            if row.skill_kind is not None:
                if answer is None:
                    raise BankError(f"card {card_id} is a skill card: give the answer you typed "
                                    "with --answer so it can be checked.")
                question_id = row.pending_question
                if question_id is None:
                    raise BankError(f"card {card_id} has no question on show; run "
                                    "`dlquiz review next` to get one first.")
        if question_id is not None and answer is not None:
            verdict = self.check_skill(question_id, answer).verdict
        with self.bank.sessions() as session:
            result = recording.rate(
                session, card_id, rating, self.clock(), self.settings, answer=answer,
                correct=verdict.correct if verdict else None, question_id=question_id,
                duration_ms=duration_ms)
        return result, verdict

    def undo(self) -> UndoResult | None:
        from dlquiz.srs import recording  # deferred: fsrs is not needed to count cards

        with self.bank.sessions() as session:
            return recording.undo_last(session)

    def suspend(self, card_id: int) -> None:
        from dlquiz.srs import recording  # deferred: fsrs is not needed to count cards

        with self.bank.sessions() as session:
            recording.set_suspended(session, [card_id], True)

    def unsuspend(self, card_id: int) -> None:
        from dlquiz.srs import recording  # deferred: fsrs is not needed to count cards

        with self.bank.sessions() as session:
            recording.set_suspended(session, [card_id], False)

    def bury(self, card_id: int) -> datetime:
        from dlquiz.srs import recording  # deferred: fsrs is not needed to count cards

        with self.bank.sessions() as session:
            return recording.bury(session, card_id, self.clock(), self.zone, self.settings)
